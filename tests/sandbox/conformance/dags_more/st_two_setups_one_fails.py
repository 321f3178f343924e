"""A teardown with two setups, one of which fails; the work in scope; a task after the teardown."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_st_two_setups_one_fails",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task
    def good_setup():
        return "ok"

    @task
    def bad_setup():
        raise RuntimeError("no")

    @task
    def cleanup():
        return "cleaned"

    @task
    def work():
        return "w"

    g = good_setup().as_setup()
    b = bad_setup().as_setup()
    c = cleanup().as_teardown(setups=[g, b])
    [g, b] >> work() >> c
    c >> EmptyOperator(task_id="after")
