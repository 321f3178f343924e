"""chain() over TaskGroups and lists; a group failing in the middle."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, chain, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="more_chain_groups", start_date=START, schedule=None):
    start = EmptyOperator(task_id="start")
    with TaskGroup("g1") as g1:
        EmptyOperator(task_id="a")
        EmptyOperator(task_id="b")
    with TaskGroup("g2") as g2:

        @task
        def boom():
            raise ValueError("g2")

        boom()
        EmptyOperator(task_id="c")
    done = EmptyOperator(task_id="done", trigger_rule="all_done")
    after = EmptyOperator(task_id="after")
    chain(start, g1, g2, [done, after])
