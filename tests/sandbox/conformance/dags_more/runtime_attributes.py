"""Attributes of ti, task, dag_run and dag that task code reads, each read on its own."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

READS = {
    "ti.dag_id": lambda c: c["ti"].dag_id,
    "ti.run_id": lambda c: c["ti"].run_id,
    "ti.task_id": lambda c: c["ti"].task_id,
    "ti.map_index": lambda c: c["ti"].map_index,
    "ti.try_number": lambda c: c["ti"].try_number,
    "ti.max_tries": lambda c: c["ti"].max_tries,
    "ti.state": lambda c: c["ti"].state == "running",
    "task.retries": lambda c: c["task"].retries,
    "task.trigger_rule": lambda c: c["task"].trigger_rule == "all_success",
    "task.owner": lambda c: c["task"].owner,
    "task.pool": lambda c: c["task"].pool,
    "task.pool_slots": lambda c: c["task"].pool_slots,
    "task.queue": lambda c: c["task"].queue,
    "task.priority_weight": lambda c: c["task"].priority_weight,
    "task.upstream_task_ids": lambda c: sorted(c["task"].upstream_task_ids),
    "task.downstream_task_ids": lambda c: sorted(c["task"].downstream_task_ids),
    "task.retry_delay": lambda c: str(c["task"].retry_delay),
    "task.depends_on_past": lambda c: c["task"].depends_on_past,
    "dag_run.dag_id": lambda c: c["dag_run"].dag_id,
    "dag_run.run_id": lambda c: c["dag_run"].run_id,
    "dag_run.logical_date": lambda c: c["dag_run"].logical_date.isoformat(),
    "dag_run.conf": lambda c: c["dag_run"].conf,
    "dag.dag_id": lambda c: c["dag"].dag_id,
    "dag.task_ids": lambda c: sorted(c["dag"].task_ids),
    "dag.catchup": lambda c: c["dag"].catchup,
    "dag.max_active_tasks": lambda c: c["dag"].max_active_tasks,
    "dag.max_active_runs": lambda c: c["dag"].max_active_runs,
    "dag.tags": lambda c: sorted(c["dag"].tags),
    "dag.description": lambda c: c["dag"].description,
    "dag.owner": lambda c: c["dag"].owner,
    "params": lambda c: dict(c["params"]),
}

with DAG(
    dag_id="more_runtime_attributes2",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    tags=["b", "a"],
    description="attrs",
):

    @task
    def first():
        return 1

    @task
    def read(v, **context):
        out = {}
        for name, get in READS.items():
            try:
                out[name] = get(context)
            except Exception as exc:
                out[name] = f"ERR {type(exc).__name__}"
        return out

    @task
    def last():
        return 2

    read(first()) >> last()
