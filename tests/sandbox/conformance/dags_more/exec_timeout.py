"""execution_timeout: a slow task times out on every try; a quick one does not."""

import time
from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task

with DAG(dag_id="more_exec_timeout", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task(execution_timeout=timedelta(seconds=1), retries=1, retry_delay=timedelta(seconds=0))
    def slow():
        deadline = time.monotonic() + 3  # busy Python code: interrupted at the timeout
        while time.monotonic() < deadline:
            pass
        return "late"

    @task(execution_timeout=timedelta(seconds=5))
    def quick():
        return "quick"

    @task(trigger_rule="all_done")
    def final():
        return "final"

    [slow(), quick()] >> final()
