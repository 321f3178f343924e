"""Task output without newlines (progress dots) is captured in bounded lines, none lost."""

from __future__ import annotations

from quizapp.sandbox.logcapture import MAX_LINE_CHARS, TryCapture
from quizapp.sandbox.runfile import run_source

DOTS = """
from airflow.sdk import DAG, task

with DAG("dots") as dag:
    @task
    def progress():
        for _ in range(200_000):
            print(".", end="")
        print("done")

    progress()
"""


def test_200k_dots_come_out_as_bounded_lines_with_nothing_lost() -> None:
    result = run_source(DOTS, logical_date="2024-01-01")
    log = result.tasks["progress"].log
    dots = [line for line in log if set(line) <= {".", "d", "o", "n", "e"} and line]
    assert "".join(dots) == "." * 200_000 + "done"
    assert max(len(line) for line in dots) == MAX_LINE_CHARS


def test_the_capture_splits_on_newlines_and_keeps_a_partial_line() -> None:
    emitted: list[str] = []
    capture = TryCapture(emitted.append)
    for piece in ("a", "b", "c\nd", "e\n\nf", "x" * (MAX_LINE_CHARS * 2)):
        capture.write(piece)
    assert emitted == ["abc", "de", "", "f" + "x" * (MAX_LINE_CHARS - 1), "x" * MAX_LINE_CHARS]
    capture.close()
    assert emitted[-1] == "x"
    capture.write("late\n")
    assert emitted[-1] == "x"


LONG_CATCHUP = """
from datetime import datetime
from airflow.sdk import DAG, task

with DAG("long", schedule="@daily", start_date=datetime(2020, 1, 1),
         end_date=datetime({year}, {month}, {day}), catchup=True) as dag:
    @task
    def t():
        return 1
    t()
"""


def test_a_catchup_range_past_the_run_cap_says_so_instead_of_cutting_it() -> None:
    import pytest

    from quizapp.sandbox.exceptions import SandboxError
    from quizapp.sandbox.loader import load_dag_source
    from quizapp.sandbox.runfile import MAX_RUNS, plan_runs

    exactly = load_dag_source(LONG_CATCHUP.format(year=2022, month=9, day=26))
    assert len(plan_runs(exactly)) == MAX_RUNS == 1000
    over = load_dag_source(LONG_CATCHUP.format(year=2022, month=9, day=27))
    with pytest.raises(SandboxError, match=r"more than 1,000 scheduled runs .* narrow the range"):
        plan_runs(over)
    with pytest.raises(SandboxError, match=r"narrow the range \(--start/--end\)"):
        plan_runs(exactly, start="2019-01-01", end="2023-01-01")
