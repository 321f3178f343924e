"""Which names the task context has in Airflow 3: TaskFlow parameters and templates, one per task."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, task

NAMES = [
    "task_instance_key_str", "map_index", "conf", "test_mode", "task_reschedule_count",
    "map_index_template", "prev_data_interval_start_success", "templates_dict", "var",
    "inlets", "outlets",
]  # fmt: skip

with DAG(
    dag_id="more_context_keys", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule="@daily"
):
    for name in NAMES:
        BashOperator(task_id=f"tpl_{name}", bash_command="echo [{{ " + name + " is defined }}]")

    @task
    def by_kwargs(**context):
        return sorted(k for k in NAMES if k in context)

    @task
    def by_param(map_index=None, test_mode=None, task_instance_key_str=None):
        return [map_index, test_mode, task_instance_key_str]

    by_kwargs()
    by_param()
