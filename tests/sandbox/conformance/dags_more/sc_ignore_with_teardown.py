"""A short-circuit (ignoring trigger rules) inside a setup/teardown scope: the teardown still runs."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, setup, task, teardown

with DAG(
    dag_id="more_sc_ignore_with_teardown",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @setup
    def start():
        return "s"

    @task.short_circuit
    def gate():
        return False

    @teardown
    def stop():
        return "stopped"

    s = start()
    t = stop()
    work = EmptyOperator(task_id="work")
    s >> gate() >> work >> t
    s >> t
