"""A short-circuit (ignore_downstream_trigger_rules) with a task mapped over literals
further down: its instances exist from the start, and Airflow's skip update names
``(task_id, -1)`` only."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

for rule in ("none_failed", "all_done", "all_success"):
    with DAG(dag_id=f"scfm_{rule}", start_date=START, schedule=None):

        @task.short_circuit
        def gate():
            return False

        @task
        def load():
            return 1

        @task(trigger_rule=rule)
        def report(x):
            return x

        @task(trigger_rule=rule)
        def from_load(x):
            return x

        ld = load()
        gate() >> ld >> report.expand(x=[1, 2])
        from_load.expand(x=ld)

with DAG(dag_id="scfm_direct_child", start_date=START, schedule=None):

    @task.short_circuit
    def gate2():
        return False

    @task(trigger_rule="all_done")
    def child(x):
        return x

    gate2() >> child.expand(x=[1, 2])
