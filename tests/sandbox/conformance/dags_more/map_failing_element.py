"""A mapped task whose element 1 fails, element 2 skips; the reduce after it and all_done."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException

with DAG(
    dag_id="more_map_failing_element", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def numbers():
        return [10, 0, -1, 5]

    @task
    def invert(n):
        if n < 0:
            raise AirflowSkipException("negative")
        return 100 // n

    @task
    def total(vals):
        return sum(vals)

    @task(trigger_rule="all_done")
    def count(vals):
        return len(list(vals))

    inv = invert.expand(n=numbers())
    total(inv)
    count(inv)
