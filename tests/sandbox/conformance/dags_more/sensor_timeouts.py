"""Sensors that never succeed: timeout fails without retries, soft_fail skips, downstream rules."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG

with DAG(dag_id="more_sensor_timeouts", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    hard = PythonSensor(
        task_id="hard",
        python_callable=lambda: False,
        poke_interval=0.1,
        timeout=0.3,
        mode="poke",
        retries=2,
        retry_delay=timedelta(seconds=0),
    )
    soft = PythonSensor(
        task_id="soft",
        python_callable=lambda: False,
        poke_interval=0.1,
        timeout=0.3,
        mode="poke",
        soft_fail=True,
    )
    after_hard = EmptyOperator(task_id="after_hard")
    after_soft = EmptyOperator(task_id="after_soft")
    either = EmptyOperator(task_id="either", trigger_rule="one_done")
    hard >> after_hard
    soft >> after_soft
    [hard, soft] >> either
