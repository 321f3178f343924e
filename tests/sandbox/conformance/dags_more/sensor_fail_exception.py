"""A sensor raising AirflowFailException fails without retrying; one raising AirflowSkipException skips."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

with DAG(
    dag_id="more_sensor_fail_exception", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task.sensor(poke_interval=0.05, timeout=10, retries=2, retry_delay=timedelta(seconds=0))
    def fatal():
        raise AirflowFailException("no point waiting")

    @task.sensor(poke_interval=0.05, timeout=10, mode="reschedule")
    def skipper():
        raise AirflowSkipException("not today")

    fatal() >> EmptyOperator(task_id="after_fatal")
    skipper() >> EmptyOperator(task_id="after_skip")
