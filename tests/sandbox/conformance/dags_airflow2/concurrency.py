"""Airflow 2's DAG(concurrency=...) and task_concurrency=..."""

from datetime import datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(dag_id="a2_concurrency", start_date=datetime(2024, 1, 1), schedule=None, concurrency=4):
    BashOperator(task_id="t", bash_command="echo hi", task_concurrency=1)
