"""Mapping over an empty upstream list: the mapped task is skipped; downstream rules decide the rest."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(dag_id="more_map_empty", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def nothing():
        return []

    @task
    def each(x):
        return x

    @task
    def reduce_all(vals):
        return list(vals)

    @task(trigger_rule="none_failed")
    def reduce_nf(vals):
        return len(list(vals))

    @task
    def literal_each(x):
        return x

    mapped = each.expand(x=nothing())
    reduce_all(mapped)
    reduce_nf(mapped)
    literal_each.expand(x=[])
