"""Retries: a flaky task that succeeds on its third try, and one that runs out of tries.

Run it:  quizapp sandbox run retries

``retries=3`` allows three retries (four tries). Airflow 3 counts a try when the task
is queued, so ``try_number`` is 1 on the first try and a task that never ran has 0.
``retry_delay`` waits between tries: the sandbox's virtual clock jumps over the wait,
and the timeline shows when each try would have started (00:05:00, 00:10:00...).
With ``retry_exponential_backoff`` the wait doubles each time (plus some jitter),
never longer than ``max_retry_delay``.
"""

from datetime import datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="retries",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
    default_args={"retries": 3, "retry_delay": timedelta(minutes=5)},
) as dag:

    @task
    def flaky(ti=None):
        # Fails on tries 1 and 2 (say, the API is rate limiting us), works on try 3.
        print(f"try {ti.try_number} of {ti.max_tries + 1}")
        if ti.try_number < 3:
            raise ConnectionError("API returned 429, try again later")
        return "fetched"

    @task(
        retries=2,
        retry_delay=timedelta(minutes=1),
        retry_exponential_backoff=True,
        max_retry_delay=timedelta(minutes=10),
    )
    def doomed(ti=None):
        # Always fails: 3 tries (1 + 2 retries), then the task is failed.
        raise ValueError(f"the input file is corrupt (try {ti.try_number})")

    @task
    def report(result):
        return f"report built from {result}"

    # Runs only when flaky and doomed both succeed; doomed never does.
    publish = EmptyOperator(task_id="publish")
    # all_done: runs once its upstreams have finished, whatever their state.
    cleanup = EmptyOperator(task_id="cleanup", trigger_rule="all_done")

    fetched = flaky()
    report(fetched)
    [fetched, doomed()] >> publish >> cleanup

# What the run shows:
# => flaky: success (try 3)
# => doomed: failed (try 3)
# => report: success (try 1)
# => publish: upstream_failed (try 0)
# => cleanup: success (try 1)
# The run succeeds: its leaves (report, cleanup) succeeded, though doomed failed.
# => run: success
