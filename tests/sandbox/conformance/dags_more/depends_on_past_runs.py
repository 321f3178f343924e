"""depends_on_past and wait_for_downstream over consecutive runs (2024-01-15, 16, 17)."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="dop_chain", start_date=START, schedule="@daily", catchup=False):

    @task(depends_on_past=True)
    def load(ds=None):
        if ds == "2024-01-15":
            raise ValueError("bad day")
        return ds

    @task
    def free(ds=None):
        return ds

    load()
    free()

with DAG(dag_id="dop_wait_downstream", start_date=START, schedule="@daily", catchup=False):

    @task(wait_for_downstream=True)
    def extract(ds=None):
        return ds

    @task
    def transform(ds=None):
        if ds == "2024-01-15":
            raise ValueError("transform broke")
        return ds

    extract() >> transform()

with DAG(dag_id="dop_skipped_counts", start_date=START, schedule="@daily", catchup=False):

    @task(depends_on_past=True)
    def maybe(ds=None):
        from airflow.sdk.exceptions import AirflowSkipException

        if ds == "2024-01-15":
            raise AirflowSkipException("nothing to do")
        return ds

    maybe()
