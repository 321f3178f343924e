"""The isolate mode: learner code in a child process, events streamed back to a sink."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from quizapp.sandbox.catalog import example_path
from quizapp.sandbox.events import Event, RunFinished, RunStarted, TaskFailed
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.isolate import run_isolated

HANGS = """
import time
from airflow.sdk import DAG, task

with DAG("hangs") as dag:
    @task
    def ok():
        return 1

    @task
    def forever():
        print("about to hang")
        while True:
            time.sleep(0.01)

    ok() >> forever()
"""

CRASHES = """
import os
from airflow.sdk import DAG, task

with DAG("crashes") as dag:
    @task
    def ok():
        return 1

    @task
    def die():
        os._exit(7)

    ok() >> die()
"""

EXITS = """
import sys
from airflow.sdk import DAG, task

with DAG("exits") as dag:
    @task
    def bye():
        sys.exit(4)

    @task
    def fine():
        return "fine"

    bye()
    fine()
"""


def test_example_runs_in_a_child_with_events_streamed_to_the_sink() -> None:
    seen: list[Event] = []
    (result,) = run_isolated(
        path=example_path("retries"), sink=seen.append, logical_date="2024-01-15"
    )
    assert result.state == "success"
    assert (result.tasks["flaky"].state, result.tasks["flaky"].try_number) == ("success", 3)
    assert isinstance(seen[0], RunStarted) and isinstance(seen[-1], RunFinished)
    assert seen == result.events


def test_hanging_task_is_stopped_by_the_time_limit_and_reported_failed() -> None:
    seen: list[Event] = []
    (result,) = run_isolated(source=HANGS, sink=seen.append, time_limit=2.0)
    assert result.state == "failed"
    assert "time limit of 2 s exceeded" in result.error
    assert (result.tasks["ok"].state, result.tasks["forever"].state) == ("success", "failed")
    assert "about to hang" in result.tasks["forever"].log
    assert isinstance(seen[-1], RunFinished) and seen[-1].state == "failed"
    assert any(isinstance(e, TaskFailed) and e.task_id == "forever" for e in seen)


def test_a_crashing_child_is_reported_and_the_parent_goes_on() -> None:
    (result,) = run_isolated(source=CRASHES)
    assert result.state == "failed"
    assert "exited with code 7" in result.error
    assert result.tasks["die"].state == "failed"


def test_sys_exit_in_a_task_fails_that_task_only() -> None:
    (result,) = run_isolated(source=EXITS, logical_date="2024-01-15")
    assert (result.tasks["bye"].state, result.tasks["fine"].state) == ("failed", "success")


def test_a_bad_file_raises_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.py"
    path.write_text("from airflow.sdk import AssetWatcher\n", encoding="utf-8")
    with pytest.raises(SandboxError, match=r"'AssetWatcher' \(from airflow.sdk\) is not supported"):
        run_isolated(path=path)


def test_callable_from_a_worker_thread_and_cancellable() -> None:
    cancel = threading.Event()
    out: list[object] = []

    def work() -> None:
        out.extend(run_isolated(source=HANGS, sink=lambda e: cancel.set(), cancel=cancel))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert out and out[0].error == "cancelled"  # type: ignore[attr-defined]


def test_the_timeline_of_a_stopped_run_shows_how_each_try_ended() -> None:
    (result,) = run_isolated(source=HANGS, time_limit=2.0)
    assert [(e.task, e.state) for e in result.timeline] == [
        ("ok", "success"),
        ("forever", "failed"),
    ]


@pytest.mark.parametrize("source", [CRASHES, EXITS])
def test_the_child_pipes_are_closed_when_the_run_returns(source: str) -> None:
    """Once run_isolated returns, no pipe of the child is left open (no ResourceWarning)."""
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        run_isolated(source=source, logical_date="2024-01-15")
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
