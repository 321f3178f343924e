"""Every example of `quizapp sandbox list` gives what Airflow 3.3.2 gave for it.

``conformance/expected_examples.json`` was recorded from the bundled example files by
``conformance/record_airflow.py`` (``dag.test(logical_date=2024-01-15)``). The ``etl``
example's ``load`` returns a fresh temporary path, so only its shape is compared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizapp.sandbox.catalog import example_names, example_path
from quizapp.sandbox.loader import load_dag_file

EXPECTED: dict[str, Any] = json.loads(
    (Path(__file__).parent / "conformance" / "expected_examples.json").read_text("utf-8")
)
_VARYING = {("etl", "load")}


def _as_json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def test_every_listed_example_was_recorded() -> None:
    recorded = {case["dag_file"].split("/")[-1].removesuffix(".py") for case in EXPECTED.values()}
    assert recorded == set(example_names())


@pytest.mark.parametrize("dag_id", sorted(EXPECTED))
def test_example_matches_airflow(dag_id: str) -> None:
    case = EXPECTED[dag_id]
    name = case["dag_file"].split("/")[-1].removesuffix(".py")
    dag = load_dag_file(example_path(name))[dag_id]
    result = dag.test(logical_date="2024-01-15T00:00:00+00:00")
    assert result.state == case["dag_run_state"]
    got = {k: (t.state, t.try_number, t.max_tries) for k, t in result.tasks.items()}
    want = {k: (t["state"], t["try_number"], t["max_tries"]) for k, t in case["tasks"].items()}
    assert got == want
    mine = _as_json({t: v.get("return_value") for t, v in result.xcom.items()})
    theirs = {t: v.get("return_value") for t, v in case["xcom"].items()}
    for task_id in set(mine) | set(theirs):
        if (dag_id, task_id) in _VARYING:
            assert isinstance(mine.get(task_id), str) and isinstance(theirs.get(task_id), str)
            continue
        assert mine.get(task_id) == theirs.get(task_id), task_id
