"""Reschedule-mode @task.sensor done with a value, and a reschedule sensor with retries that times out."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, PokeReturnValue, task

with DAG(
    dag_id="more_sensor_reschedule_xcom", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task.sensor(mode="reschedule", poke_interval=0.1, timeout=5)
    def ready():
        return PokeReturnValue(is_done=True, xcom_value=[1, 2, 3])

    @task.sensor(
        mode="reschedule",
        poke_interval=0.2,
        timeout=0.5,
        retries=2,
        retry_delay=timedelta(seconds=0),
    )
    def never():
        return False

    @task
    def total(vals):
        return sum(vals)

    total(ready())
    never()
