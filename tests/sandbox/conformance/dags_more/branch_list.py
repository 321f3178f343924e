"""A branch returning a list of two of three paths; joins with different rules."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(dag_id="more_branch_list", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task.branch
    def pick():
        return ["a", "c"]

    a, b, c = (EmptyOperator(task_id=t) for t in "abc")
    j1 = EmptyOperator(task_id="join_all_success")
    j2 = EmptyOperator(task_id="join_nfmos", trigger_rule="none_failed_min_one_success")
    j3 = EmptyOperator(task_id="join_one_success", trigger_rule="one_success")
    p = pick()
    p >> [a, b, c]
    [a, b, c] >> j1
    [a, b, c] >> j2
    [a, b] >> j3
