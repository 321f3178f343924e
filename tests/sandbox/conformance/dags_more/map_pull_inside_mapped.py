"""A mapped task pulling from another mapped task and from an unmapped one, without map_indexes."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_map_pull_inside_mapped", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def base():
        return 100

    @task
    def first(x):
        return x * 10

    @task
    def second(y, ti=None):
        return {
            "all_first": ti.xcom_pull(task_ids="first"),
            "base": ti.xcom_pull(task_ids="base"),
            "mine": y,
            "idx": ti.map_index,
        }

    f = first.expand(x=[1, 2])
    b = base()
    [f, b] >> second.expand(y=[7, 8])
