"""expand over a literal dict and over two lists (cross product), with partial constants."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_map_dict_partial", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def show(item, prefix):
        return f"{prefix}:{item}"

    @task
    def mul(x, y, factor):
        return x * y * factor

    @task
    def gather(values):
        return sorted(values)

    show.partial(prefix="p").expand(item={"a": 1, "b": 2})
    gather(mul.partial(factor=10).expand(x=[1, 2], y=[3, 4, 5]))
