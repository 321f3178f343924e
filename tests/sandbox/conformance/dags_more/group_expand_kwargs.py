"""``expand_kwargs`` on a ``@task_group``: one group instance per dict."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task, task_group

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="gek_literal", start_date=START, schedule=None):

    @task
    def add(a, b):
        return a + b

    @task
    def double(x):
        return x * 2

    @task_group
    def pipeline(a, b):
        return double(add(a, b))

    @task
    def total(values):
        return sum(values)

    total(pipeline.expand_kwargs([{"a": 1, "b": 2}, {"a": 10, "b": 20}]))

with DAG(dag_id="gek_from_task", start_date=START, schedule=None):

    @task
    def configs():
        return [{"name": "x", "size": 1}, {"name": "y", "size": 3}, {"name": "z", "size": 5}]

    @task
    def label(name, size):
        return f"{name}:{size}"

    @task
    def check(text):
        if text.startswith("y"):
            raise ValueError(text)
        return text.upper()

    @task_group
    def per_config(name, size):
        check(label(name, size))

    @task(trigger_rule="all_done")
    def report():
        return "done"

    per_config.expand_kwargs(configs()) >> report()

with DAG(dag_id="gek_partial", start_date=START, schedule=None):

    @task
    def scale(value, factor):
        return value * factor

    @task_group
    def scaled(value, factor):
        return scale(value, factor)

    scaled.partial(factor=3).expand_kwargs([{"value": 1}, {"value": 2}])
