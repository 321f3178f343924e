"""The prev_*_success context values in a DAG's first run, rendered and read as parameters."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_context_prev_success2",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="@daily",
):
    BashOperator(task_id="tpl_start", bash_command="echo [{{ prev_data_interval_start_success }}]")
    BashOperator(task_id="tpl_end_date", bash_command="echo [{{ prev_end_date_success }}]")
    BashOperator(
        task_id="tpl_count",
        bash_command="echo [{{ task_reschedule_count }}/{{ map_index_template }}]",
    )

    @task
    def as_param(prev_start_date_success=None):
        return str(prev_start_date_success)

    as_param()
