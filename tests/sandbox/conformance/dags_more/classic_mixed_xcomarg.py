"""Classic operators taking TaskFlow outputs through op_args/op_kwargs; a templated ShortCircuit."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator, ShortCircuitOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_classic_mixed_xcomarg", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def numbers():
        return [1, 2, 3]

    n = numbers()
    total = PythonOperator(
        task_id="total",
        python_callable=lambda xs, scale: sum(xs) * scale,
        op_args=[n],
        op_kwargs={"scale": 2},
    )
    gate = ShortCircuitOperator(
        task_id="gate",
        python_callable=lambda day: day.endswith("15"),
        op_kwargs={"day": "{{ ds }}"},
    )
    total >> gate >> EmptyOperator(task_id="after_gate")

    @task
    def use_total(t):
        return t + 1

    use_total(total.output)
