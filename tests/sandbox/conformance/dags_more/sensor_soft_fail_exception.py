"""soft_fail sensors whose poke raises, and a classic PythonSensor returning a PokeReturnValue."""

from datetime import UTC, datetime

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, PokeReturnValue, task

with DAG(
    dag_id="more_sensor_soft_fail_exception",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task.sensor(poke_interval=0.05, timeout=5, soft_fail=True)
    def raises_soft():
        raise ConnectionError("unreachable")

    def value_poke(path):
        return PokeReturnValue(is_done=True, xcom_value={"path": path})

    classic = PythonSensor(
        task_id="classic_value",
        python_callable=value_poke,
        op_kwargs={"path": "/data/{{ ds }}"},
        poke_interval=0.05,
    )

    @task
    def use(v):
        return v["path"]

    raises_soft()
    use(classic.output)
