"""Literal-mapped tasks downstream of a partly failed mapped task, with several trigger rules."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowException

with DAG(
    dag_id="more_map_upstream_partial_failure",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task(retries=1, retry_delay=timedelta(seconds=0))
    def up(x):
        if x == 2:
            raise AirflowException("generic failure is retried")
        return x

    @task
    def down_all_success(z):
        return z

    @task(trigger_rule="always")
    def down_always(z):
        return z

    @task(trigger_rule="one_success")
    def down_one_success(z):
        return z

    u = up.expand(x=[1, 2, 3])
    u >> down_all_success.expand(z=["a", "b"])
    u >> down_always.expand(z=["c"])
    u >> down_one_success.expand(z=["d"])
