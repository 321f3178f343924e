"""LatestOnlyOperator in a manual run (dag.test): nothing is skipped."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.latest_only import LatestOnlyOperator
from airflow.sdk import DAG, task

with DAG(dag_id="lo_manual", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule="@daily"):
    latest = LatestOnlyOperator(task_id="latest_only")

    @task
    def notify():
        return "sent"

    after_all = EmptyOperator(task_id="after_all", trigger_rule="all_done")
    latest >> notify() >> after_all
