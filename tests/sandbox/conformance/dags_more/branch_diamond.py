"""branch -> a -> join and branch -> join directly: join is not skipped when a is followed."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(dag_id="more_branch_diamond", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task.branch
    def br():
        return "a"

    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    join = EmptyOperator(task_id="join")
    join2 = EmptyOperator(task_id="join2", trigger_rule="none_failed")
    x = br()
    x >> [a, b, join]
    a >> join
    b >> join2
    x >> join2
