"""Mapped elements with retries: AirflowFailException on one element is not retried."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="more_map_fail_exception", start_date=START, schedule=None):

    @task(retries=2, retry_delay=timedelta(seconds=0))
    def check(x, ti=None):
        if x == "fatal":
            raise AirflowFailException("bad input")
        if x == "flaky" and ti.try_number < 2:
            raise ConnectionError("retry me")
        if x == "skip":
            raise AirflowSkipException()
        return f"{x}:{ti.try_number}"

    @task(trigger_rule="one_failed")
    def alarm():
        return "alarm"

    check.expand(x=["ok", "fatal", "flaky", "skip"]) >> alarm()
