"""A branch returning a TaskGroup's id follows the group's root tasks."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

with DAG(dag_id="more_branch_group_id", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task.branch
    def choose():
        return "grp"

    with TaskGroup("grp") as grp:
        g1 = EmptyOperator(task_id="g1")
        g2 = EmptyOperator(task_id="g2")
        g3 = EmptyOperator(task_id="g3")
        [g1, g2] >> g3
    other = EmptyOperator(task_id="other")
    choose() >> [grp, other]
