"""Sensors: wait for a condition, poking every ``poke_interval`` until ``timeout``.

Run it:  quizapp sandbox run sensors

``wait_for_file`` finds its file on the third poke: pokes at 00:00, 00:30 and 01:00
on the virtual clock (no real waiting). ``wait_for_partner`` never sees its data: after
``timeout`` (5 minutes) it gives up; with ``soft_fail=True`` it is *skipped* instead of
failed, and sensors never retry a timeout. ``mode="reschedule"`` frees the worker slot
between pokes (state ``up_for_reschedule``) and keeps the same try number.
"""

from datetime import datetime

from airflow.providers.standard.sensors.python import PythonSensor
from airflow.sdk import DAG, PokeReturnValue, task

POKES = {"count": 0}


def file_has_landed():
    POKES["count"] += 1
    print(f"poke {POKES['count']}: looking for s3://landing/orders.csv")
    if POKES["count"] < 3:
        return False
    # PokeReturnValue ends the wait and pushes an XCom for downstream tasks.
    return PokeReturnValue(is_done=True, xcom_value="s3://landing/orders.csv")


with DAG(
    dag_id="sensors",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:
    wait_for_file = PythonSensor(
        task_id="wait_for_file",
        python_callable=file_has_landed,
        poke_interval=30,
        timeout=600,
        mode="poke",
    )

    @task.sensor(poke_interval=60, timeout=300, mode="reschedule", soft_fail=True)
    def wait_for_partner():
        return False  # the partner's export never arrives

    @task
    def load(path):
        return f"loaded {path}"

    @task(trigger_rule="none_failed")
    def finish():
        return "done"

    [load(wait_for_file.output), wait_for_partner()] >> finish()

# What the run shows:
# => wait_for_file: success (try 1)
# => load: success (try 1)
# => wait_for_partner: skipped (try 1)
# => finish: success (try 1)
# => run: success
