"""Every trigger rule when upstreams failed or are upstream_failed."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

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
    dag_id="more_tr_matrix_failed", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def f1():
        raise RuntimeError("x")

    @task
    def f2():
        raise RuntimeError("y")

    a = f1()
    uf = EmptyOperator(task_id="uf")
    a >> uf
    ups = [a, f2(), uf]
    for rule in RULES:
        ups >> EmptyOperator(task_id=f"r_{rule}", trigger_rule=rule)
