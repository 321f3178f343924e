"""Two branches in sequence, a Label on an edge, default_args trigger_rule none_failed."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, Label, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(
    dag_id="more_branch_sequence_label",
    start_date=START,
    schedule=None,
    default_args={"trigger_rule": "none_failed"},
):

    @task.branch
    def first():
        return "mid_a"

    @task.branch
    def second():
        return ["end_b"]

    mid_a = EmptyOperator(task_id="mid_a")
    mid_b = EmptyOperator(task_id="mid_b")
    end_a = EmptyOperator(task_id="end_a")
    end_b = EmptyOperator(task_id="end_b")
    f = first()
    f >> Label("weekday") >> mid_a
    f >> Label("weekend") >> mid_b
    s = second()
    [mid_a, mid_b] >> s >> [end_a, end_b]
