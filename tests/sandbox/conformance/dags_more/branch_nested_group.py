"""A branch returning a nested TaskGroup id, and a branch inside a group returning a short id."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="more_branch_nested_group", start_date=START, schedule=None):

    @task.branch
    def top():
        return "outer.inner"

    with TaskGroup("outer") as outer:
        with TaskGroup("inner") as inner:
            EmptyOperator(task_id="i1") >> EmptyOperator(task_id="i2")
        solo = EmptyOperator(task_id="solo")
    top() >> [inner, solo]

    with TaskGroup("g") as g:

        @task.branch
        def local():
            return "x"

        x = EmptyOperator(task_id="x")
        y = EmptyOperator(task_id="y")
        local() >> [x, y]
    outer >> g
