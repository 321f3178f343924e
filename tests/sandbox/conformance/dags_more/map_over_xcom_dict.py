"""Mapping over an upstream task that returns a dict: each element is a (key, value) pair."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_map_over_xcom_dict", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def prices():
        return {"apple": 3, "pear": 5}

    @task
    def label(pair):
        key, value = pair
        return f"{key}={value}"

    label.expand(pair=prices())
