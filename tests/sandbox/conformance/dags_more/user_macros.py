"""user_defined_macros and user_defined_filters in templates."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(
    dag_id="more_user_macros",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=None,
    user_defined_macros={"env": "prod", "double": lambda x: x * 2},
    user_defined_filters={"shout": lambda s: s.upper() + "!"},
):
    BashOperator(task_id="echo", bash_command="echo {{ env | shout }} {{ double(21) }}")
