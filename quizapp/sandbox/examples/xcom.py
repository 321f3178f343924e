"""XCom: how tasks hand small values to each other.

Run it:  quizapp sandbox run xcom

A task's return value is stored as the XCom ``return_value``; ``ti.xcom_push`` stores
other keys; ``ti.xcom_pull`` reads them. With TaskFlow, passing one task's result to
another does the push, the pull and the dependency for you. XComs live in Airflow's
database: keep them small (ids, paths, counts), never whole datasets.
"""

from datetime import datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task


def produce(ti):
    ti.xcom_push(key="row_count", value=3)  # an extra key
    return ["a.csv", "b.csv", "c.csv"]  # becomes the "return_value" XCom


def consume(ti):
    files = ti.xcom_pull(task_ids="produce")  # key defaults to "return_value"
    rows = ti.xcom_pull(task_ids="produce", key="row_count")
    print(f"pulled {files} and row_count={rows}")
    return len(files) == rows


with DAG(
    dag_id="xcom",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:
    producer = PythonOperator(task_id="produce", python_callable=produce)
    checker = PythonOperator(task_id="consume", python_callable=consume)
    producer >> checker

    @task(multiple_outputs=True)
    def stats():
        # multiple_outputs: each key is its own XCom (plus the whole dict)
        return {"min": 2, "max": 40}

    @task
    def spread(low, high):
        return high - low

    s = stats()
    width = spread(s["min"], s["max"])  # TaskFlow: arguments are pulled for you

    @task
    def both(ti=None):
        # A list of task ids gives a list of values, in that order.
        return ti.xcom_pull(task_ids=["spread", "consume"])

    [checker, width] >> both()

# What the run shows (see the xcom section of the output):
# => produce: success (try 1)
# => consume: success (try 1)
# => stats: success (try 1)
# => spread: success (try 1)
# => both: success (try 1)
# both's return value is [38, true]: spread's XCom, then consume's.
# => run: success
