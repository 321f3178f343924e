"""chain() with lists of equal length pairs them; a list next to a single task fans in/out."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, chain, task

with DAG(dag_id="more_chain_lists", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    start = EmptyOperator(task_id="start")
    b1, b2 = EmptyOperator(task_id="b1"), EmptyOperator(task_id="b2")
    c1, c2 = EmptyOperator(task_id="c1"), EmptyOperator(task_id="c2")

    @task
    def fail_c():
        raise ValueError("c")

    c3 = fail_c()
    d1, d2 = EmptyOperator(task_id="d1"), EmptyOperator(task_id="d2")
    end = EmptyOperator(task_id="end", trigger_rule="one_success")
    chain(start, [b1, b2], [c1, c3], end)
    chain([c1, c3], [d1, d2])
