"""A task that fails its first try and raises AirflowSkipException on the second."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException

with DAG(
    dag_id="more_retry_skip_on_retry", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task(retries=2, retry_delay=timedelta(seconds=0))
    def odd(ti=None):
        if ti.try_number == 1:
            raise ValueError("first")
        raise AirflowSkipException("then skip")

    @task
    def down():
        return 1

    @task(trigger_rule="none_failed")
    def down_nf():
        return 2

    o = odd()
    o >> down()
    o >> down_nf()
