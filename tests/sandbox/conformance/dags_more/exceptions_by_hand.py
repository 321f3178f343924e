"""Exceptions raised by hand in task code, each task with retries=2: which ones are retried."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task
from airflow.sdk.exceptions import (
    AirflowException,
    AirflowFailException,
    AirflowSensorTimeout,
    AirflowSkipException,
    AirflowTaskTimeout,
)

with DAG(
    dag_id="more_exceptions_by_hand",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    default_args={"retries": 2, "retry_delay": timedelta(seconds=0)},
):
    for name, exc in [
        ("airflow_exception", AirflowException),
        ("fail_exception", AirflowFailException),
        ("sensor_timeout", AirflowSensorTimeout),
        ("task_timeout", AirflowTaskTimeout),
        ("skip_exception", AirflowSkipException),
        ("key_error", KeyError),
        ("system_exit", SystemExit),
    ]:

        @task(task_id=name)
        def raiser(exc=exc):
            raise exc("by hand")

        raiser()
