"""Variables and connections: files, the environment, Variable.set, and bad input.

What Airflow 3.3.2 gives for the same sources is pinned by the recorded
``vs_sources`` / ``cs_sources`` conformance cases; these cover the sandbox's own edges.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quizapp.sandbox import DAG, BaseHook, Connection, SandboxError, Variable, secrets, task


@pytest.fixture(autouse=True)
def _fresh_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(secrets.VARS_ENV, raising=False)
    monkeypatch.delenv(secrets.CONNS_ENV, raising=False)
    secrets.reset()


def test_a_uri_connection_reads_as_airflow_reads_it() -> None:
    conn = Connection.from_uri(
        "postgresql://etl:s%40cret@db.example.com:5432/analytics?sslmode=require", "wh"
    )
    assert (conn.conn_type, conn.host, conn.login, conn.password) == (
        "postgres", "db.example.com", "etl", "s@cret",
    )  # fmt: skip
    assert (conn.port, conn.schema, conn.extra_dejson) == (
        5432,
        "analytics",
        {"sslmode": "require"},
    )
    assert conn.get_uri() == "postgres://etl:s%40cret@db.example.com:5432/analytics?sslmode=require"
    with pytest.raises(Exception, match="Invalid connection string"):
        Connection.from_uri("a://b://c://d", "bad")


def test_the_environment_gives_variables_and_json_connections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AIRFLOW_VAR_TARGET_TABLE", "orders")
    monkeypatch.setenv(
        "AIRFLOW_CONN_API", json.dumps({"conn_type": "http", "host": "api", "port": "8080"})
    )
    assert Variable.get("target_table") == "orders"
    conn = BaseHook.get_connection("api")
    assert (conn.conn_type, conn.host, conn.port) == ("http", "api", 8080)


def test_set_keeps_a_value_for_the_session_but_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Variable.set("counter", "1")
    assert Variable.get("counter") == "1"
    monkeypatch.setenv("AIRFLOW_VAR_COUNTER", "from-env")
    assert Variable.get("counter") == "from-env"
    Variable.delete("counter")
    monkeypatch.delenv("AIRFLOW_VAR_COUNTER")
    assert Variable.get("counter", default=None) is None


def test_yaml_files_and_a_child_process_finds_the_same_files(tmp_path: Path) -> None:
    variables = tmp_path / "vars.yaml"
    variables.write_text("region: eu-west-1\nlimits:\n  rows: 5\n", encoding="utf-8")
    conns = tmp_path / "conns.yml"
    conns.write_text("db:\n  conn_type: postgres\n  host: dbhost\n", encoding="utf-8")
    secrets.configure(variables, conns)
    assert Variable.get("region") == "eu-west-1"
    assert BaseHook.get_connection("db").host == "dbhost"
    assert Path(__import__("os").environ[secrets.VARS_ENV]) == variables.resolve()
    secrets.configure()  # a session without files again


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("vars.txt", "a=1", "must end in .json, .yaml or .yml"),
        ("vars.json", "{not json", "cannot read the variables file"),
        ("vars.json", "[1, 2]", "holds a mapping"),
    ],
)
def test_bad_variables_files_get_a_clear_message(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SandboxError, match=message):
        secrets.load_variables(path)


def test_a_bad_connection_entry_names_the_connection(tmp_path: Path) -> None:
    path = tmp_path / "conns.json"
    path.write_text(json.dumps({"db": {"hostname": "x"}}), encoding="utf-8")
    with pytest.raises(SandboxError, match=r"connection 'db': .*unknown fields \['hostname'\]"):
        secrets.load_connections(path)


def test_a_missing_connection_fails_the_task_as_in_airflow() -> None:
    with DAG("missing_conn", schedule=None) as dag:

        @task
        def use() -> Any:
            return BaseHook.get_connection("nowhere").host

        use()
    result = dag.test(logical_date="2024-01-15")
    assert result.tasks["use"].state == "failed"
    assert "The conn_id `nowhere` isn't defined" in result.tasks["use"].reason


def test_cli_run_reads_vars_and_conns_files(tmp_path: Path) -> None:
    from quizapp.cli import main

    dag_file = tmp_path / "dag.py"
    dag_file.write_text(
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, BaseHook, Variable, task\n"
        "with DAG('uses_secrets', schedule=None, start_date=datetime(2024, 1, 1)):\n"
        "    @task\n"
        "    def show():\n"
        "        return [Variable.get('region'), BaseHook.get_connection('db').port]\n"
        "    show()\n",
        encoding="utf-8",
    )
    (tmp_path / "v.json").write_text('{"region": "eu"}', encoding="utf-8")
    (tmp_path / "c.json").write_text('{"db": "postgres://u:p@h:5433/x"}', encoding="utf-8")
    args = ["sandbox", "run", str(dag_file), "--json", "--logical-date", "2024-01-15"]
    out = CliRunner().invoke(
        main, [*args, "--vars", str(tmp_path / "v.json"), "--conns", str(tmp_path / "c.json")]
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["xcom"]["show"]["return_value"] == ["eu", 5433]
    missing = CliRunner().invoke(main, [*args, "--vars", str(tmp_path / "none.json")])
    assert missing.exit_code == 1
    assert "cannot read the variables file" in missing.output
