"""Setup skipped or without setups: how teardowns and the work in scope end."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown
from airflow.sdk.exceptions import AirflowSkipException

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="more_setup_skipped", start_date=START, schedule=None):

    @setup
    def maybe():
        raise AirflowSkipException("no resource needed")

    @task
    def work():
        return "w"

    @teardown
    def release():
        return "released"

    m = maybe()
    r = release()
    m >> work() >> r
    m >> r

    @task
    def lone():
        return "lone"

    @teardown
    def lone_cleanup():
        return "cleaned"

    lone() >> lone_cleanup()
