"""Branch -> chosen path through a short-circuit -> join further down (issue 15, case a).

Every combination of the short-circuit's outcome, ``ignore_downstream_trigger_rules``
and the join's trigger rule, with the join reached from the branch's other path too.
"""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)
RULES = ("none_failed", "none_failed_min_one_success", "all_success", "one_success")

for ignore in (True, False):
    for outcome in (True, False):
        for rule in RULES:
            dag_id = f"bscv_{'ign' if ignore else 'resp'}_{'t' if outcome else 'f'}_{rule}"
            with DAG(dag_id=dag_id, start_date=START, schedule=None):

                @task.branch
                def route():
                    return "chosen"

                @task.short_circuit(ignore_downstream_trigger_rules=ignore)
                def gate(value=outcome):
                    return value

                chosen = EmptyOperator(task_id="chosen")
                other = EmptyOperator(task_id="other")
                after = EmptyOperator(task_id="after_gate")
                join = EmptyOperator(task_id="join", trigger_rule=rule)
                end = EmptyOperator(task_id="end")
                route() >> [chosen, other]
                chosen >> gate() >> after >> join
                other >> join
                join >> end

# The join directly downstream of the branch as well (the branch "follows" it).
for ignore in (True, False):
    with DAG(
        dag_id=f"bscv_join_direct_{'ign' if ignore else 'resp'}", start_date=START, schedule=None
    ):

        @task.branch
        def route2():
            return "chosen"

        @task.short_circuit(ignore_downstream_trigger_rules=ignore)
        def gate2():
            return False

        chosen = EmptyOperator(task_id="chosen")
        after = EmptyOperator(task_id="after_gate")
        join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
        b = route2()
        b >> [chosen, join]
        chosen >> gate2() >> after >> join

# A short-circuit right after the branch, a parallel path that always runs, join below.
for ignore in (True, False):
    with DAG(
        dag_id=f"bscv_parallel_{'ign' if ignore else 'resp'}", start_date=START, schedule=None
    ):

        @task.branch
        def route3():
            return ["gate3", "side"]

        @task.short_circuit(ignore_downstream_trigger_rules=ignore)
        def gate3():
            return 0

        @task
        def side():
            return "side"

        @task
        def step():
            return "step"

        skipped_path = EmptyOperator(task_id="skipped_path")
        join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
        join_one = EmptyOperator(task_id="join_one", trigger_rule="one_success")
        g = gate3()
        s = side()
        route3() >> [g, s, skipped_path]
        g >> step() >> [join, join_one]
        s >> [join, join_one]
        skipped_path >> [join, join_one]
