"""Mapping over a list that holds None, nested lists and dicts."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(dag_id="more_map_none_values", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def values():
        return [None, [1, 2], {"k": 1}, 0, ""]

    @task
    def describe(v):
        return None if v is None else type(v).__name__

    @task
    def count(results):
        return len(list(results))

    count(describe.expand(v=values()))
