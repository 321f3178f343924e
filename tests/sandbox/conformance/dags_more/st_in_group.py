"""Setup/teardown inside a TaskGroup followed by a task: the group's leaves leave the teardown out."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, setup, task, teardown

with DAG(dag_id="more_st_in_group", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    with TaskGroup("g") as g:

        @setup
        def up():
            return 1

        @task
        def work():
            return 2

        @teardown
        def down():
            raise RuntimeError("teardown fails")

        u, d = up(), down()
        u >> work() >> d
        u >> d
    g >> EmptyOperator(task_id="after_group")
