"""Data intervals for several schedules in one file (each DAG its own run)."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task
from airflow.timetables.trigger import CronTriggerTimetable


def window(**context):
    return [
        context["data_interval_start"].isoformat(),
        context["data_interval_end"].isoformat(),
        context["ds"],
    ]


for dag_id, schedule in [
    ("more_sched_weekly", "@weekly"),
    ("more_sched_delta", timedelta(hours=6)),
    ("more_sched_cron_trigger", CronTriggerTimetable("0 6 * * *", timezone="UTC")),
    ("more_sched_monthly", "0 0 1 * *"),
]:
    with DAG(dag_id=dag_id, start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=schedule) as d:
        task(window)()
    globals()[dag_id] = d
