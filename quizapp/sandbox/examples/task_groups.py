"""TaskGroups: name a group of tasks, give it defaults, and wire it as one node.

Run it:  quizapp sandbox run task_groups

Task ids inside a group are prefixed with the group id (``extract.orders``).
``start >> group`` links ``start`` to every root of the group; ``group >> end`` links
every leaf of the group to ``end``. ``default_args`` on a group apply to its tasks.
``@task_group`` builds a group from a function.
"""

from datetime import datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup, task, task_group

with DAG(
    dag_id="task_groups",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
    default_args={"retries": 1},
) as dag:
    start = EmptyOperator(task_id="start")

    with TaskGroup("extract", default_args={"retries": 3}) as extract:
        # Both are roots of the group: start >> extract links to each.
        orders = EmptyOperator(task_id="orders")
        customers = EmptyOperator(task_id="customers")
        with TaskGroup("checks"):  # nested: ids become extract.checks.<task>
            row_counts = EmptyOperator(task_id="row_counts")
        [orders, customers] >> row_counts

    @task_group
    def transform():
        @task
        def clean():
            return "clean rows"

        @task
        def enrich(rows):
            return f"enriched {rows}"

        return enrich(clean())  # the group call returns this last task

    @task
    def show_retries(ti=None):
        # extract.* tasks got retries=3 from the group; others retries=1 from the DAG
        return {t: ti.task.dag.get_task(t).retries for t in ("start", "extract.orders")}

    end = EmptyOperator(task_id="end")
    start >> extract >> transform() >> end
    end >> show_retries()

# What the run shows:
# => start: success (try 1)
# => extract.orders: success (try 1)
# => extract.checks.row_counts: success (try 1)
# => transform.clean: success (try 1)
# => transform.enrich: success (try 1)
# => end: success (try 1)
# => run: success
