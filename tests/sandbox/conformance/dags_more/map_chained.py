"""A mapped task feeding another mapped task (per-element), then a reduce; map_index in the context."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(dag_id="more_map_chained", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def double(x):
        return x * 2

    @task
    def tag(y, ti=None):
        return f"{ti.map_index}-{y}"

    @task
    def join(tags):
        return ",".join(tags)

    join(tag.expand(y=double.expand(x=[1, 2, 3])))
