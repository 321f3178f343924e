"""Nested TaskGroups with default_args (retries) and group >> task / task >> group."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

with DAG(
    dag_id="more_group_nested_default_args",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    default_args={"retries": 1, "retry_delay": timedelta(seconds=0)},
):
    start = EmptyOperator(task_id="start")
    with TaskGroup("outer", default_args={"retries": 2}) as outer:

        @task
        def flaky(**context):
            if context["ti"].try_number < 3:
                raise ValueError("again")
            return context["ti"].try_number

        with TaskGroup("inner", default_args={"retries": 0}) as inner:

            @task
            def once(**context):
                return context["ti"].max_tries

            @task(retries=4)
            def own():
                return "own"

            once() >> own()
        flaky() >> inner
    end = EmptyOperator(task_id="end")
    start >> outer >> end
