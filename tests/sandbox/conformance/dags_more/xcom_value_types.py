"""Return values of several Python types: datetime, tuple, nested, and an object XCom cannot hold."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task


class Box:
    def __init__(self, v):
        self.v = v


with DAG(
    dag_id="more_xcom_value_types", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def when():
        return datetime(2024, 5, 1, tzinfo=UTC)

    @task
    def nested():
        return {"a": [1, {"b": None}], "c": 1.5, "d": True}

    @task
    def boxed():
        return Box(3)

    @task
    def after_box(b):
        return "got box"

    @task
    def use_when(w):
        return w.year

    use_when(when())
    nested()
    after_box(boxed())
