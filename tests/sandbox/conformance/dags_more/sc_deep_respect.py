"""ShortCircuit False deep in a chain, trigger rules respected further down."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.sdk import DAG, chain

with DAG(dag_id="more_sc_deep_respect", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    sc = ShortCircuitOperator(
        task_id="sc", python_callable=lambda: 0, ignore_downstream_trigger_rules=False
    )
    c = EmptyOperator(task_id="c")
    d = EmptyOperator(task_id="d")
    e = EmptyOperator(task_id="e", trigger_rule="all_done")
    f = EmptyOperator(task_id="f", trigger_rule="none_failed")
    g = EmptyOperator(task_id="g")
    side = EmptyOperator(task_id="side")
    chain(a, b, sc, c, d, e, f, g)
    side >> d
