"""Params with Param defaults read through templates, the context and a TaskFlow default argument."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, Param, task

with DAG(
    dag_id="more_dagrun_conf_params",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    params={"limit": Param(5, type="integer", minimum=1), "tags": ["a", "b"], "flag": False},
):

    @task
    def read(params=None, dag_run=None):
        return {"limit": params["limit"], "tags": params["tags"], "conf": dict(dag_run.conf or {})}

    PythonOperator(
        task_id="templ",
        python_callable=lambda v, t: [v, t],
        op_args=["{{ params.limit * 2 }}", "{{ params.tags | join('-') }}"],
    )

    @task
    def flag_text(f="{{ params.flag }}"):
        return f

    read()
    flag_text()
