"""Airflow 2's schedule_interval= on a DAG."""

from datetime import datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG(
    dag_id="a2_schedule_interval",
    start_date=datetime(2024, 1, 1),
    schedule_interval="@daily",
):
    EmptyOperator(task_id="t")
