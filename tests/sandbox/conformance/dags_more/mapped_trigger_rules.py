"""Trigger rules on mapped tasks: an all_done mapped task after a failure, none_skipped after a skip."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException

with DAG(
    dag_id="more_mapped_trigger_rules", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def bad():
        raise ValueError("x")

    @task
    def skipper():
        raise AirflowSkipException()

    @task(trigger_rule="all_done")
    def after_bad(x):
        return x

    @task(trigger_rule="none_skipped")
    def after_skip(x):
        return x

    @task(trigger_rule="none_failed")
    def after_skip_nf(x):
        return -x

    bad() >> after_bad.expand(x=[1, 2])
    s = skipper()
    s >> after_skip.expand(x=[3])
    s >> after_skip_nf.expand(x=[4, 5])
