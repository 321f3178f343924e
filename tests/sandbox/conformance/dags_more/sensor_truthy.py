"""Sensor callables returning truthy and falsy non-bool values; PokeReturnValue not done."""

from datetime import UTC, datetime

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, PokeReturnValue, task

with DAG(dag_id="more_sensor_truthy", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    PythonSensor(task_id="list_ok", python_callable=lambda: ["file"], poke_interval=0.05, timeout=5)
    PythonSensor(
        task_id="empty_dict",
        python_callable=lambda: {},
        poke_interval=0.05,
        timeout=0.2,
        soft_fail=True,
    )

    @task.sensor(poke_interval=0.05, timeout=0.2)
    def not_done():
        return PokeReturnValue(is_done=False, xcom_value="partial")

    @task.sensor(poke_interval=0.05, timeout=5)
    def plain_value():
        return "yes"

    not_done()
    plain_value()
