"""Run a DAG file or DAG source: which DAGs, which logical dates, which run type.

The plan for a file: the DAG chosen by ``dag_id`` (or every DAG in the file, in
order); for each, a backfill from ``start`` to ``end`` when given, else one manual
run at ``logical_date`` when given, else the catch-up runs the scheduler would create
(``catchup=True`` with ``start_date`` and ``end_date``), else one manual run now.
A DAG scheduled on assets that another DAG of the file updates is not run by hand: it
runs when those updates satisfy its schedule (:func:`run_with_asset_triggers`), as
the scheduler would start it, and its result names the events that triggered it.
"""

from __future__ import annotations

import itertools
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
    #: The runs of one backfill share it (its first run ignores ``depends_on_past``).
    backfill_id: str | None = None


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
    if dag_id is not None:
        chosen = [pick_dag(dags, dag_id, where)]
    else:
        produced = {a.key for dag in dags.values() for a in _outlet_assets(dag)}
        chosen = [
            dag
            for dag in dags.values()
            if not (_condition(dag) and set(_condition(dag).iter_keys()) & produced)
        ] or list(dags.values())
    if (start is None) != (end is None):
        raise SandboxError("a backfill needs both a start and an end date")
    plan: list[PlannedRun] = []
    for dag in chosen:
        if start is not None and end is not None:
            backfill_id = _new_backfill_id(dag)
            plan += [
                PlannedRun(dag, d, "backfill", backfill_id) for d in backfill_dates(dag, start, end)
            ]
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
    options.setdefault("backfill_id", _new_backfill_id(dag))
    return [run_dag(dag, logical_date=d, **options) for d in backfill_dates(dag, start, end)]


_backfills = itertools.count(1)


def _new_backfill_id(dag: DAG) -> str:
    return f"{dag.dag_id}#{next(_backfills)}"


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
    results = []
    for p in plan:
        results.append(
            run_dag(
                p.dag,
                logical_date=p.logical_date,
                run_type=p.run_type,
                executor=executor,
                sink=sink,
                pools=pools,
                backfill_id=p.backfill_id,
            )
        )
    return results


def run_file(path: str | Path, **options: Any) -> list[RunResult]:
    """Load a DAG file and run it as planned (``dag_id``, ``logical_date``, ``start``,
    ``end``, ``now`` choose the runs; ``executor``, ``sink``, ``pools`` go to each run),
    then the runs its asset updates trigger."""
    plan_keys = ("dag_id", "logical_date", "start", "end", "now")
    planning = {k: options.pop(k) for k in plan_keys if k in options}
    dags = load_dag_file(path)
    plan = plan_runs(dags, where=str(path), **planning)
    return run_with_asset_triggers(dags, run_plan(plan, **options), **options)


#: A guard against DAGs that trigger each other forever through assets.
MAX_TRIGGERED_RUNS = 50


def _condition(dag: DAG) -> Any:
    return getattr(dag.timetable, "condition", None)


def _outlet_assets(dag: DAG) -> list[Any]:
    """The assets and asset aliases the DAG's tasks have in ``outlets``."""
    from quizapp.sandbox.assets import Asset, AssetAlias

    return [
        a
        for t in dag.tasks
        for a in (getattr(t, "outlets", None) or [])
        if isinstance(a, (Asset, AssetAlias))
    ]


def run_with_asset_triggers(
    dags: dict[str, DAG], results: list[RunResult], **options: Any
) -> list[RunResult]:
    """After ``results``, run every DAG of ``dags`` whose asset schedule their events
    satisfy, and so on down the chain (Airflow's asset-triggered runs, in one session).

    Each consumer collects the events of its assets since its last triggered run; when
    its condition holds it runs (``run_type="asset_triggered"``) with those events as
    ``triggering_asset_events``, and its own events go on down the chain.
    """
    from quizapp.sandbox.assets import ALIAS, AssetEvent, session_events

    consumers = {dag_id: dag for dag_id, dag in dags.items() if _condition(dag) is not None}
    if not consumers:
        return results
    by_key: dict[tuple[str, str, int, str], AssetEvent] = {}
    for event in session_events():
        by_key[(event.source_run_id, event.source_task_id, event.source_map_index, event.uri)] = (
            event
        )
    queues: dict[str, dict[tuple[str, str], list[AssetEvent]]] = {d: {} for d in consumers}
    pending = list(results)
    out = list(results)
    triggered = 0
    while pending:
        result = pending.pop(0)
        for raw in result.asset_events:
            found = by_key.get(
                (result.run_id, raw["source_task_id"], raw["source_map_index"], raw["uri"])
            )
            if found is None:
                continue
            # An event through an alias is queued under the alias too.
            names = [found.asset.key, *((ALIAS, alias) for alias in found.source_aliases)]
            for dag_id, dag in consumers.items():
                wanted = set(_condition(dag).iter_keys())
                for name in names:
                    if name in wanted:
                        queues[dag_id].setdefault(name, []).append(found)
        for dag_id, dag in consumers.items():
            queue = queues[dag_id]
            if not queue or not _condition(dag).evaluate(set(queue)):
                continue
            if triggered >= MAX_TRIGGERED_RUNS:
                raise SandboxError(
                    f"the asset updates triggered more than {MAX_TRIGGERED_RUNS} runs: "
                    "DAGs that update each other's assets would run forever"
                )
            triggered += 1
            events = {queue_events[0].asset: list(queue_events) for queue_events in queue.values()}
            queues[dag_id] = {}
            run_after = max(e.timestamp for evs in events.values() for e in evs)
            new = run_dag(
                dag,
                logical_date=run_after,
                run_type="asset_triggered",
                triggering_asset_events=events,
                **{k: v for k, v in options.items() if k in ("executor", "sink", "pools")},
            )
            for event in session_events():
                key = (event.source_run_id, event.source_task_id, event.source_map_index, event.uri)
                by_key[key] = event
            pending.append(new)
            out.append(new)
    return out


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
