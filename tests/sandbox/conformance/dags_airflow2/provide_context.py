"""Airflow 1/2's provide_context=True on a PythonOperator."""

from datetime import datetime

from airflow.operators.python import PythonOperator
from airflow.sdk import DAG


def show(**context):
    return context["ds"]


with DAG(dag_id="a2_provide_context", start_date=datetime(2024, 1, 1), schedule=None):
    PythonOperator(
        task_id="show",
        python_callable=show,
        provide_context=True,
    )
