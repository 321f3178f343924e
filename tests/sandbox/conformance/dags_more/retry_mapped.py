"""Mapped elements that retry: element 0 succeeds on try 2, element 1 exhausts its retries."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task

with DAG(dag_id="more_retry_mapped", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task(retries=1, retry_delay=timedelta(seconds=0))
    def work(x, ti=None):
        if x == "bad" or ti.try_number == 1:
            raise ValueError(x)
        return f"{x}@{ti.try_number}"

    @task(trigger_rule="all_done")
    def summary(vals):
        return list(vals)

    summary(work.expand(x=["good", "bad"]))
