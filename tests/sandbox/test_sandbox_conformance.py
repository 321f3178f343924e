"""The Airflow 3.3.2 conformance cases: same states, try numbers, max_tries and XComs.

``conformance/expected.json`` (the shared sample, DAGs in ``conformance/dags``) and
``conformance/expected_more.json`` (DAGs in ``conformance/dags_more``, recorded from
Airflow 3.3.2 by ``conformance/record_airflow.py``) hold the same fields.
Each DAG file is loaded with its ``airflow...`` imports mapped
to ``quizapp.sandbox`` and run with ``dag.test(logical_date=2024-01-15T00:00:00Z)``,
as the README says the expected values were produced. ``skipmixin_key`` lists are
compared as sets (the expected ones were sorted).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizapp.sandbox import assets, history, secrets
from quizapp.sandbox.loader import load_dag_file

HERE = Path(__file__).parent / "conformance"
EXPECTED: dict[str, Any] = {
    dag_id: case
    for name in ("expected.json", "expected_more.json")
    for dag_id, case in json.loads((HERE / name).read_text(encoding="utf-8")).items()
}


def _skipmixin_as_sets(xcom: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        task: {k: set(v) for k, v in keys["skipmixin_key"].items()}
        for task, keys in xcom.items()
        if "skipmixin_key" in keys
    }


def _as_json(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (tuple, list)):
        return list(value)
    return str(value)


def _without_skipmixin(xcom: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The XComs as the expected files hold them (JSON written by ``record_airflow.as_json``)."""
    out = {t: {k: v for k, v in keys.items() if k != "skipmixin_key"} for t, keys in xcom.items()}
    return json.loads(json.dumps({t: keys for t, keys in out.items() if keys}, default=_as_json))


def _sidecars(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """``record_airflow.sidecars``: the variables/connections files and environment."""
    files = {
        key: str(path.with_suffix(suffix))
        for key, suffix in (("variable_file_path", ".vars.json"), ("conn_file_path", ".conns.json"))
        if path.with_suffix(suffix).is_file()
    }
    env_file = path.with_suffix(".env.json")
    env = json.loads(env_file.read_text(encoding="utf-8")) if env_file.is_file() else {}
    return files, env


_RUNS: dict[str, dict[str, Any]] = {}


def _run_file(dag_file: str) -> dict[str, Any]:
    """Every DAG of the file, in the file's order, in one fresh sandbox session (as the
    recorder ran them in one fresh database: a DAG's inlet events and variables can come
    from an earlier DAG of the same file)."""
    if dag_file not in _RUNS:
        path = HERE / dag_file
        assets.reset()
        secrets.reset()
        history.reset()
        files, env = _sidecars(path)
        dates_file = path.with_suffix(".dates.json")
        dates = json.loads(dates_file.read_text("utf-8")) if dates_file.is_file() else None
        runs: dict[str, Any] = {}
        with pytest.MonkeyPatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            for dag_id, dag in load_dag_file(path).items():
                for when in dates or ["2024-01-15T00:00:00+00:00"]:
                    key = f"{dag_id}@{when[:10]}" if dates else dag_id
                    runs[key] = dag.test(logical_date=when, **files)
        _RUNS[dag_file] = runs
    return _RUNS[dag_file]


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Any]:
    expected = EXPECTED[request.param]
    return expected, _run_file(expected["dag_file"])[request.param]


def test_run_state_and_data_interval(case: tuple[dict[str, Any], Any]) -> None:
    expected, result = case
    assert result.state == expected["dag_run_state"]
    assert result.run_id == expected["run_id"]
    assert result.logical_date == expected["logical_date"]
    assert result.data_interval_start == expected["data_interval_start"]
    assert result.data_interval_end == expected["data_interval_end"]


def test_task_states_try_numbers_and_max_tries(case: tuple[dict[str, Any], Any]) -> None:
    expected, result = case
    got = {
        label: {"state": t.state, "try_number": t.try_number, "max_tries": t.max_tries}
        for label, t in result.tasks.items()
    }
    want = {
        label: {k: t[k] for k in ("state", "try_number", "max_tries")}
        for label, t in expected["tasks"].items()
    }
    assert got == want


def test_earlier_tries_recorded_as_failed(case: tuple[dict[str, Any], Any]) -> None:
    expected, result = case
    for label, task in expected["tasks"].items():
        earlier = [
            {"state": r.state, "try_number": r.try_number} for r in result.tasks[label].tries[:-1]
        ]
        assert earlier == task.get("earlier_tries", [])


def test_xcoms(case: tuple[dict[str, Any], Any]) -> None:
    expected, result = case
    assert _without_skipmixin(result.xcom) == _without_skipmixin(expected["xcom"])
    assert _skipmixin_as_sets(result.xcom) == _skipmixin_as_sets(expected["xcom"])


def test_structure(case: tuple[dict[str, Any], Any]) -> None:
    expected, result = case
    dag = load_dag_file(HERE / expected["dag_file"])[result.dag_id]
    for task_id, shape in expected.get("structure", {}).items():
        task = dag.get_task(task_id)
        assert sorted(task.upstream_task_ids) == shape["upstream"]
        assert sorted(task.downstream_task_ids) == shape["downstream"]
        assert task.trigger_rule.value == shape["trigger_rule"]


def _event_key(event: dict[str, Any]) -> tuple[str, str]:
    return (event["uri"], event["source_task_id"])


def test_asset_events(case: tuple[dict[str, Any], Any]) -> None:
    """The asset events the run created (Airflow's order within a round is arbitrary)."""
    expected, result = case
    fields = ("name", "uri", "extra", "source_task_id")
    got = sorted(({k: e[k] for k in fields} for e in result.asset_events), key=_event_key)
    want = sorted(expected.get("asset_events") or [], key=_event_key)
    assert got == want
