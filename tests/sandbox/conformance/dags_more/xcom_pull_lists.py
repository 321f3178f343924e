"""xcom_pull with a list of task_ids, a custom key, a mapped task's map_indexes, None returns."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task


def push_custom(ti):
    ti.xcom_push(key="extra", value=[1, 2])
    return "pushed"


def pull_all(ti):
    both = ti.xcom_pull(task_ids=["a", "b"])
    extra = ti.xcom_pull(task_ids="custom", key="extra")
    one = ti.xcom_pull(task_ids="sq", map_indexes=1)
    many = ti.xcom_pull(task_ids="sq", map_indexes=[0, 2])
    allsq = ti.xcom_pull(task_ids="sq")
    missing = ti.xcom_pull(task_ids="nothing")
    return {
        "both": both,
        "extra": extra,
        "one": one,
        "many": list(many),
        "all": list(allsq),
        "missing": missing,
    }


with DAG(dag_id="more_xcom_pull_lists", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    a = PythonOperator(task_id="a", python_callable=lambda: "A")
    b = PythonOperator(task_id="b", python_callable=lambda: {"B": True})
    custom = PythonOperator(task_id="custom", python_callable=push_custom)
    nothing = PythonOperator(task_id="nothing", python_callable=lambda: None)
    quiet = PythonOperator(task_id="quiet", python_callable=lambda: "hidden", do_xcom_push=False)

    @task
    def sq(x):
        return x * x

    s = sq.expand(x=[1, 2, 3])
    puller = PythonOperator(task_id="puller", python_callable=pull_all)
    [a, b, custom, nothing, quiet, s] >> puller
