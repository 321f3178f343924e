"""Every bundled example runs and ends as its ``# =>`` comments say.

Comment forms: ``# => [dag_id] label: state (try N)`` (``[dag_id]`` optional: every
run of the file must match), ``# => run: state`` (every run) and ``# => runs: N``.
"""

from __future__ import annotations

import re

import pytest

from quizapp.core.bank import known_sandbox_names
from quizapp.sandbox.catalog import example_names, example_path, example_summary
from quizapp.sandbox.result import RunResult
from quizapp.sandbox.runfile import run_file

REQUIRED = {
    "dependencies", "retries", "branching", "trigger_rules", "xcom", "sensors", "pools",
    "task_groups", "dynamic_mapping", "dynamic_dags", "incremental", "etl", "setup_teardown",
}  # fmt: skip
TASK = re.compile(
    r"^# => (?:\[(?P<dag>[\w.-]+)\] )?(?P<label>[\w.\[\]-]+): (?P<state>\w+) \(try (?P<try>\d+)\)$"
)
RUN = re.compile(r"^# => run: (?P<state>\w+)$")
RUNS = re.compile(r"^# => runs: (?P<n>\d+)$")


def test_every_required_example_exists_with_a_summary() -> None:
    assert set(example_names()) >= REQUIRED
    assert known_sandbox_names() >= REQUIRED
    for name in example_names():
        assert example_summary(name)


def _check(results: list[RunResult], lines: list[str]) -> int:
    checked = 0
    for line in lines:
        if m := TASK.match(line):
            runs = [r for r in results if m["dag"] in (None, r.dag_id)]
            assert runs, line
            for run in runs:
                task = run.tasks[m["label"]]
                assert (task.state, task.try_number) == (m["state"], int(m["try"])), (
                    run.run_id,
                    line,
                )
            checked += 1
        elif m := RUN.match(line):
            assert {r.state for r in results} == {m["state"]}, line
            checked += 1
        elif m := RUNS.match(line):
            assert len(results) == int(m["n"]), line
            checked += 1
    return checked


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_example_ends_as_its_comments_say(name: str) -> None:
    path = example_path(name)
    lines = path.read_text(encoding="utf-8").splitlines()
    results = run_file(path)
    assert _check(results, lines) >= 2
    assert "from airflow" in "\n".join(lines)
    assert "import quizapp" not in "\n".join(lines)
    assert "from quizapp" not in "\n".join(lines)


def test_example_extras_match_their_comments() -> None:
    etl = run_file(example_path("etl"))[0]
    assert etl.xcom["verify"]["return_value"] == {"rows": 3, "total_eur": 36.84}
    xcom = run_file(example_path("xcom"))[0]
    assert xcom.xcom["both"]["return_value"] == [38, True]
    branching = run_file(example_path("branching"))[0]
    assert branching.xcom["choose_load"]["skipmixin_key"] == {"followed": ["full_reload"]}
    retries = run_file(example_path("retries"))[0]
    starts = [e.offset for e in retries.timeline if e.task == "flaky"]
    assert starts == [0.0, 300.0, 600.0]
    sensors = run_file(example_path("sensors"))[0]
    assert sensors.tasks["wait_for_file"].tries[0].pokes == 3
    incremental = run_file(example_path("incremental"))
    assert [r.logical_date[:10] for r in incremental] == [f"2024-01-{d:02d}" for d in range(8, 15)]
    assert incremental[0].data_interval_end[:10] == "2024-01-09"
