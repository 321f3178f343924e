"""Setup/teardown with the context-manager form, two setups and a failing work task in scope."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_st_context_manager", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def make_db():
        return "db"

    @task
    def make_bucket():
        return "bucket"

    @task
    def drop_all():
        return "dropped"

    @task
    def load():
        raise RuntimeError("load failed")

    @task
    def report():
        return "report"

    db = make_db().as_setup()
    bucket = make_bucket().as_setup()
    td = drop_all().as_teardown(setups=[db, bucket])
    with td:
        ld = load()
        r = report()
        ld >> r
    td >> EmptyOperator(task_id="after_scope", trigger_rule="all_done")
