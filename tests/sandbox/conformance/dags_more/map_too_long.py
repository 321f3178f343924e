"""An upstream task returning more values than [core] max_map_length (1024) allows mapping over."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(dag_id="more_map_too_long", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def many():
        return list(range(1100))

    @task
    def each(x):
        return x

    @task(trigger_rule="all_done")
    def after(vals):
        return len(list(vals))

    after(each.expand(x=many()))
