"""The DAG runs of a sandbox session, for what depends on earlier runs.

Airflow's ``PrevDagrunDep`` (``ti_deps/deps/prev_dagrun_dep.py``), read for
``depends_on_past`` and ``wait_for_downstream``: a task instance may run only when
the same task succeeded (or was skipped) in the previous run of its DAG, and, with
``wait_for_downstream``, so did that task's direct downstream tasks there. The
previous run is the latest with an earlier logical date (for a DAG with
``catchup=True``, the latest that was not triggered by hand); the first run of a
backfill, and a DAG's first run ever, pass. A task missing from the previous run
fails the check unless ``ignore_first_depends_on_past`` and it never ran before.
Until it passes the task waits; a run left with nothing to do ends in a deadlock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

_OK = ("success", "skipped")


@dataclass
class PastRun:
    """One finished run: when, how it was started, and its task instances' states."""

    dag_id: str
    run_id: str
    logical_date: datetime
    run_type: str
    states: dict[tuple[str, int], str | None] = field(default_factory=dict)
    backfill_id: str | None = None


_LOCK = threading.Lock()
_runs: list[PastRun] = []


def record(run: PastRun) -> None:
    """Add a finished run to the session."""
    with _LOCK:
        _runs.append(run)


def reset() -> None:
    """Forget every run (a new session)."""
    with _LOCK:
        _runs.clear()


def previous_run(dag_id: str, logical_date: datetime, *, scheduled_only: bool) -> PastRun | None:
    """The latest run of ``dag_id`` before ``logical_date`` (not manual if asked)."""
    with _LOCK:
        earlier = [
            r
            for r in _runs
            if r.dag_id == dag_id
            and r.logical_date < logical_date
            and not (scheduled_only and r.run_type == "manual")
        ]
    return max(earlier, key=lambda r: r.logical_date) if earlier else None


def first_in_backfill(dag_id: str, backfill_id: str) -> bool:
    """Whether no run of this backfill has finished yet."""
    with _LOCK:
        return not any(r.dag_id == dag_id and r.backfill_id == backfill_id for r in _runs)


def ever_ran(dag_id: str, task_id: str, before: datetime) -> bool:
    """Whether any earlier run had an instance of the task."""
    with _LOCK:
        return any(
            r.dag_id == dag_id
            and r.logical_date < before
            and any(k[0] == task_id for k in r.states)
            for r in _runs
        )


def past_depends_met(
    task: Any, dag: Any, logical_date: datetime, backfill_id: str | None
) -> tuple[bool, str]:
    """Whether ``task`` may run in this run, and why not."""
    if backfill_id is not None and first_in_backfill(dag.dag_id, backfill_id):
        return True, ""
    last = previous_run(dag.dag_id, logical_date, scheduled_only=bool(dag.catchup))
    if last is None:
        return True, ""
    mine = [s for (t, _), s in last.states.items() if t == task.task_id]
    if not mine:
        if getattr(task, "ignore_first_depends_on_past", False) and not ever_ran(
            dag.dag_id, task.task_id, logical_date
        ):
            return True, ""
        return False, (
            f"depends_on_past: the previous run {last.run_id} has no instance of this task"
        )
    bad = sum(1 for s in mine if s not in _OK)
    if bad:
        return False, (
            f"depends_on_past: {bad} instance(s) of this task in the previous run "
            f"{last.run_id} did not succeed"
        )
    if getattr(task, "wait_for_downstream", False):
        downstream = set(task.downstream_task_ids)
        if any(s not in _OK for (t, _), s in last.states.items() if t in downstream):
            return False, (
                f"wait_for_downstream: tasks downstream of this one in the previous run "
                f"{last.run_id} did not all succeed"
            )
    return True, ""
