"""Every trigger rule over a skipped upstream and an upstream_failed one that arrives a round later."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG
from airflow.sdk.exceptions import AirflowSkipException

RULES = [
    "all_success", "all_failed", "all_done", "all_done_min_one_success", "one_success",
    "one_failed", "one_done", "none_failed", "none_failed_min_one_success", "none_skipped",
    "all_skipped", "always",
]  # fmt: skip


def _fail():
    raise ValueError("deliberate failure")


def _skip():
    raise AirflowSkipException("deliberate skip")


with DAG(dag_id="rounds_uk", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    helper = PythonOperator(task_id="helper", python_callable=_fail)
    late_uf = EmptyOperator(task_id="late_uf")
    skipper = PythonOperator(task_id="skipper", python_callable=_skip)
    helper >> late_uf
    for rule in RULES:
        [late_uf, skipper] >> EmptyOperator(task_id=f"t_{rule}", trigger_rule=rule)

with DAG(dag_id="rounds_fk_late", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    first = EmptyOperator(task_id="first")
    late_fail = PythonOperator(task_id="late_fail", python_callable=_fail)
    skip_now = PythonOperator(task_id="skip_now", python_callable=_skip)
    first >> late_fail
    for rule in RULES:
        [late_fail, skip_now] >> EmptyOperator(task_id=f"t_{rule}", trigger_rule=rule)
