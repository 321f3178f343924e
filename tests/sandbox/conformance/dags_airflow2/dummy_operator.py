"""Airflow 2's DummyOperator."""

from datetime import datetime

from airflow.operators.dummy import DummyOperator
from airflow.sdk import DAG

with DAG(dag_id="a2_dummy", start_date=datetime(2024, 1, 1), schedule=None):
    DummyOperator(task_id="t")
