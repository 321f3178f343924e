"""Setup and teardown: create a resource, use it, and always clean it up.

Run it:  quizapp sandbox run setup_teardown

A setup task (``@setup``, or ``.as_setup()``) creates what the work needs; its
teardown (``@teardown``, or ``.as_teardown(setups=...)``) removes it. A teardown's
trigger rule is ``all_done_setup_success``: it waits for every upstream, then runs if
its setup succeeded, even when the work failed. When the setup failed the teardown
is ``upstream_failed``; when the setup was skipped the teardown is skipped too.

Teardowns do not count for the run's state: the run below fails because a query
failed, although the cleanup succeeded. (An ordinary ``all_done`` cleanup would be the
run's only leaf, and its success would make the run ``success``.) Give a teardown
``on_failure_fail_dagrun=True`` when its own failure should fail the run.
"""

from datetime import datetime

from airflow.exceptions import AirflowSkipException
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, setup, task, teardown

with DAG(
    dag_id="setup_teardown",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:
    # TaskFlow: @setup and @teardown. Passing the cluster name links them.
    @setup
    def create_cluster():
        print("creating a cluster")
        return "cluster-42"

    @task
    def query_sales(cluster):
        return f"sales computed on {cluster}"

    @task
    def query_costs(cluster):
        raise RuntimeError(f"the costs query failed on {cluster}")

    @teardown
    def delete_cluster(cluster):
        print(f"deleting {cluster}")

    cluster = create_cluster()
    [query_sales(cluster), query_costs(cluster)] >> delete_cluster(cluster)

    # Classic operators: as_teardown(setups=...) marks both ends and links them.
    def stage_new_files():
        raise AirflowSkipException("no new files today: nothing to stage")

    create_staging = PythonOperator(task_id="create_staging_table", python_callable=stage_new_files)
    load = EmptyOperator(task_id="load_staging")
    drop_staging = EmptyOperator(task_id="drop_staging_table")
    create_staging >> load >> drop_staging.as_teardown(setups=create_staging)

# What the run shows:
# => create_cluster: success (try 1)
# => query_sales: success (try 1)
# => query_costs: failed (try 1)
# The cleanup runs although a query failed: its setup succeeded.
# => delete_cluster: success (try 1)
# A skipped setup skips the work in its scope and its teardown.
# => create_staging_table: skipped (try 1)
# => load_staging: skipped (try 0)
# => drop_staging_table: skipped (try 0)
# The run fails: query_costs is a leaf once the teardown is set aside.
# => run: failed
