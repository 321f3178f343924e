"""Data intervals for @once, @hourly, a cron with a weekday and a 30-minute delta."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task


def window(**context):
    return [
        context["data_interval_start"].isoformat(),
        context["data_interval_end"].isoformat(),
        context["ds"],
        context["ts"],
    ]


for dag_id, schedule in [
    ("more_sched_once", "@once"),
    ("more_sched_hourly", "@hourly"),
    ("more_sched_mondays", "30 6 * * 1"),
    ("more_sched_half_hour", timedelta(minutes=30)),
]:
    with DAG(dag_id=dag_id, start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=schedule) as d:
        task(window)()
    globals()[dag_id] = d
