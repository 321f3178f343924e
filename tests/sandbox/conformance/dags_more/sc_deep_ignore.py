"""@task.short_circuit returning an empty list deep in a chain: everything below is skipped."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, chain, task

with DAG(dag_id="more_sc_deep_ignore", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def produce():
        return []

    @task.short_circuit
    def check(rows):
        return rows

    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b", trigger_rule="all_done")
    c = EmptyOperator(task_id="c", trigger_rule="always")
    other = EmptyOperator(task_id="other")
    chain(check(produce()), a, b, c)
    other >> c
