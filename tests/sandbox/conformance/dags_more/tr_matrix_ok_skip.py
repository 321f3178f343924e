"""Every trigger rule over one success and one skipped upstream, then a second layer."""

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
    dag_id="more_tr_matrix_ok_skip", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def ok():
        return 1

    @task
    def skp():
        raise AirflowSkipException()

    ups = [ok(), skp()]
    for rule in RULES:
        t = EmptyOperator(task_id=f"r_{rule}", trigger_rule=rule)
        ups >> t
        t >> EmptyOperator(task_id=f"after_{rule}")
