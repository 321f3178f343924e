"""The same @task called twice gets suffixed ids; override(task_id=...); a task_group used twice."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task, task_group

with DAG(dag_id="more_task_reuse_ids", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def add(x, y):
        return x + y

    @task_group
    def twice(v):
        return add(v, v)

    first = add(1, 2)
    second = add(first, 10)
    named = add.override(task_id="named_add")(second, 100)
    twice(named)
    twice(first)
