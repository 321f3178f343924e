"""Setup -> work -> teardown where the work fails: the teardown still runs, the run fails."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown

with DAG(
    dag_id="more_setup_teardown_ok", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @setup
    def create():
        return "cluster-1"

    @task
    def work(c):
        raise ValueError(c)

    @task
    def after_work():
        return "after"

    @teardown
    def delete(c):
        return f"deleted {c}"

    c = create()
    w = work(c)
    w >> delete(c)
    w >> after_work()
