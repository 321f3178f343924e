"""TaskGroup with prefix_group_id=False and a TaskGroup built with @task_group returning a value."""

from datetime import UTC, datetime

from airflow.sdk import DAG, TaskGroup, task, task_group

with DAG(
    dag_id="more_group_prefix_false", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):
    with TaskGroup("plain", prefix_group_id=False):

        @task
        def one():
            return 1

    @task_group
    def adder(x):
        @task
        def plus_ten(v):
            return v + 10

        return plus_ten(x)

    @task
    def show(v):
        return f"got {v}"

    show(adder(one()))
