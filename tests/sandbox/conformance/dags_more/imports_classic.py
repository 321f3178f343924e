"""Airflow 2 style import paths Airflow 3 still accepts, with a classic branch operator."""

from datetime import UTC, datetime

from airflow.exceptions import AirflowSkipException
from airflow.models.dag import DAG
from airflow.operators.empty import EmptyOperator
from airflow.operators.python import BranchPythonOperator, PythonOperator
from airflow.utils.trigger_rule import TriggerRule


def choose(**context):
    return "weekday" if context["logical_date"].weekday() < 5 else "weekend"


def maybe_skip():
    raise AirflowSkipException("not today")


with DAG(dag_id="more_imports_classic", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    br = BranchPythonOperator(task_id="br", python_callable=choose)
    weekday = PythonOperator(task_id="weekday", python_callable=maybe_skip)
    weekend = EmptyOperator(task_id="weekend")
    join = EmptyOperator(task_id="join", trigger_rule=TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)
    final = EmptyOperator(task_id="final", trigger_rule=TriggerRule.ALL_SKIPPED)
    br >> [weekday, weekend] >> join >> final
