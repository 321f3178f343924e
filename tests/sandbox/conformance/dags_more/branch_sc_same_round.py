"""A short-circuit (or branch) skipping a task that was scheduled in the same round.

``dag.test`` runs every task instance it scheduled in a round, even one a
short-circuit of the same round has just marked skipped: a join whose trigger rule
passed early (one_success, one_done, always, ...) runs; the tasks after it, not yet
scheduled, stay skipped (issue 15, case a).
"""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

for ignore in (True, False):
    for rule in ("one_success", "one_done", "none_failed", "all_done", "always"):
        tag = "ign" if ignore else "resp"
        with DAG(dag_id=f"bscr_{tag}_{rule}", start_date=START, schedule=None):

            @task.branch
            def route():
                return ["chosen", "fast"]

            @task.short_circuit(ignore_downstream_trigger_rules=ignore)
            def gate():
                return False

            chosen = EmptyOperator(task_id="chosen")
            fast = EmptyOperator(task_id="fast")
            other = EmptyOperator(task_id="other")
            after = EmptyOperator(task_id="after_gate")
            join = EmptyOperator(task_id="join", trigger_rule=rule)
            end = EmptyOperator(task_id="end", trigger_rule="none_failed")
            route() >> [chosen, fast, other]
            chosen >> gate() >> after >> join
            fast >> join
            join >> end

with DAG(dag_id="bscr_gate_direct_join", start_date=START, schedule=None):

    @task
    def early():
        return 1

    @task.short_circuit
    def gate2():
        return []

    join = EmptyOperator(task_id="join", trigger_rule="one_success")
    tail = EmptyOperator(task_id="tail")
    e = early()
    g = gate2()
    [e, g] >> join >> tail

with DAG(dag_id="bscr_branch_always", start_date=START, schedule=None):

    @task.branch
    def pick():
        return "a"

    a = EmptyOperator(task_id="a")
    b = EmptyOperator(task_id="b", trigger_rule="always")
    c = EmptyOperator(task_id="c")
    pick() >> [a, b]
    b >> c

with DAG(dag_id="bscr_uf_then_skip", start_date=START, schedule=None):

    @task
    def boom():
        raise ValueError("boom")

    @task
    def slow():
        return "s"

    @task.short_circuit
    def gate3(x):
        return False

    mid = EmptyOperator(task_id="mid")
    join = EmptyOperator(task_id="join")
    last = EmptyOperator(task_id="last", trigger_rule="all_done")
    g = gate3(slow())
    g >> mid >> join
    boom() >> join
    join >> last
