"""Every trigger rule when all upstreams were skipped."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException

RULES = [
    "all_success",
    "all_failed",
    "all_done",
    "all_done_min_one_success",
    "all_skipped",
    "one_success",
    "one_failed",
    "one_done",
    "none_failed",
    "none_skipped",
    "always",
    "none_failed_min_one_success",
]

with DAG(
    dag_id="more_tr_matrix_all_skipped", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def s1():
        raise AirflowSkipException()

    @task
    def s2():
        raise AirflowSkipException()

    ups = [s1(), s2()]
    for rule in RULES:
        ups >> EmptyOperator(task_id=f"r_{rule}", trigger_rule=rule)
