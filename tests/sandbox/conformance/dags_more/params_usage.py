"""DAG params read in the context, in templates, and overridden by task params."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param, task

with DAG(
    dag_id="more_params_usage",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    params={"n": 3, "name": Param("world", type="string")},
):

    @task
    def compute(**context):
        p = context["params"]
        return p["n"] * 2, p["name"]

    @task(params={"n": 10})
    def override(params=None):
        return params["n"]

    echo = BashOperator(
        task_id="echo", bash_command="echo hello {{ params.name }} {{ params.n + 1 }}"
    )
    compute() >> override() >> echo
