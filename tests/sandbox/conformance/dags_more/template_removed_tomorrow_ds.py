"""A template naming 'tomorrow_ds' (an Airflow 2 name): how Airflow 3 renders it."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG(
    dag_id="more_template_removed_tomorrow_ds",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="@daily",
):
    t = BashOperator(task_id="echo", bash_command="echo [{{ tomorrow_ds }}]")
    t >> EmptyOperator(task_id="after")
