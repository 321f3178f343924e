"""An hourly cron schedule, templated fields use the data interval."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_template_cron_hourly",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="0 * * * *",
    catchup=False,
):

    @task
    def window(**context):
        return [
            context["data_interval_start"].isoformat(),
            context["data_interval_end"].isoformat(),
            context["ds"],
            context["logical_date"].isoformat(),
        ]

    window()
