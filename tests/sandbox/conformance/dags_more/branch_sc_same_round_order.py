"""As ``branch_sc_same_round.py``, with the tasks written in the order they run: the
task a short-circuit or branch skips in the round it is itself scheduled still runs
under ``dag.test`` (it was scheduled), whatever order the round takes."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

for ignore in (True, False):
    for rule in ("one_success", "one_done", "always", "none_failed"):
        tag = "ign" if ignore else "resp"
        with DAG(dag_id=f"bsco_{tag}_{rule}", start_date=START, schedule=None):

            @task.branch
            def route():
                return ["chosen", "fast"]

            r = route()
            chosen = EmptyOperator(task_id="chosen")
            fast = EmptyOperator(task_id="fast")
            other = EmptyOperator(task_id="other")
            r >> [chosen, fast, other]

            @task.short_circuit(ignore_downstream_trigger_rules=ignore)
            def gate():
                return False

            g = gate()
            chosen >> g
            after = EmptyOperator(task_id="after_gate")
            join = EmptyOperator(task_id="join", trigger_rule=rule)
            end = EmptyOperator(task_id="end", trigger_rule="none_failed")
            g >> after >> join
            fast >> join
            join >> end

with DAG(dag_id="bsco_branch_always", start_date=START, schedule=None):

    @task.branch
    def pick():
        return "a"

    p = pick()
    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b", trigger_rule="always")
    c = EmptyOperator(task_id="c")
    p >> [a, b]
    b >> c

with DAG(dag_id="bsco_sc_always_child", start_date=START, schedule=None):

    @task.short_circuit
    def gate2():
        return None

    g2 = gate2()
    watcher = EmptyOperator(task_id="watcher", trigger_rule="always")
    after_watcher = EmptyOperator(task_id="after_watcher", trigger_rule="all_done")
    g2 >> watcher >> after_watcher
