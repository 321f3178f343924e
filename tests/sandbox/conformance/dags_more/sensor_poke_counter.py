"""A poke-mode PythonSensor that is done on its third poke; a @task.sensor with PokeReturnValue."""

from datetime import UTC, datetime

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, PokeReturnValue, task

POKES = {"n": 0}


def ready():
    POKES["n"] += 1
    return POKES["n"] >= 3


with DAG(
    dag_id="more_sensor_poke_counter", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):
    wait = PythonSensor(
        task_id="wait", python_callable=ready, poke_interval=0.05, timeout=30, mode="poke"
    )

    @task.sensor(poke_interval=0.05, timeout=30, mode="poke")
    def wait_value():
        return PokeReturnValue(is_done=True, xcom_value={"file": "a.csv"})

    @task
    def use(v):
        return v["file"]

    wait >> use(wait_value())
