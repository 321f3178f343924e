"""Setup/teardown around a branch that skips the work, with a mapped task in the scope."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, setup, task, teardown

with DAG(
    dag_id="more_setup_teardown_skip", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @setup
    def up():
        return [1, 2]

    @task.branch
    def br():
        return "other"

    @task
    def each(x):
        return x + 1

    @teardown
    def down():
        return "down"

    u = up()
    b = br()
    m = each.expand(x=u)
    other = EmptyOperator(task_id="other")
    u >> b >> [m, other]
    d = down()
    [m, other] >> d
    u >> d
