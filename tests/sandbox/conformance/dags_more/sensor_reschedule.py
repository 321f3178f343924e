"""Reschedule-mode sensors: one done at once, one that times out, one that soft-fails."""

from datetime import UTC, datetime

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_sensor_reschedule", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):
    at_once = PythonSensor(
        task_id="at_once", python_callable=lambda: True, mode="reschedule", poke_interval=0.1
    )
    never = PythonSensor(
        task_id="never",
        python_callable=lambda: False,
        mode="reschedule",
        poke_interval=0.2,
        timeout=0.5,
    )
    never_soft = PythonSensor(
        task_id="never_soft",
        python_callable=lambda: False,
        mode="reschedule",
        poke_interval=0.2,
        timeout=0.5,
        soft_fail=True,
    )

    @task(trigger_rule="all_done")
    def summary():
        return "done"

    [at_once, never, never_soft] >> summary()
