"""A sensor whose callable raises: with retries it is retried like any task."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_sensor_exception", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task.sensor(poke_interval=0.05, timeout=10, retries=1, retry_delay=timedelta(seconds=0))
    def broken():
        raise KeyError("missing")

    @task.sensor(poke_interval=0.05, timeout=10)
    def plain_true():
        return True

    @task
    def after():
        return "after"

    broken() >> after()
    plain_true()
