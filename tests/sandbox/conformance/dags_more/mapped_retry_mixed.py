"""Mapped instances with partial(retries=...): some fail after retrying, some skip."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException

START = datetime(2024, 1, 1, tzinfo=UTC)


def _work(n):
    if n % 3 == 0:
        raise AirflowSkipException(f"skip {n}")
    if n % 3 == 1:
        raise ValueError(f"bad {n}")
    return n * 10


with DAG(dag_id="mrm_delay", start_date=START, schedule=None):

    @task
    def items():
        return [[1], [2], [3], [4]]

    out = PythonOperator.partial(
        task_id="work", python_callable=_work, retries=2, retry_delay=timedelta(seconds=30)
    ).expand(op_args=items())

    @task(trigger_rule="all_success")
    def t_all_success():
        return "ran"

    @task(trigger_rule="all_done")
    def t_all_done():
        return "ran"

    @task(trigger_rule="none_failed")
    def t_none_failed():
        return "ran"

    @task(trigger_rule="one_failed")
    def t_one_failed():
        return "ran"

    @task(trigger_rule="none_skipped")
    def t_none_skipped():
        return "ran"

    @task(trigger_rule="one_success")
    def t_one_success():
        return "ran"

    out >> [
        t_all_success(),
        t_all_done(),
        t_none_failed(),
        t_one_failed(),
        t_none_skipped(),
        t_one_success(),
    ]

with DAG(dag_id="mrm_no_delay", start_date=START, schedule=None):
    out = PythonOperator.partial(
        task_id="work", python_callable=_work, retries=1, retry_delay=timedelta(0)
    ).expand(op_kwargs=[{"n": 3}, {"n": 4}, {"n": 5}])

    @task(trigger_rule="all_success")
    def after_all_success():
        return 1

    @task(trigger_rule="none_failed_min_one_success")
    def after_nfmos():
        return 2

    @task(trigger_rule="all_failed")
    def after_all_failed():
        return 3

    out >> [after_all_success(), after_nfmos(), after_all_failed()]

with DAG(dag_id="mrm_fail_first", start_date=START, schedule=None):
    out = PythonOperator.partial(
        task_id="work", python_callable=_work, retries=1, retry_delay=timedelta(0)
    ).expand(op_args=[[4], [3], [5]])

    @task
    def strict():
        return "s"

    @task(trigger_rule="all_done_min_one_success")
    def loose():
        return "l"

    @task(trigger_rule="none_failed")
    def no_failures():
        return "n"

    out >> [strict(), loose(), no_failures()]
