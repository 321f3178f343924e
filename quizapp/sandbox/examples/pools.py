"""Pools: cap how many tasks use a shared resource at once.

Run it:  quizapp sandbox run pools --executor local

The ``api`` pool has 2 slots, so at most two ``call_api`` tasks run at the same time,
even though the local executor could run all six; ``big_export`` takes both slots
(``pool_slots=2``) and runs alone. Watch the "running" column. With the default
sequential executor one task runs at a time anyway.

In Airflow a pool lives in the metadata database (``airflow pools set api 2 "rate
limit"``); the sandbox reads ``SANDBOX_POOLS`` below instead (Airflow ignores it), or
``--pool api=2`` on the command line.
"""

import time
from datetime import datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG

SANDBOX_POOLS = {"api": 2}


def call_api(page):
    print(f"fetching page {page}")
    time.sleep(0.05)
    return page


with DAG(
    dag_id="pools",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
    max_active_tasks=8,
) as dag:
    calls = [
        PythonOperator(
            task_id=f"call_api_{page}",
            python_callable=call_api,
            op_args=[page],
            pool="api",
        )
        for page in range(6)
    ]
    big_export = PythonOperator(
        task_id="big_export",
        python_callable=call_api,
        op_args=["everything"],
        pool="api",
        pool_slots=2,
    )
    calls >> big_export

# What the run shows:
# => call_api_0: success (try 1)
# => call_api_5: success (try 1)
# => big_export: success (try 1)
# => run: success
