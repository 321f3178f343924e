"""Mapped instances that skip only on a later try, or fail only after retrying, with
downstream trigger rules (issue 15, case b)."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, get_current_context, task
from airflow.sdk.exceptions import AirflowSkipException

START = datetime(2024, 1, 1, tzinfo=UTC)
RULES = ("all_success", "all_done", "none_failed", "one_failed", "one_success")

with DAG(dag_id="mrs_skip_on_retry", start_date=START, schedule=None):

    @task(retries=2, retry_delay=timedelta(seconds=1))
    def work(n):
        try_number = get_current_context()["ti"].try_number
        if n == "skip_late" and try_number >= 2:
            raise AirflowSkipException("late skip")
        if n in ("skip_late", "fail"):
            raise ValueError(n)
        if n == "skip":
            raise AirflowSkipException("skip")
        return n

    w = work.expand(n=["skip_late", "fail", "ok"])
    for rule in RULES:
        w >> EmptyOperator(task_id=f"after_{rule}", trigger_rule=rule)

with DAG(dag_id="mrs_override_partial", start_date=START, schedule=None):

    @task
    def work2(n, factor):
        if n == 1:
            raise AirflowSkipException("one")
        if n == 2:
            raise ValueError("two")
        return n * factor

    w2 = work2.override(retries=1, retry_delay=timedelta(0)).partial(factor=10).expand(n=[1, 2, 3])
    for rule in RULES:
        w2 >> EmptyOperator(task_id=f"after_{rule}", trigger_rule=rule)

with DAG(dag_id="mrs_two_levels", start_date=START, schedule=None):

    @task(retries=1, retry_delay=timedelta(0))
    def first(n):
        if n == 1:
            raise AirflowSkipException("one")
        if n == 2:
            raise ValueError("two")
        return n

    @task(trigger_rule="all_done")
    def second(n):
        return n

    f = first.expand(n=[1, 2, 3])
    s = second.expand(n=[7, 8])
    f >> s
    for rule in RULES:
        s >> EmptyOperator(task_id=f"after_{rule}", trigger_rule=rule)
    f >> EmptyOperator(task_id="direct_strict")
