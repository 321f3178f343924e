"""override() with retries and an int retry_delay on a mapped task; a sensor with exponential_backoff."""

from datetime import UTC, datetime

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_override_retries", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def maybe(x, ti=None):
        if x > 1 and ti.try_number < x:
            raise ValueError(x)
        return [x, ti.try_number]

    maybe.override(retries=2, retry_delay=0).expand(x=[1, 2, 3, 4])
    PythonSensor(
        task_id="backoff",
        python_callable=lambda: True,
        poke_interval=0.05,
        timeout=5,
        exponential_backoff=True,
    )
