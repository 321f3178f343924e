"""BashOperator exit codes: 0 succeeds (last line is the XCom), 99 skips, 1 fails, custom skip codes."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG(dag_id="more_bash_exit_codes", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):
    ok = BashOperator(task_id="ok", bash_command="echo first; echo last")
    skip99 = BashOperator(task_id="skip99", bash_command="exit 99")
    fail1 = BashOperator(
        task_id="fail1", bash_command="exit 1", retries=1, retry_delay=timedelta(seconds=0)
    )
    custom = BashOperator(task_id="custom", bash_command="exit 3", skip_on_exit_code=[3, 4])
    custom_fail = BashOperator(
        task_id="custom_fail", bash_command="exit 99", skip_on_exit_code=None
    )
    env = BashOperator(task_id="env", bash_command="echo $GREETING", env={"GREETING": "hi"})
    after = EmptyOperator(task_id="after", trigger_rule="none_failed")
    [ok, skip99, custom, env] >> after
    fail1 >> EmptyOperator(task_id="after_fail")
