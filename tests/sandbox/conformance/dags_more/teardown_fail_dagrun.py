"""A teardown with on_failure_fail_dagrun=True fails the run; a plain failing teardown does not."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown

with DAG(
    dag_id="more_teardown_fail_dagrun", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @setup
    def s():
        return 1

    @task
    def w():
        return 2

    @teardown(on_failure_fail_dagrun=True)
    def t():
        raise RuntimeError("strict teardown")

    ss = s()
    tt = t()
    ss >> w() >> tt
    ss >> tt
