"""multiple_outputs on a mapped task and on a classic PythonOperator."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_multiple_outputs_mapped",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task(multiple_outputs=True)
    def stats(x):
        return {"v": x, "sq": x * x}

    stats.expand(x=[2, 3])
    PythonOperator(
        task_id="classic",
        python_callable=lambda: {"a": 1, "b": [2]},
        multiple_outputs=True,
    )

    @task(multiple_outputs=True)
    def not_a_dict():
        return [1, 2]

    not_a_dict()
