"""BaseHook.get_connection from the environment (URI and JSON) and a connections file."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, BaseHook, Connection, task

with DAG(dag_id="cs_sources", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def env_uri():
        c = BaseHook.get_connection("cs_warehouse")
        return [c.conn_type, c.host, c.login, c.password, c.port, c.schema, c.extra_dejson]

    @task
    def env_json():
        c = BaseHook.get_connection("cs_api")
        return [c.conn_type, c.host, c.port, c.extra_dejson, c.get_uri()]

    @task
    def file_dict():
        c = Connection.get("cs_files")
        return [c.conn_type, c.host, c.login, c.extra_dejson]

    @task
    def file_uri():
        c = BaseHook.get_connection("cs_queue")
        return [c.conn_type, c.host, c.port, c.get_uri()]

    @task
    def env_query_types():
        c = BaseHook.get_connection("cs_numeric")
        return [c.extra_dejson, c.get_uri()]

    @task
    def missing():
        return BaseHook.get_connection("cs_nowhere").host

    BashOperator(
        task_id="templated",
        bash_command="echo {{ conn.cs_warehouse.host }}:{{ conn.cs_warehouse.port }}",
    )

    env_uri()
    env_json()
    file_dict()
    file_uri()
    env_query_types()
    missing()
