"""XComArg.map, .zip and .concat feeding dynamic task mapping."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(dag_id="xmzc_map", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def files():
        return ["a.csv", "b.json", "c.csv"]

    @task
    def load(path):
        return path.upper()

    @task
    def total(values):
        return list(values)

    loaded = load.expand(path=files().map(lambda f: f"s3://bucket/{f}"))
    total(loaded)

with DAG(dag_id="xmzc_zip", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def names():
        return ["x", "y", "z"]

    @task
    def sizes():
        return [1, 2]

    @task
    def pair(item):
        return f"{item[0]}={item[1]}"

    n, s = names(), sizes()
    pair.expand(item=n.zip(s))
    pair.override(task_id="pair_long").expand(item=n.zip(s, fillvalue=0))

with DAG(dag_id="xmzc_concat", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def first():
        return [1, 2]

    @task
    def second():
        return [10]

    @task
    def double(n):
        return n * 2

    double.expand(n=first().concat(second()))

with DAG(dag_id="xmzc_chained_map", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def numbers():
        return [1, 2, 3]

    @task
    def show(value):
        return value

    show.expand(value=numbers().map(lambda n: n + 1).map(lambda n: n * 10))
