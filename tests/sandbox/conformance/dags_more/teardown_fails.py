"""Work succeeds and the teardown fails: the run still succeeds (teardowns are not leaves that count)."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown

with DAG(dag_id="more_teardown_fails", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @setup
    def s():
        return "s"

    @task
    def w1():
        return "w1"

    @task
    def w2():
        return "w2"

    @teardown
    def t():
        raise RuntimeError("teardown broke")

    ss = s()
    tt = t()
    ss >> [w1(), w2()] >> tt
    ss >> tt
