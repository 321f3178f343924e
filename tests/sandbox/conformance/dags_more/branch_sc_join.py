"""A branch whose chosen path goes through a short-circuit before a join further down."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import ShortCircuitOperator
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="bsj_true_then_join", start_date=START, schedule=None):

    @task.branch
    def pick():
        return "left"

    left = EmptyOperator(task_id="left")
    right = EmptyOperator(task_id="right")
    gate = ShortCircuitOperator(task_id="gate", python_callable=lambda: True)
    after_gate = EmptyOperator(task_id="after_gate")
    join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
    pick() >> [left, right]
    left >> gate >> after_gate >> join
    right >> join

with DAG(dag_id="bsj_gate_direct_join", start_date=START, schedule=None):

    @task.branch
    def choose():
        return ["gate2"]

    @task.short_circuit
    def gate2():
        return "yes"

    other = EmptyOperator(task_id="other")
    end = EmptyOperator(task_id="end", trigger_rule="none_failed")
    g = gate2()
    choose() >> [g, other]
    g >> end
    other >> end

with DAG(dag_id="bsj_false_respect", start_date=START, schedule=None):

    @task.branch
    def route():
        return "a"

    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b")
    stop = ShortCircuitOperator(
        task_id="stop", python_callable=lambda: False, ignore_downstream_trigger_rules=False
    )
    c = EmptyOperator(task_id="c")
    final = EmptyOperator(task_id="final", trigger_rule="none_failed_min_one_success")
    final_all_done = EmptyOperator(task_id="final_all_done", trigger_rule="all_done")
    route() >> [a, b]
    a >> stop >> c >> [final, final_all_done]
    b >> [final, final_all_done]
