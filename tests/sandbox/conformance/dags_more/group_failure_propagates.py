"""A failing task inside a group: the group's downstream task is upstream_failed, an all_done one runs."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task, task_group

with DAG(
    dag_id="more_group_failure_propagates",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task_group(group_id="etl")
    def etl():
        @task
        def extract():
            return [1, 2]

        @task
        def transform(rows):
            raise ValueError(rows)

        @task
        def load(rows):
            return rows

        load(transform(extract()))

    g = etl()
    after = EmptyOperator(task_id="after")
    cleanup = EmptyOperator(task_id="cleanup", trigger_rule="all_done")
    g >> [after, cleanup]
