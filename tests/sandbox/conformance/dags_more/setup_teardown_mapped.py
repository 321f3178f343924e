"""Mapped setup and teardown tasks (``@setup`` / ``@teardown`` with ``.expand``)."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown
from airflow.sdk.exceptions import AirflowSkipException

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="stm_ok", start_date=START, schedule=None):

    @setup
    def create(name):
        return f"cluster-{name}"

    @task
    def work(clusters):
        return sorted(clusters)

    @teardown
    def delete(cluster):
        return f"deleted {cluster}"

    c = create.expand(name=["a", "b"])
    w = work(c)
    w >> delete.expand(cluster=c)

with DAG(dag_id="stm_work_fails", start_date=START, schedule=None):

    @setup
    def create2(name):
        return name

    @task
    def work2(names):
        raise ValueError(list(names))

    @task
    def after2():
        return "after"

    @teardown
    def delete2(name):
        return f"deleted {name}"

    c2 = create2.expand(name=["x", "y", "z"])
    w2 = work2(c2)
    w2 >> delete2.expand(name=c2)
    w2 >> after2()

with DAG(dag_id="stm_one_setup_fails", start_date=START, schedule=None):

    @setup
    def create3(n):
        if n == 2:
            raise ValueError("no cluster 2")
        return n

    @task
    def work3():
        return "w"

    @teardown
    def delete3(n):
        return n

    c3 = create3.expand(n=[1, 2])
    w3 = work3()
    d3 = delete3.expand(n=[1, 2])
    c3 >> w3 >> d3
    c3 >> d3

with DAG(dag_id="stm_setup_skips", start_date=START, schedule=None):

    @setup
    def create4(n):
        if n == 1:
            raise AirflowSkipException("skip 1")
        return n

    @task
    def work4():
        return "w"

    @teardown
    def delete4():
        return "d"

    c4 = create4.expand(n=[1, 2])
    d4 = delete4()
    c4 >> work4() >> d4
    c4 >> d4

with DAG(dag_id="stm_plain_setup_mapped_teardown", start_date=START, schedule=None):

    @setup
    def make():
        return ["p", "q"]

    @task
    def use(items):
        return len(items)

    @teardown
    def clean(item):
        return f"clean {item}"

    m = make()
    u = use(m)
    u >> clean.expand(item=m)
