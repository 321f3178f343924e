"""Branching: follow one path, skip the other, and join them again.

Run it:  quizapp sandbox run branching

``BranchPythonOperator`` (or ``@task.branch``) returns the task id(s) to follow;
every other task directly downstream is skipped, and the skip spreads down the
skipped path. A join after the branch needs a trigger rule that accepts skipped
upstreams: with the default ``all_success`` it is skipped too. Use
``none_failed_min_one_success`` for joins.
"""

from datetime import datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import BranchPythonOperator
from airflow.sdk import DAG, TriggerRule, task

with DAG(
    dag_id="branching",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:

    @task
    def count_new_rows():
        return 120

    def choose(ti):
        rows = ti.xcom_pull(task_ids="count_new_rows")
        # Many new rows: reload the table; few: append them.
        return "full_reload" if rows > 100 else "incremental_append"

    branch = BranchPythonOperator(task_id="choose_load", python_callable=choose)
    full_reload = EmptyOperator(task_id="full_reload")
    incremental = EmptyOperator(task_id="incremental_append")
    dedupe = EmptyOperator(task_id="dedupe")  # only on the incremental path

    # The wrong join: all_success sees a skipped upstream and is skipped itself.
    join_default = EmptyOperator(task_id="join_all_success")
    # The right join: runs when nothing failed and at least one upstream succeeded.
    join = EmptyOperator(task_id="join", trigger_rule=TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)

    count_new_rows() >> branch >> [full_reload, incremental]
    incremental >> dedupe
    [full_reload, dedupe] >> join_default
    [full_reload, dedupe] >> join

# What the run shows (the branch's skipmixin_key XCom records {"followed": ["full_reload"]}):
# => choose_load: success (try 1)
# => full_reload: success (try 1)
# => incremental_append: skipped (try 0)
# => dedupe: skipped (try 0)
# => join_all_success: skipped (try 0)
# => join: success (try 1)
# => run: success
