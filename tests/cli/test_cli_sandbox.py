"""`quizapp sandbox list|show|run`: output, JSON shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["sandbox", *args])
    return result.exit_code, result.stdout, result.stderr


def test_list_names_every_example() -> None:
    code, out, _ = invoke("list")
    assert code == 0
    for name in ("retries", "branching", "etl", "incremental"):
        assert name in out
    code, out, _ = invoke("list", "--json")
    assert {"name": "retries"}.items() <= next(
        e for e in json.loads(out) if e["name"] == "retries"
    ).items()


def test_show_prints_the_airflow_source() -> None:
    code, out, _ = invoke("show", "branching")
    assert code == 0
    assert "from airflow.providers.standard.operators.python import BranchPythonOperator" in out


def test_run_json_has_the_design_shape_and_exit_code_follows_the_run() -> None:
    code, out, _ = invoke("run", "retries", "--json", "--logical-date", "2024-01-15")
    assert code == 0
    data = json.loads(out)
    assert {"dag_id", "state", "tasks", "xcom", "events"} <= set(data)
    assert data["tasks"]["flaky"]["state"] == "success"
    assert data["tasks"]["flaky"]["try_number"] == 3
    assert data["logical_date"] == "2024-01-15T00:00:00+00:00"
    code, out, _ = invoke("run", "dynamic_mapping", "--json")
    assert code == 1
    assert json.loads(out)["tasks"]["count_rows[2]"]["state"] == "failed"


def test_run_text_report_shows_states_timeline_and_logs() -> None:
    code, out, _ = invoke("run", "retries", "--logical-date", "2024-01-15T00:00:00+00:00")
    assert code == 0
    assert "Timeline" in out and "+00:05:00  flaky  try 2  failed" in out
    # Both of Airflow's halves of a retried try (issue 13): failed, then up_for_retry.
    assert "flaky  try 1  failed -> up_for_retry, retry at +00:05:00" in out
    assert "flaky  try 2  failed -> up_for_retry, retry at +00:10:00" in out
    assert "flaky  try 3  success\n" in out
    assert "doomed  try 3  failed\n" in out  # the last try: no retry follows
    assert "[flaky try 1] try 1 of 4" in out
    assert "doomed" in out and "upstream_failed" in out


def test_run_several_dags_and_catchup_runs_print_a_list() -> None:
    code, out, _ = invoke("run", "dynamic_dags", "--json")
    assert code == 0
    assert [r["dag_id"] for r in json.loads(out)] == [
        "ingest_orders", "ingest_customers", "ingest_payments",
    ]  # fmt: skip
    code, out, _ = invoke("run", "dynamic_dags", "--json", "--dag-id", "ingest_orders")
    assert json.loads(out)["dag_id"] == "ingest_orders"
    code, out, _ = invoke(
        "run", "incremental", "--json", "--start", "2024-01-10", "--end", "2024-01-11"
    )
    # Airflow's run_id comes from run_after: the interval's end.
    assert [r["run_id"] for r in json.loads(out)] == [
        "backfill__2024-01-11T00:00:00+00:00", "backfill__2024-01-12T00:00:00+00:00",
    ]  # fmt: skip


def test_run_pools_with_the_local_executor() -> None:
    code, out, _ = invoke("run", "pools", "--executor", "local", "--json")
    assert code == 0
    assert json.loads(out)["state"] == "success"


def test_bad_input_gives_a_message_and_exit_1(tmp_path: Path) -> None:
    code, _, err = invoke("run", "no_such_example")
    assert code == 1 and "no example named 'no_such_example'" in err
    bad = tmp_path / "bad.py"
    bad.write_text("from airflow.sdk import AssetWatcher\n", encoding="utf-8")
    code, _, err = invoke("run", str(bad))
    assert code == 1 and "'AssetWatcher' (from airflow.sdk) is not supported" in err
    assert "Traceback" not in err
    code, _, err = invoke("run", "retries", "--logical-date", "soon")
    assert code == 1 and "cannot read the logical date" in err
    code, _, err = invoke("run", "pools", "--pool", "api")
    assert code == 2 and "NAME=SLOTS" in err


def test_isolated_run_from_the_command_line() -> None:
    code, out, _ = invoke("run", "etl", "--isolate", "--json")
    assert code == 0
    assert json.loads(out)["xcom"]["verify"]["return_value"] == {"rows": 3, "total_eur": 36.84}


def test_sandbox_run_does_not_import_textual() -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quizapp.cli import main\n"
        "result = CliRunner().invoke(main, ['sandbox', 'run', 'retries', '--json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_example_runs_from_the_command_line_with_the_exit_code_its_comments_give() -> None:
    from quizapp.sandbox.catalog import example_names, example_path

    for name in example_names():
        source = example_path(name).read_text(encoding="utf-8")
        expected = "success" if "# => run: success" in source else "failed"
        code, out, err = invoke("run", name, "--no-logs")
        assert code == (0 if expected == "success" else 1), (name, err)
        assert "Tasks:" in out
