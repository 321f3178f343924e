"""Every trigger rule over a success and an upstream_failed upstream; PythonOperator style."""

from datetime import UTC, datetime

from airflow import DAG
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import TriggerRule


def fail():
    raise ValueError("no")


with DAG(
    dag_id="more_tr_matrix_ok_uf", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
) as dag:
    ok = PythonOperator(task_id="ok", python_callable=lambda: "fine")
    bad = PythonOperator(task_id="bad", python_callable=fail)
    uf = EmptyOperator(task_id="uf")
    bad >> uf
    for rule in TriggerRule:
        if rule.value == "all_done_setup_success":
            continue
        [ok, uf] >> EmptyOperator(task_id=f"r_{rule.value}", trigger_rule=rule)
