"""render_template_as_native_obj=True: templates give Python objects, not strings."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_native_templates",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    params={"n": 3, "names": ["a", "b"]},
    render_template_as_native_obj=True,
):
    PythonOperator(
        task_id="native",
        python_callable=lambda n, names, expr, text: [n + 1, names[::-1], expr, text],
        op_args=["{{ params.n }}", "{{ params.names }}", "{{ [1, 2] + [3] }}", "day {{ ds }}"],
    )

    @task
    def types(v):
        return type(v).__name__

    types("{{ params.n * 2 }}")
