"""Trigger rules: the same three upstreams (one succeeds, one fails, one is skipped)
feeding one task per rule.

Run it:  quizapp sandbox run trigger_rules

A trigger rule decides from the upstream states whether a task runs, is skipped or
becomes ``upstream_failed``. Airflow checks it each time an upstream finishes:
``one_success`` runs as soon as one upstream succeeded, ``all_success`` gives up on
the first failure, and ``always`` does not wait at all.
"""

from datetime import datetime

from airflow.exceptions import AirflowSkipException
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, TriggerRule


def fail():
    raise RuntimeError("this upstream fails")


def skip():
    raise AirflowSkipException("nothing to do today")


with DAG(
    dag_id="trigger_rules",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:
    upstreams = [
        EmptyOperator(task_id="ok"),
        PythonOperator(task_id="broken", python_callable=fail),
        PythonOperator(task_id="skipped", python_callable=skip),
    ]
    for rule in TriggerRule:
        if rule == TriggerRule.ALL_DONE_SETUP_SUCCESS:
            continue  # a teardown's rule: see the setup_teardown example
        upstreams >> EmptyOperator(task_id=rule.value, trigger_rule=rule)

# What the run shows (upstreams: 1 success, 1 failed, 1 skipped):
# => all_success: upstream_failed (try 0)
# => all_failed: skipped (try 0)
# => all_done: success (try 1)
# => all_done_min_one_success: skipped (try 0)
# => one_success: success (try 1)
# => one_failed: success (try 1)
# => one_done: success (try 1)
# => none_failed: upstream_failed (try 0)
# => none_failed_min_one_success: upstream_failed (try 0)
# => none_skipped: skipped (try 0)
# => all_skipped: skipped (try 0)
# => always: success (try 1)
# The run fails: some leaves ended upstream_failed.
# => run: failed
