"""ShortCircuit with ignore_downstream_trigger_rules=False before a TaskGroup and a join."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="more_sc_before_group", start_date=START, schedule=None):

    @task.short_circuit(ignore_downstream_trigger_rules=False)
    def gate():
        return None

    with TaskGroup("grp") as grp:
        p = EmptyOperator(task_id="p")
        q = EmptyOperator(task_id="q", trigger_rule="all_done")
        p >> q
    other = EmptyOperator(task_id="other")
    join = EmptyOperator(task_id="join", trigger_rule="one_success")
    join_nf = EmptyOperator(task_id="join_nf", trigger_rule="none_failed_min_one_success")
    gate() >> grp
    [grp, other] >> join
    [grp, other] >> join_nf
