"""@dag with default_args, op-style and TaskFlow mixed, set_upstream/set_downstream, << operator."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import dag, task


@dag(
    dag_id="more_dag_decorator",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    default_args={"retries": 2, "retry_delay": timedelta(seconds=0), "trigger_rule": "all_done"},
)
def pipeline():
    @task(trigger_rule="all_success")
    def bad():
        raise ValueError("bad")

    @task
    def tolerant(**context):
        return context["ti"].max_tries

    start = EmptyOperator(task_id="start")
    end = EmptyOperator(task_id="end", trigger_rule="all_success")
    b = bad()
    t = tolerant()
    b.set_upstream(start)
    t << b
    t.set_downstream(end)


pipeline()
