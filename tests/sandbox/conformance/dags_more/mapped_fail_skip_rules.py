"""Mapped instances (partial retries) that fail after retrying and skip, feeding trigger
rules (issue 15, case b): skips arrive in the first round, failures after the retries."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

START = datetime(2024, 1, 1, tzinfo=UTC)
RULES = ("all_success", "all_done", "none_failed", "one_failed", "none_failed_min_one_success")


def _work(n):
    if n < 0:
        raise AirflowSkipException(f"skip {n}")
    if n == 0:
        raise ValueError("zero")
    return n


def _fail_fast(n):
    if n < 0:
        raise AirflowSkipException(f"skip {n}")
    if n == 0:
        raise AirflowFailException("no retry")
    return n


for name, items, func in (
    ("mfs_skip_fail_ok", [-1, 0, 2], _work),
    ("mfs_fail_then_skip", [0, -1], _work),
    ("mfs_all_skip", [-1, -2], _work),
    ("mfs_all_fail", [0, 0], _work),
    ("mfs_failfast_skip", [0, -1, 3], _fail_fast),
):
    with DAG(dag_id=name, start_date=START, schedule=None):
        work = PythonOperator.partial(
            task_id="work", python_callable=func, retries=2, retry_delay=timedelta(seconds=5)
        ).expand(op_args=[[n] for n in items])
        for rule in RULES:
            work >> EmptyOperator(task_id=f"after_{rule}", trigger_rule=rule)


with DAG(dag_id="mfs_taskflow", start_date=START, schedule=None):

    @task(retries=1, retry_delay=timedelta(0))
    def item(n):
        if n < 0:
            raise AirflowSkipException("neg")
        if n == 0:
            raise ValueError("zero")
        return n

    @task(trigger_rule="all_success")
    def strict(values):
        return sorted(values)

    @task(trigger_rule="all_done")
    def collect(values):
        return sorted(values)

    @task(trigger_rule="none_failed")
    def no_fail(values):
        return sorted(values)

    @task(trigger_rule="one_failed")
    def alarm():
        return "alarm"

    out = item.expand(n=[3, -1, 0, 4])
    strict(out)
    collect(out)
    no_fail(out)
    out >> alarm()


with DAG(dag_id="mfs_chain", start_date=START, schedule=None):

    @task(retries=2, retry_delay=timedelta(seconds=1))
    def stage(n):
        if n == 1:
            raise AirflowSkipException("one")
        if n == 2:
            raise ValueError("two")
        return n

    @task
    def then(values):
        return list(values)

    after_strict = EmptyOperator(task_id="after_strict")
    after_done = EmptyOperator(task_id="after_done", trigger_rule="all_done")
    s = stage.expand(n=[1, 2, 3])
    t = then(s)
    t >> [after_strict, after_done]
    s >> after_done

with DAG(dag_id="mfs_downstream_mapped", start_date=START, schedule=None):

    @task(retries=1, retry_delay=timedelta(0))
    def src(n):
        if n == 1:
            raise AirflowSkipException("one")
        if n == 2:
            raise ValueError("two")
        return n

    @task
    def dst_strict(x):
        return x

    @task(trigger_rule="all_done")
    def dst_done(x):
        return x

    @task(trigger_rule="none_failed")
    def dst_nf(x):
        return x

    s = src.expand(n=[1, 2, 3])
    s >> dst_strict.expand(x=[10, 20])
    s >> dst_done.expand(x=[30])
    s >> dst_nf.expand(x=[40])
