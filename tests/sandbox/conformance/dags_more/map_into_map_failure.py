"""A mapped task feeding another mapped task when one element fails, then an all_done reduce."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_map_into_map_failure", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def half(x):
        if x == 3:
            raise ValueError("odd")
        return x // 2

    @task
    def plus(y):
        return y + 100

    @task(trigger_rule="all_done")
    def collect(vals):
        return list(vals)

    collect(plus.expand(y=half.expand(x=[2, 3, 4])))
