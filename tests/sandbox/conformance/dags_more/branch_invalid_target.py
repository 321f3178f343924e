"""A branch returning a task id that is not downstream of it, and one returning an empty list."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_branch_invalid_target", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task.branch
    def wrong():
        return "elsewhere"

    @task.branch
    def nothing():
        return []

    elsewhere = EmptyOperator(task_id="elsewhere")
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    c = EmptyOperator(task_id="c")
    wrong() >> a
    nothing() >> [b, c]
    elsewhere.doc = "not downstream of the branch"
