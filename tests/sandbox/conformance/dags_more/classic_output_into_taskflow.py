"""A classic operator's .output feeds TaskFlow; cross_downstream; PythonOperator mapped over op_kwargs."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, cross_downstream, task

with DAG(
    dag_id="more_classic_output_into_taskflow",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):
    b = BashOperator(task_id="b", bash_command="echo 41")

    @task
    def inc(v):
        return int(v) + 1

    inc(b.output)
    x1, x2, y1, y2 = (EmptyOperator(task_id=t) for t in ("x1", "x2", "y1", "y2"))
    cross_downstream([x1, x2], [y1, y2])
    PythonOperator.partial(task_id="kw", python_callable=lambda a, b: a * b).expand(
        op_kwargs=[{"a": 1, "b": 2}, {"a": 3, "b": 4}]
    )
