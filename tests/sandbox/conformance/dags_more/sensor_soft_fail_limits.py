"""soft_fail sensors with both timeout and execution_timeout, and retries."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="ssf_timeout_first", start_date=START, schedule=None):
    never = PythonSensor(
        task_id="never",
        python_callable=lambda: False,
        poke_interval=20,
        timeout=40,
        execution_timeout=timedelta(seconds=50),
        soft_fail=True,
        retries=1,
        retry_delay=timedelta(seconds=5),
    )

    @task(trigger_rule="all_done")
    def after():
        return "done"

    never >> after()

with DAG(dag_id="ssf_exec_first", start_date=START, schedule=None):
    slow = PythonSensor(
        task_id="slow",
        python_callable=lambda: False,
        poke_interval=20,
        timeout=100,
        execution_timeout=timedelta(seconds=50),
        soft_fail=True,
        retries=1,
        retry_delay=timedelta(seconds=5),
    )
    equal = PythonSensor(
        task_id="equal",
        python_callable=lambda: False,
        poke_interval=15,
        timeout=45,
        execution_timeout=timedelta(seconds=45),
        soft_fail=True,
        retries=1,
        retry_delay=timedelta(seconds=5),
    )

with DAG(dag_id="ssf_decorated", start_date=START, schedule=None):

    @task.sensor(
        poke_interval=10,
        timeout=30,
        soft_fail=True,
        retries=2,
        execution_timeout=timedelta(seconds=35),
    )
    def wait_for_it():
        return False

    @task
    def downstream():
        return "x"

    wait_for_it() >> downstream()
