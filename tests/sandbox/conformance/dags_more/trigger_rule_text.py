"""A task's trigger rule as text: str() in Python and in a template, and compared with a string."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_trigger_rule_text", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task(trigger_rule="none_failed")
    def show(**context):
        rule = context["task"].trigger_rule
        return [str(rule), rule == "none_failed", rule.value, f"{rule}"]

    BashOperator(task_id="tpl", bash_command="echo '{{ task.trigger_rule }}'")
    show()
