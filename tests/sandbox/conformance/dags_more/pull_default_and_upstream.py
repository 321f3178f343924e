"""xcom_pull of several upstream tasks including a skipped one and a custom key with a default."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task
from airflow.sdk.exceptions import AirflowSkipException


def skipped():
    raise AirflowSkipException()


with DAG(
    dag_id="more_pull_default_and_upstream",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
):
    one = PythonOperator(task_id="one", python_callable=lambda: 1)
    two = PythonOperator(task_id="two", python_callable=skipped)

    @task(trigger_rule="none_failed")
    def pull(ti=None):
        return {
            "list": ti.xcom_pull(task_ids=["one", "two"]),
            "key_default": ti.xcom_pull(task_ids="one", key="absent", default="dflt"),
            "single": ti.xcom_pull(task_ids="one"),
        }

    [one, two] >> pull()
