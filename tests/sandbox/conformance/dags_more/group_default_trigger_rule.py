"""A TaskGroup whose default_args set trigger_rule; a task inside overrides it."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

with DAG(
    dag_id="more_group_default_trigger_rule",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task
    def fails():
        raise RuntimeError("x")

    f = fails()
    with TaskGroup("tolerant", default_args={"trigger_rule": "all_done"}) as tolerant:
        a = EmptyOperator(task_id="a")
        b = EmptyOperator(task_id="b", trigger_rule="all_success")
        a >> b
    f >> tolerant
    EmptyOperator(task_id="last", trigger_rule="one_success") << tolerant
