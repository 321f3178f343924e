"""one_failed / one_success / one_done fire as soon as one upstream is done, even with others failing later."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="more_one_done_one_failed", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def fine():
        return "fine"

    @task
    def bad():
        raise ValueError("x")

    @task
    def slow_after_bad():
        return "never"

    f = fine()
    b = bad()
    s = slow_after_bad()
    b >> s
    [f, s] >> EmptyOperator(task_id="one_failed_t", trigger_rule="one_failed")
    [f, s] >> EmptyOperator(task_id="one_success_t", trigger_rule="one_success")
    [b, s] >> EmptyOperator(task_id="one_done_t", trigger_rule="one_done")
    [b, s] >> EmptyOperator(task_id="all_done_min_t", trigger_rule="all_done_min_one_success")
