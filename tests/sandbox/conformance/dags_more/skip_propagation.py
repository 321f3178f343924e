"""A skip in the middle: all_success skips below it, none_failed skips, all_done runs, always runs."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException


def skipper():
    raise AirflowSkipException()


with DAG(
    dag_id="more_skip_propagation", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):
    a = PythonOperator(task_id="a", python_callable=lambda: 1)
    s = PythonOperator(task_id="s", python_callable=skipper)

    @task
    def b():
        return "b"

    @task(trigger_rule="none_failed")
    def c():
        return "c"

    @task(trigger_rule="all_done")
    def d():
        return "d"

    @task
    def e():
        return "e"

    a >> s
    bb, cc, dd, ee = b(), c(), d(), e()
    s >> bb >> cc
    s >> dd >> ee
