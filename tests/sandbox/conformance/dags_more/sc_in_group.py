"""A ShortCircuit inside a TaskGroup that skips the rest of the group and the group's downstream."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

with DAG(dag_id="more_sc_in_group", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    with TaskGroup("checks") as checks:

        @task.short_circuit(ignore_downstream_trigger_rules=False)
        def gate():
            return False

        inner = EmptyOperator(task_id="inner")
        gate() >> inner
    tail = EmptyOperator(task_id="tail")
    tail_done = EmptyOperator(task_id="tail_done", trigger_rule="all_done")
    checks >> [tail, tail_done]
