"""Templates with an undefined name and a missing param; a good one beside them."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_template_undefined",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    params={"known": 1},
):
    PythonOperator(
        task_id="undefined_name", python_callable=lambda v: v, op_args=["{{ not_a_name }}"]
    )
    PythonOperator(
        task_id="missing_param", python_callable=lambda v: v, op_args=["[{{ params.unknown }}]"]
    )
    PythonOperator(
        task_id="attr_of_undefined",
        python_callable=lambda v: v,
        op_args=["{{ params.unknown.deeper }}"],
    )

    @task
    def good(v="{{ params.known + 1 }}|{{ params }}"):
        return v

    good()
