"""More branch -> short-circuit -> join shapes (the join further down)."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

for rule in ("none_failed_min_one_success", "one_success", "all_done", "none_failed"):
    with DAG(dag_id=f"bscm_{rule}", start_date=START, schedule=None):

        @task.branch
        def route():
            return ["fast"]

        @task.short_circuit
        def gate():
            return True

        fast = EmptyOperator(task_id="fast")
        slow = EmptyOperator(task_id="slow")
        step1 = EmptyOperator(task_id="step1")
        step2 = EmptyOperator(task_id="step2")
        join = EmptyOperator(task_id="join", trigger_rule=rule)
        end = EmptyOperator(task_id="end")
        g = gate()
        route() >> [fast, slow]
        fast >> g >> step1 >> step2 >> join
        slow >> join
        join >> end

with DAG(dag_id="bscm_gate_false_respect", start_date=START, schedule=None):

    @task.branch
    def route2():
        return "fast"

    @task.short_circuit(ignore_downstream_trigger_rules=False)
    def gate2():
        return False

    fast = EmptyOperator(task_id="fast")
    slow = EmptyOperator(task_id="slow")
    step = EmptyOperator(task_id="step")
    join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
    route2() >> [fast, slow]
    fast >> gate2() >> step >> join
    slow >> join
