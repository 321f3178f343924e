"""A branch skipping a mapped task (literal list) and following another path, with a reduce after."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_branch_mapped_downstream",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):

    @task.branch
    def route():
        return ["keep"]

    @task
    def keep():
        return "kept"

    @task
    def per(x):
        return x

    @task(trigger_rule="none_failed_min_one_success")
    def finish(vals, k):
        return [list(vals), k]

    r = route()
    k = keep()
    m = per.expand(x=[1, 2])
    r >> [k, m]
    finish(m, k)
