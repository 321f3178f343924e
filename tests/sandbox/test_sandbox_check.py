"""`quizapp sandbox check`: the sandbox next to Airflow's dag.test(), differences marked.

CI has no Airflow: a fake interpreter (a small script given as ``--airflow``) stands in
for it and answers the child's protocol (``--probe``, then one result line) with what
the test chose. The last test runs real Airflow when an interpreter that has it is
named by ``QUIZAPP_TEST_AIRFLOW_PYTHON`` (or this one has it), and is skipped otherwise.
"""

from __future__ import annotations

import importlib.util
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.sandbox import check as check_module

DAG_SOURCE = """\
from datetime import UTC, datetime

from airflow.sdk import DAG, task

with DAG(dag_id="checked", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task
    def one():
        return 1

    @task
    def boom():
        raise ValueError("no")

    @task(trigger_rule="all_done")
    def after():
        return "after"

    [one(), boom()] >> after()
"""
#: What Airflow 3.3.2 gives for DAG_SOURCE (as the child prints it).
AIRFLOW_RESULT: dict[str, Any] = {
    "dags": {
        "checked": {
            "state": "success",
            "tasks": {
                "one": {"state": "success", "try_number": 1, "max_tries": 0},
                "boom": {"state": "failed", "try_number": 1, "max_tries": 0},
                "after": {"state": "success", "try_number": 1, "max_tries": 0},
            },
            "xcom": {"one": {"return_value": 1}, "after": {"return_value": "after"}},
        }
    }
}


def _fake_airflow(tmp_path: Path, result: dict[str, Any] | None, probe_ok: bool = True) -> str:
    """An executable standing in for an interpreter with Airflow installed."""
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps(result), encoding="utf-8")
    script = tmp_path / "fake-airflow-python"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "args = sys.argv[1:]\n"
        "if args[:1] == ['-c']:\n"
        "    args = args[2:]\n"
        "if '--probe' in args:\n"
        f"    if not {probe_ok!r}:\n"
        "        sys.exit(\"ModuleNotFoundError: No module named 'airflow'\")\n"
        "    print(json.dumps({'airflow': '3.3.2'}))\n"
        "    sys.exit(0)\n"
        "assert os.environ['AIRFLOW_HOME'] and 'sqlite' in os.environ["
        "'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN']\n"
        "assert '--dag-file' in args and '--logical-date' in args\n"
        f"print('log noise')\nprint('QUIZAPP-AIRFLOW-RESULT ' + open({str(answer)!r}).read())\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def _check(tmp_path: Path, *extra: str) -> tuple[int, str]:
    dag_file = tmp_path / "checked.py"
    dag_file.write_text(DAG_SOURCE, encoding="utf-8")
    args = ["sandbox", "check", str(dag_file), "--logical-date", "2024-01-15", *extra]
    out = CliRunner().invoke(main, args)
    return out.exit_code, out.output


def test_agreeing_runs_are_reported_as_a_match(tmp_path: Path) -> None:
    code, out = _check(tmp_path, "--airflow", _fake_airflow(tmp_path, AIRFLOW_RESULT))
    assert code == 0, out
    assert "<< differs" not in out
    assert "All 6 compared values match Airflow 3.3.2." in out
    assert "boom" in out and "failed try 1" in out


def test_every_difference_is_marked_and_the_exit_code_says_so(tmp_path: Path) -> None:
    result = json.loads(json.dumps(AIRFLOW_RESULT))
    run = result["dags"]["checked"]
    run["tasks"]["after"] = {"state": "upstream_failed", "try_number": 0, "max_tries": 0}
    run["state"] = "failed"
    del run["xcom"]["after"]
    code, out = _check(tmp_path, "--airflow", _fake_airflow(tmp_path, result))
    assert code == 1
    marked = [line.split()[0] for line in out.splitlines() if line.endswith("<< differs")]
    assert marked == ["run", "after", "xcom"]
    assert "3 difference(s) in 6 compared values." in out


def test_a_file_only_airflow_refuses_is_a_difference(tmp_path: Path) -> None:
    refused = {"error": "TypeError: something Airflow refuses"}
    code, out = _check(tmp_path, "--airflow", _fake_airflow(tmp_path, refused))
    assert code == 1
    assert "could not run the file: TypeError: something Airflow refuses" in out
    assert "match" not in out.replace("compared values", "")


def test_without_airflow_nothing_is_claimed_and_it_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = _check(tmp_path, "--airflow", _fake_airflow(tmp_path, None, probe_ok=False))
    assert code == 2
    assert "pip install 'apache-airflow==3.3.2'" in out
    assert "Not compared with Airflow." in out
    assert "match" not in out
    assert "after" in out  # the sandbox's own run is still shown
    monkeypatch.setattr(check_module.importlib.util, "find_spec", lambda name: None)
    code, out = _check(tmp_path)
    assert code == 2 and "Apache Airflow is not installed" in out


def _real_airflow() -> str | None:
    named = os.environ.get("QUIZAPP_TEST_AIRFLOW_PYTHON")
    if named:
        return named
    return sys.executable if importlib.util.find_spec("airflow") is not None else None


@pytest.mark.skipif(_real_airflow() is None, reason="no interpreter with Apache Airflow")
def test_against_real_airflow(tmp_path: Path) -> None:
    python = _real_airflow()
    assert python is not None
    code, out = _check(tmp_path, "--airflow", python)
    assert code == 0, out
    assert "All 6 compared values match Airflow 3." in out
