"""xcom_push with custom keys from mapped instances, pulled by key and map index."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="more_map_custom_keys", start_date=START, schedule=None):

    @task
    def emit(x, ti=None):
        ti.xcom_push(key="doubled", value=x * 2)
        return x

    @task
    def read(ti=None):
        return {
            "doubled_all": list(ti.xcom_pull(task_ids="emit", key="doubled")),
            "doubled_1": ti.xcom_pull(task_ids="emit", key="doubled", map_indexes=1),
            "values": list(ti.xcom_pull(task_ids="emit")),
        }

    emit.expand(x=[5, 6, 7]) >> read()
