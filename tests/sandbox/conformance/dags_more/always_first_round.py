"""Trigger rules evaluated once per scheduling round: always starts in the first round."""

from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="afr_always_reads_xcom", start_date=START, schedule=None):

    @task
    def produce():
        return 5

    @task
    def middle():
        return 6

    @task(trigger_rule="always")
    def watcher(ti=None):
        return ti.xcom_pull(task_ids="middle")

    produce() >> middle() >> watcher()

with DAG(dag_id="afr_one_success_vs_failure", start_date=START, schedule=None):

    @task
    def ok():
        return "ok"

    @task
    def bad():
        raise ValueError("bad")

    @task(trigger_rule="one_success")
    def any_ok():
        return "any"

    @task(trigger_rule="one_failed")
    def any_bad():
        return "alarm"

    @task
    def mid():
        return "mid"

    @task(trigger_rule="one_done")
    def first_done(ti=None):
        return ti.xcom_pull(task_ids="mid")

    o, b = ok(), bad()
    m = mid()
    [o, b] >> any_ok()
    [o, b] >> any_bad()
    o >> m
    [b, m] >> first_done()

with DAG(dag_id="afr_chain_propagation", start_date=START, schedule=None):

    @task
    def boom():
        raise ValueError("x")

    @task
    def slowpoke():
        return "s"

    @task
    def one():
        return 1

    @task
    def two():
        return 2

    @task(trigger_rule="one_success")
    def either():
        return "e"

    @task(retries=1, retry_delay=timedelta(seconds=1))
    def flaky(ti=None):
        if ti.try_number == 1:
            raise ValueError("first")
        return "second"

    b = boom()
    t = two()
    b >> one() >> t
    [t, flaky()] >> either()
    slowpoke()
