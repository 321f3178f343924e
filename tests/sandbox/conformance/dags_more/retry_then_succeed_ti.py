"""Retries: a task that succeeds on its third try, one that exhausts retries, exponential backoff."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_retry_then_succeed_ti", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task(retries=3, retry_delay=timedelta(seconds=0))
    def third_time(ti=None):
        if ti.try_number < 3:
            raise ConnectionError(f"try {ti.try_number}")
        return {"try": ti.try_number, "max": ti.max_tries}

    @task(
        retries=2,
        retry_delay=timedelta(seconds=0),
        retry_exponential_backoff=True,
        max_retry_delay=timedelta(seconds=1),
    )
    def never():
        raise RuntimeError("always")

    @task(trigger_rule="one_failed")
    def alert():
        return "alerted"

    t = third_time()
    n = never()
    [t, n] >> alert()
