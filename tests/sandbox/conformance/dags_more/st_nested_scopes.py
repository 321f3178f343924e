"""Nested setup/teardown scopes: the inner work fails; both teardowns run."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown

with DAG(
    dag_id="more_st_nested_scopes", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @setup
    def outer_up():
        return "outer"

    @teardown
    def outer_down():
        return "outer down"

    @setup
    def inner_up():
        return "inner"

    @teardown
    def inner_down():
        return "inner down"

    @task
    def inner_work():
        raise ValueError("inner")

    @task
    def outer_work():
        return "outer work"

    ou, od = outer_up(), outer_down()
    iu, idn = inner_up(), inner_down()
    ou >> iu >> inner_work() >> idn >> outer_work() >> od
    ou >> od
    iu >> idn
