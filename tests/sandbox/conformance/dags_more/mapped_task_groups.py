"""Mapped task groups: per-index upstreams, a failing element, partial() arguments."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task, task_group

with DAG(dag_id="mg_basic", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def files():
        return ["a.csv", "bad.csv", "c.csv"]

    @task_group
    def per_file(path):
        @task
        def extract(path):
            if path.startswith("bad"):
                raise ValueError(path)
            return path.upper()

        @task
        def transform(raw):
            return raw + "!"

        @task(trigger_rule="all_done")
        def note():
            return "noted"

        t = transform(extract(path))
        t >> note()
        return t

    @task(trigger_rule="all_done")
    def summarize(values):
        return list(values)

    summarize(per_file.expand(path=files()))

with DAG(dag_id="mg_literal_partial", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task_group
    def scale(n, factor):
        @task
        def mul(n, factor):
            return n * factor

        @task
        def add_one(v):
            return v + 1

        return add_one(mul(n, factor))

    @task
    def total(vals):
        return sum(vals)

    total(scale.partial(factor=10).expand(n=[1, 2]))
