"""Task-level start_date / end_date that leave the logical date (2024-01-15) out."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="tdw_late_start", start_date=START, schedule=None):
    first = EmptyOperator(task_id="first")
    later = EmptyOperator(task_id="later", start_date=datetime(2024, 2, 1, tzinfo=UTC))
    after = EmptyOperator(task_id="after", trigger_rule="all_done")
    first >> later >> after

with DAG(dag_id="tdw_ended", start_date=START, schedule=None):

    @task(end_date=datetime(2024, 1, 10, tzinfo=UTC))
    def retired():
        return "old"

    @task
    def current():
        return "new"

    current()
    retired()

with DAG(dag_id="tdw_leaf_only", start_date=START, schedule=None):
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b", start_date=datetime(2024, 3, 1, tzinfo=UTC))
    a >> b
