"""Every trigger rule over a mix: success, failed, skipped and upstream_failed upstreams."""

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

with DAG(dag_id="more_tr_matrix_mixed", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def ok():
        return "ok"

    @task
    def bad():
        raise ValueError("boom")

    @task
    def skp():
        raise AirflowSkipException("nope")

    uf = EmptyOperator(task_id="uf")
    b = bad()
    b >> uf
    ups = [ok(), b, skp(), uf]
    for rule in RULES:
        ups >> EmptyOperator(task_id=f"r_{rule}", trigger_rule=rule)
