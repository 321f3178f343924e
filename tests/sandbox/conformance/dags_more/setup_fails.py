"""A failing setup: the work is upstream_failed, the teardown's all_done_setup_success rule applies."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(dag_id="more_setup_fails", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def make():
        raise RuntimeError("no cluster")

    @task
    def use():
        return 1

    @task
    def drop():
        return "dropped"

    s = make().as_setup()
    t = drop().as_teardown(setups=s)
    s >> use() >> t
    t >> EmptyOperator(task_id="after_teardown")
