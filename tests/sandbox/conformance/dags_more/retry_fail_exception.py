"""AirflowFailException fails at once despite retries; AirflowSkipException skips at once."""

from datetime import UTC, datetime, timedelta

from airflow.exceptions import AirflowFailException, AirflowSkipException
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_retry_fail_exception",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    default_args={"retries": 3, "retry_delay": timedelta(seconds=0)},
):

    @task
    def hard_fail():
        raise AirflowFailException("stop")

    @task
    def skip_me():
        raise AirflowSkipException("skip")

    @task
    def after_skip():
        return "never"

    @task(trigger_rule="all_done")
    def report():
        return "reported"

    hf = hard_fail()
    s = skip_me()
    s >> after_skip()
    [hf, s] >> report()
