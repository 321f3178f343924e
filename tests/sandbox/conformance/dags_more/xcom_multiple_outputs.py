"""multiple_outputs explicit and inferred from a dict return annotation; keyed pulls."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="more_xcom_multiple_outputs", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task(multiple_outputs=True)
    def split():
        return {"left": 1, "right": 2}

    @task
    def inferred() -> dict[str, int]:
        return {"x": 5, "y": 6}

    @task
    def plain_dict():
        return {"k": "v"}

    @task
    def combine(left, x, whole):
        return left + x + len(whole)

    s = split()
    i = inferred()
    combine(s["left"], i["x"], plain_dict())
