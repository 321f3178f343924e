"""Airflow 2's import path airflow.operators.python: Airflow 3.3 still imports it."""

from datetime import UTC, datetime

from airflow.operators.python import PythonOperator
from airflow.sdk import DAG

with DAG(
    dag_id="a2_operators_python_path",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):
    PythonOperator(task_id="t", python_callable=lambda: "still imports")
