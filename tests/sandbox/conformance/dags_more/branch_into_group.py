"""A branch that follows a task inside a TaskGroup; the other group is skipped."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

with DAG(
    dag_id="more_branch_into_group", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task.branch
    def choose(**context):
        return "left.first"

    with TaskGroup("left") as left:
        first = EmptyOperator(task_id="first")
        second = EmptyOperator(task_id="second")
        first >> second
    with TaskGroup("right") as right:
        r1 = EmptyOperator(task_id="r1")
        r2 = EmptyOperator(task_id="r2")
        r1 >> r2
    end = EmptyOperator(task_id="end", trigger_rule="none_failed_min_one_success")
    choose() >> [left, right] >> end
