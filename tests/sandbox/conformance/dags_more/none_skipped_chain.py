"""none_skipped and all_skipped deeper in a chain after a branch, with an always task at the end."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, chain, task

with DAG(
    dag_id="more_none_skipped_chain", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task.branch
    def pick():
        return "yes"

    yes = EmptyOperator(task_id="yes")
    no = EmptyOperator(task_id="no")
    ns = EmptyOperator(task_id="ns", trigger_rule="none_skipped")
    alls = EmptyOperator(task_id="alls", trigger_rule="all_skipped")
    after_alls = EmptyOperator(task_id="after_alls")
    always = EmptyOperator(task_id="always", trigger_rule="always")
    p = pick()
    p >> [yes, no]
    [yes, no] >> ns
    no >> alls >> after_alls
    chain([ns, after_alls], always)
