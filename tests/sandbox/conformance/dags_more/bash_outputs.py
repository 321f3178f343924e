"""BashOperator outputs: empty output, a failing command before a successful one, stderr, no push."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

with DAG(dag_id="more_bash_outputs", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    BashOperator(task_id="empty", bash_command="true")
    BashOperator(task_id="false_then_echo", bash_command="false; echo survived")
    BashOperator(task_id="set_e", bash_command="set -e; false; echo never")
    BashOperator(task_id="stderr_only", bash_command="echo out; echo err >&2")
    BashOperator(task_id="trailing_blank", bash_command="echo a; echo")
    BashOperator(task_id="no_push", bash_command="echo hidden", do_xcom_push=False)
    BashOperator(task_id="exit_99_after_output", bash_command="echo partial; exit 99")
    BashOperator(task_id="multiline", bash_command="printf 'x\\ny\\nz'")
