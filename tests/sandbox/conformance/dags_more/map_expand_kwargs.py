"""expand_kwargs over a list of dicts from an upstream task, and a classic operator mapped."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_map_expand_kwargs", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def configs():
        return [{"a": 1, "b": 2}, {"a": 3, "b": 4}]

    @task
    def add(a, b):
        return a + b

    add.expand_kwargs(configs())
    PythonOperator.partial(task_id="py_mapped", python_callable=lambda x: x * 2).expand(
        op_args=[[1], [2], [3]]
    )
