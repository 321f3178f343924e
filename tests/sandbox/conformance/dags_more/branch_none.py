"""A branch returning None skips every direct downstream task."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import BranchPythonOperator
from airflow.sdk import DAG

with DAG(dag_id="more_branch_none", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    br = BranchPythonOperator(task_id="br", python_callable=lambda: None)
    x = EmptyOperator(task_id="x")
    y = EmptyOperator(task_id="y")
    done = EmptyOperator(task_id="done", trigger_rule="all_done")
    nf = EmptyOperator(task_id="nf", trigger_rule="none_failed")
    br >> [x, y] >> done
    [x, y] >> nf
