"""ShortCircuit with a truthy value: nothing skipped, its value is the XCom."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator, ShortCircuitOperator
from airflow.sdk import DAG

with DAG(dag_id="more_sc_true_passes", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    sc = ShortCircuitOperator(task_id="sc", python_callable=lambda: {"n": 2})
    after = PythonOperator(
        task_id="after", python_callable=lambda ti: ti.xcom_pull(task_ids="sc")["n"] * 3
    )
    sc >> after
