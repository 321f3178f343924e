"""Retries counting: failures after success in a chain, all_failed after a retried failure."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(
    dag_id="more_retry_chain_rules",
    start_date=START,
    schedule=None,
    default_args={"retries": 1, "retry_delay": timedelta(seconds=0)},
):

    @task
    def fails_twice():
        raise RuntimeError("down")

    @task(trigger_rule="all_failed", retries=0)
    def on_all_failed():
        return "all failed"

    @task(trigger_rule="one_success")
    def needs_one():
        return "one"

    @task(trigger_rule="all_done")
    def fails_after(ti=None):
        raise RuntimeError(f"try {ti.try_number}")

    f = fails_twice()
    f >> on_all_failed()
    f >> needs_one()
    f >> fails_after()
