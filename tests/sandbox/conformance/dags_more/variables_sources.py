"""Variable.get from a variables file and the environment, with defaults, JSON and set."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Variable, task

with DAG(dag_id="vs_sources", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def from_file():
        return Variable.get("vs_region")

    @task
    def from_env():
        return Variable.get("vs_bucket")

    @task
    def file_wins_over_env():
        return Variable.get("vs_both")

    @task
    def json_from_env():
        cfg = Variable.get("vs_limits", deserialize_json=True)
        return cfg["rows"] * 2

    @task
    def missing_with_default():
        return Variable.get("vs_not_there", default="fallback")

    @task
    def default_is_not_decoded():
        return Variable.get("vs_not_there", default='{"a": 1}', deserialize_json=True)

    @task
    def missing_without_default():
        return Variable.get("vs_not_there")

    @task
    def write():
        Variable.set("vs_written", "hello")
        Variable.set("vs_written_json", {"n": [1, 2]}, serialize_json=True)

    @task
    def read_back():
        return [Variable.get("vs_written"), Variable.get("vs_written_json", deserialize_json=True)]

    BashOperator(
        task_id="templated",
        bash_command="echo {{ var.value.vs_region }}-{{ var.json.vs_limits.rows }}"
        "-{{ var.value.get('vs_nope', 'dflt') }}",
    )

    from_file()
    from_env()
    file_wins_over_env()
    json_from_env()
    missing_with_default()
    default_is_not_decoded()
    missing_without_default()
    write() >> read_back()

with DAG(dag_id="vs_set_non_string", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def set_int():
        Variable.set("vs_number", 5)
        return Variable.get("vs_number")

    set_int()
