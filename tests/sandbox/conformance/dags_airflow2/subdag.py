"""Airflow 2's SubDagOperator."""

from datetime import datetime

from airflow.operators.subdag import SubDagOperator
from airflow.sdk import DAG

with DAG(dag_id="a2_subdag", start_date=datetime(2024, 1, 1), schedule=None) as parent:
    SubDagOperator(task_id="section", subdag=DAG("a2_subdag.section", schedule=None))
