"""Run a DAG file or DAG source: which DAGs, which logical dates, which run type.

The plan for a file: the DAG chosen by ``dag_id`` (or every DAG in the file, in
order); for each, a backfill from ``start`` to ``end`` when given, else one manual
run at ``logical_date`` when given, else the catch-up runs the scheduler would create
(``catchup=True`` with ``start_date`` and ``end_date``), else one manual run now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from quizapp.sandbox.dag import DAG
from quizapp.sandbox.events import Sink
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.loader import load_dag_file, load_dag_source, pick_dag
from quizapp.sandbox.result import RunResult
from quizapp.sandbox.runner import parse_logical_date, run_dag
from quizapp.sandbox.timetables import MAX_RUNS


@dataclass(frozen=True)
class PlannedRun:
    """One DAG run to do."""

    dag: DAG
    logical_date: datetime
    run_type: str


def plan_runs(
    dags: dict[str, DAG],
    *,
    dag_id: str | None = None,
    logical_date: datetime | str | None = None,
    start: datetime | str | None = None,
    end: datetime | str | None = None,
    where: str = "the file",
    now: datetime | str | None = None,
) -> list[PlannedRun]:
    """The runs to do for ``dags`` (see the module docstring); ``now`` is the time a
    run "now" gets (default: the system clock)."""
    chosen = [pick_dag(dags, dag_id, where)] if dag_id is not None else list(dags.values())
    if (start is None) != (end is None):
        raise SandboxError("a backfill needs both a start and an end date")
    plan: list[PlannedRun] = []
    for dag in chosen:
        if start is not None and end is not None:
            plan += [PlannedRun(dag, d, "backfill") for d in backfill_dates(dag, start, end)]
        elif logical_date is not None:
            plan.append(PlannedRun(dag, parse_logical_date(logical_date), "manual"))
        elif dates := catchup_dates(dag):
            plan += [PlannedRun(dag, d, "scheduled") for d in dates]
        else:
            plan.append(PlannedRun(dag, parse_logical_date(now), "manual"))
    return plan


def backfill(
    dag: DAG,
    start: datetime | str,
    end: datetime | str,
    **options: Any,
) -> list[RunResult]:
    """One ``backfill`` run per scheduled logical date from ``start`` to ``end`` (inclusive)."""
    options.setdefault("run_type", "backfill")
    return [run_dag(dag, logical_date=d, **options) for d in backfill_dates(dag, start, end)]


def backfill_dates(dag: DAG, start: datetime | str, end: datetime | str) -> list[datetime]:
    """The DAG's scheduled logical dates from ``start`` to ``end``; SandboxError when none."""
    first, last = parse_logical_date(start), parse_logical_date(end)
    dates = _all_or_refuse(dag, first, last, "--start/--end")
    if not dates:
        raise SandboxError(
            f"DAG {dag.dag_id!r} (schedule={dag.schedule!r}) has no scheduled runs "
            f"between {first.isoformat()} and {last.isoformat()}"
        )
    return dates


def catchup_dates(dag: DAG) -> list[datetime]:
    """The runs the scheduler would create for ``catchup=True`` between start and end date."""
    if not dag.catchup or dag.start_date is None or dag.end_date is None:
        return []
    first, last = parse_logical_date(dag.start_date), parse_logical_date(dag.end_date)
    return _all_or_refuse(dag, first, last, "the DAG's start_date/end_date")


def _all_or_refuse(dag: DAG, first: datetime, last: datetime, narrow: str) -> list[datetime]:
    """Every scheduled date from ``first`` to ``last``; SandboxError past MAX_RUNS (the
    timetable stops there: the runs are never cut short without a word)."""
    dates = dag.timetable.logical_dates(first, last)
    if len(dates) >= MAX_RUNS and dag.timetable.logical_dates(
        dates[-1] + timedelta(microseconds=1), last
    ):
        raise SandboxError(
            f"DAG {dag.dag_id!r} (schedule={dag.schedule!r}) has more than {MAX_RUNS:,} "
            f"scheduled runs between {first.isoformat()} and {last.isoformat()}; the sandbox "
            f"does at most {MAX_RUNS:,}: narrow the range ({narrow})"
        )
    return dates


def run_plan(
    plan: list[PlannedRun],
    *,
    executor: str = "sequential",
    sink: Sink | None = None,
    pools: dict[str, int] | None = None,
) -> list[RunResult]:
    """Do the planned runs one after the other."""
    return [
        run_dag(
            p.dag,
            logical_date=p.logical_date,
            run_type=p.run_type,
            executor=executor,
            sink=sink,
            pools=pools,
        )
        for p in plan
    ]


def run_file(path: str | Path, **options: Any) -> list[RunResult]:
    """Load a DAG file and run it as planned (``dag_id``, ``logical_date``, ``start``,
    ``end``, ``now`` choose the runs; ``executor``, ``sink``, ``pools`` go to each run)."""
    plan_keys = ("dag_id", "logical_date", "start", "end", "now")
    planning = {k: options.pop(k) for k in plan_keys if k in options}
    plan = plan_runs(load_dag_file(path), where=str(path), **planning)
    return run_plan(plan, **options)


def run_source(
    source: str,
    *,
    dag_id: str | None = None,
    logical_date: datetime | str | None = None,
    executor: str = "sequential",
    sink: Sink | None = None,
    pools: dict[str, int] | None = None,
) -> RunResult:
    """Run DAG source text (a ``kind: predict`` question's ``dag:``) once, manually.

    The source may define one DAG, or several with ``dag_id`` picking one. Returns the
    run's result: ``result.tasks[task_id].state`` and ``.try_number``.
    """
    dag = pick_dag(load_dag_source(source, "<dag source>"), dag_id, "the DAG source")
    return run_dag(dag, logical_date=logical_date, executor=executor, sink=sink, pools=pools)
