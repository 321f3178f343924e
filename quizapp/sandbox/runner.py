"""The scheduler: one DAG run, on a virtual clock, through an executor, with events.

Task code takes no virtual time; retry delays, sensor poke intervals and
reschedules move the virtual clock forward at once when nothing else can run, so
the run's timeline says when each try would have started on a real scheduler.
Try numbers count as Airflow 3 counts them: a try is counted when it is queued
(a task that never ran has try number 0).

The run goes in *scheduling rounds*, as ``dag.test()`` drives Airflow's scheduler
(``DagRun.update_state`` then every scheduled task instance run to its end): at the
start of a round the states of the tasks that finished become visible, every waiting
task instance's trigger rule is checked once against them (one marked ``skipped`` or
``upstream_failed`` in a round is seen by its downstream tasks only in the next), the
retries and reschedules that are due join, and the scheduled ones run. So an
``always`` task and every task without upstreams start in the first round, and a
failure reaches a task two levels down two rounds later.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizapp.sandbox import logcapture
from quizapp.sandbox.dag import DAG
from quizapp.sandbox.events import (
    Event,
    LogLine,
    RunFinished,
    RunStarted,
    Sink,
    TaskFailed,
    TaskQueued,
    TaskRunning,
    TaskSkipped,
    TaskSucceeded,
    TaskUpForReschedule,
    TaskUpForRetry,
    TaskUpstreamFailed,
)
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.executors import Outcome, Work, make_executor
from quizapp.sandbox.mapped import MissingMapValues
from quizapp.sandbox.relations import indirect_setups, skip_parents, task_role
from quizapp.sandbox.result import RunResult, TaskResult, TryRecord
from quizapp.sandbox.retry import next_poke_interval, retry_delay
from quizapp.sandbox.skipmixin import skip_decided_by
from quizapp.sandbox.states import FAILED_STATES, FINISHED
from quizapp.sandbox.states import TaskInstanceState as TI
from quizapp.sandbox.trigger_rules import SETUP, Decision, TriggerRule, UpstreamStates, decide
from quizapp.sandbox.worker import TryRunner
from quizapp.sandbox.xcom import XCOM_SKIPMIXIN_KEY, XComStore

if TYPE_CHECKING:
    from quizapp.sandbox.context import DagRunInfo

#: The states a branch or short-circuit can still skip: Airflow's ``ti_skip_downstream``
#: leaves running and finished instances alone, and ``dag.test`` runs every instance it
#: scheduled in the round even when a task of the same round has skipped it since.
_SKIPPABLE = (None, TI.UP_FOR_RETRY, TI.UP_FOR_RESCHEDULE, TI.UPSTREAM_FAILED)
#: Airflow's ``default_pool`` size.
DEFAULT_POOL_SLOTS = 128
RUN_TYPES = ("manual", "scheduled", "backfill", "asset_triggered")
#: A guard against sensors that would poke forever (``poke_interval=0`` and a long timeout).
MAX_POKES_PER_TRY = 100_000


def parse_logical_date(value: datetime | str | None) -> datetime:
    """A UTC datetime from ``2024-01-15``, an ISO timestamp, or a datetime (now when None)."""
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise SandboxError(
                f"cannot read the logical date {value!r}: use 2024-01-15 or "
                "2024-01-15T06:30:00+00:00"
            ) from None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@dataclass
class _Instance:
    """A task instance while the run goes on."""

    task: Any
    map_index: int
    order: int
    operator: Any = None
    state: TI | None = None
    try_number: int = 0
    tries: list[TryRecord] = field(default_factory=list)
    try_started: datetime | None = None
    #: When the first try started (a rescheduling sensor's timeout counts from there).
    first_started: datetime | None = None
    reason: str = ""
    placeholder: bool = False
    #: The rendered operator copy and context of the running try (reused between pokes).
    live: tuple[Any, dict[str, Any]] | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.task.task_id, self.map_index)

    @property
    def max_tries(self) -> int:
        return int((self.operator or self.task).retries)


def _outside_dates(dag: DAG, run: DagRunInfo) -> bool:
    """Whether the run's logical date lies outside the DAG's ``start_date``..``end_date``.

    Airflow then creates no task instance at all (``DagRun._create_tasks``: tasks are
    kept only if ``start_date <= logical_date <= end_date``, backfills excepted), so
    the run has no tasks and succeeds. The sandbox's tasks take the DAG's dates (or
    ``default_args``'s).
    """
    if run.run_type == "backfill":
        return False
    when = run.logical_date
    dates = (getattr(dag, key) or dag.default_args.get(key) for key in ("start_date", "end_date"))
    start, end = (None if d is None else parse_logical_date(d) for d in dates)
    return (start is not None and start > when) or (end is not None and end < when)


def _tasks_for_run(dag: DAG, run: DagRunInfo) -> list[Any]:
    """The tasks that get a task instance in this run (``DagRun._create_tasks``'s filter).

    A task whose own ``start_date`` is after the logical date, or ``end_date`` before
    it, gets none (backfills excepted): its downstream tasks then wait for it forever
    and the run ends in a deadlock, as in Airflow.
    """
    if run.run_type == "backfill":
        return list(dag.tasks)
    when = run.logical_date
    kept = []
    for task in dag.tasks:
        start, end = (getattr(task, key, None) for key in ("start_date", "end_date"))
        if start is not None and parse_logical_date(start) > when:
            continue
        if end is not None and parse_logical_date(end) < when:
            continue
        kept.append(task)
    return kept


class DagRunner:
    """Runs one DAG run; build it with :func:`run_dag`."""

    def __init__(
        self,
        dag: DAG,
        *,
        logical_date: datetime,
        executor: str,
        sink: Sink | None,
        pools: dict[str, int] | None,
        run_type: str,
        run_conf: dict[str, Any] | None,
        triggering_asset_events: dict[Any, list[Any]] | None = None,
        backfill_id: str | None = None,
    ) -> None:
        if run_type not in RUN_TYPES:
            raise SandboxError(f"unknown run type {run_type!r} (known: {', '.join(RUN_TYPES)})")
        dag.check_cycle()
        dag.validate_setup_teardown()
        self.dag = dag
        self.executor = make_executor(executor)
        self.sink = sink
        self.pools = {"default_pool": DEFAULT_POOL_SLOTS, **dag.sandbox_pools, **(pools or {})}
        self._check_pools()
        if run_type in ("manual", "asset_triggered"):
            interval = dag.timetable.infer_manual_data_interval(run_after=logical_date)
            run_after = logical_date
        else:
            interval = dag.timetable.scheduled_interval(logical_date)
            run_after = max(interval.end, logical_date)
        from quizapp.sandbox.context import DagRunInfo, DagRunType

        self.dag_run = DagRunInfo(
            dag_id=dag.dag_id,
            # Airflow's DagRun.generate_run_id: from run_after (a scheduled run's interval end).
            run_id=f"{run_type}__{run_after.isoformat()}" + _run_id_suffix(run_type),
            run_type=DagRunType(run_type),
            logical_date=logical_date,
            data_interval_start=interval.start,
            data_interval_end=interval.end,
            run_after=run_after,
            conf=dict(run_conf or {}),
            triggering_asset_events=dict(triggering_asset_events or {}),
        )
        self.backfill_id = backfill_id if run_type == "backfill" else None
        #: Tasks that depend on the previous run (``depends_on_past``), and why they wait.
        self._past_deps = {
            t.task_id
            for t in dag.tasks
            if getattr(t, "depends_on_past", False) or getattr(t, "wait_for_downstream", False)
        }
        self._past_verdicts: dict[str, tuple[bool, str]] = {}
        #: The asset events this run created (see ``_record_asset_events``).
        self.asset_events: list[Any] = []
        self.clock = run_after
        self.store = XComStore()
        self.events: list[Event] = []
        self._emit_lock = threading.Lock()
        self._seq = itertools.count()
        self.instances: dict[str, list[_Instance]] = {}
        tasks = [] if _outside_dates(dag, self.dag_run) else _tasks_for_run(dag, self.dag_run)
        from quizapp.sandbox.mapped_group import mapped_group_of

        #: Tasks inside a mapped task group, by task id: their group.
        self._grouped: dict[str, Any] = {}
        for order, task in enumerate(tasks):
            group = mapped_group_of(task)
            if group is not None:
                self._grouped[task.task_id] = group
                task._in_mapped_group = True
            mapped = bool(getattr(task, "_is_mapped", False)) or group is not None
            inst = _Instance(task, -1, order, None if mapped else task, placeholder=mapped)
            self.instances[task.task_id] = [inst]
        self._dirty: list[tuple[int, int, str]] = []
        self._dirty_keys: set[tuple[str, int]] = set()
        self._ready: list[tuple[int, int, str]] = []
        #: Retries and reschedules: due ones join the next round.
        self._wakes: list[tuple[datetime, int, str, int, str]] = []
        #: Pokes and execution timeouts of running tries: part of the round under way.
        self._inround: list[tuple[datetime, int, str, int, str]] = []
        #: Instances finished since the round began, seen by the others from the next.
        self._pending: list[_Instance] = []
        #: The states the current round sees, by (task_id, map_index).
        self._visible: dict[tuple[str, int], TI] = {}
        self._active: dict[tuple[str, int], _Instance] = {}
        self._pool_used: dict[str, int] = dict.fromkeys(self.pools, 0)
        self._map_sources = _map_sources(dag)
        self._skip_parents = skip_parents(dag)
        self._indirect_setups = indirect_setups(dag)
        self._setup_scope: defaultdict[str, list[str]] = defaultdict(list)
        for task_id, setups in self._indirect_setups.items():
            for setup_id in setups:
                self._setup_scope[setup_id].append(task_id)
        self._up_setups: dict[str, int] = {}
        #: Tasks with checks beyond their trigger rule (see ``_check_other_deps``).
        self._other_deps = set(self._skip_parents) | set(self._indirect_setups) | self._past_deps
        self._finished_up: defaultdict[tuple[str, int], Counter[Any]] = defaultdict(Counter)
        self._up_total: dict[str, int] = {}
        self._worker = TryRunner(self)

    # checks ----------------------------------------------------------------
    def _check_pools(self) -> None:
        for task in self.dag.tasks:
            pool = task.pool
            if pool not in self.pools:
                raise SandboxError(
                    f"task {task.task_id!r} uses pool {pool!r}, which does not exist "
                    f"(known: {', '.join(sorted(self.pools))}); define it with "
                    f"pools={{{pool!r}: N}} or --pool {pool}=N"
                )
            if task.pool_slots > self.pools[pool]:
                raise SandboxError(
                    f"task {task.task_id!r} needs pool_slots={task.pool_slots} but pool "
                    f"{pool!r} has only {self.pools[pool]} slots: it could never run"
                )

    # events ----------------------------------------------------------------
    def emit(self, event: Event) -> None:
        """Record an event and pass it to the sink (thread-safe, in order)."""
        with self._emit_lock:
            self.events.append(event)
            if self.sink is not None:
                self.sink(event)

    def now(self) -> str:
        """The virtual clock, ISO 8601."""
        return self.clock.isoformat()

    def log_line(self, inst: _Instance, try_number: int, line: str) -> None:
        """A line of task output."""
        if inst.tries and inst.tries[-1].try_number == try_number:
            inst.tries[-1].log.append(line)
        self.emit(LogLine(self.now(), inst.task.task_id, inst.map_index, try_number, line))

    def _task_event(self, cls: type[Any], inst: _Instance, **extra: Any) -> None:
        self.emit(cls(self.now(), inst.task.task_id, inst.map_index, inst.try_number, **extra))

    # the loop --------------------------------------------------------------
    def run(self) -> RunResult:
        """Run until nothing more can happen; return the result."""
        started = time.perf_counter()
        self.emit(
            RunStarted(
                self.now(),
                self.dag.dag_id,
                self.dag_run.run_id,
                self.dag_run.logical_date.isoformat(),
                self.dag_run.data_interval_start.isoformat(),
                self.dag_run.data_interval_end.isoformat(),
                self.executor.name,
                tuple(self.dag.task_ids),
                tuple((t.task_id, tuple(sorted(t.upstream_task_ids))) for t in self.dag.tasks),
                tuple((t.task_id, task_role(t)) for t in self.dag.tasks if task_role(t)),
            )
        )
        for task in self.dag.tasks:
            if task.task_id in self._grouped:
                continue
            if task._is_mapped and task.task_id in self.instances and task.parse_time_count():
                self._expand(self.instances[task.task_id][0])
        for group in {id(g): g for g in self._grouped.values()}.values():
            if not any(True for _ in _group_xcom_args(group)):
                self._expand_group(group)
        for insts in self.instances.values():
            for inst in insts:
                self._mark_dirty(inst)
        logcapture.install()
        try:
            self._loop()
        finally:
            logcapture.uninstall()
            self.executor.shutdown()
        state, error = self._final_state()
        self._remember()
        self.emit(RunFinished(self.now(), self.dag.dag_id, self.dag_run.run_id, state, error))
        return self._result(state, error, time.perf_counter() - started)

    def _loop(self) -> None:
        while True:
            self._flush_finished()
            self._release_wakes()
            self._evaluate()
            if self._ready or self.executor.running() or self._inround:
                self._run_round()
                continue
            if self._pending:
                continue
            if self._wakes:
                self.clock = max(self.clock, self._wakes[0][0])
                continue
            return

    def _run_round(self) -> None:
        """Run the scheduled task instances of this round until each try has ended."""
        while True:
            self._launch()
            if self.executor.running():
                self._handle(self.executor.wait())
                continue
            if self._inround:
                self.clock = max(self.clock, self._inround[0][0])
                self._release_inround()
                continue
            return

    def _flush_finished(self) -> None:
        """Start a round: what finished in the last one becomes visible downstream."""
        pending, self._pending = self._pending, []
        for inst in pending:
            if inst.state is not None:
                self._visible[inst.key] = inst.state
        for inst in pending:
            self._downstream_finished(inst)

    def _seen(self, task_id: str, map_index: int = -1) -> TI | None:
        """A task instance's state as this round sees it (None: not finished yet)."""
        return self._visible.get((task_id, map_index))

    def _lookup(self, task_id: str, map_index: int) -> _Instance | None:
        for inst in self.instances.get(task_id, ()):
            if inst.map_index == map_index:
                return inst
        return None

    def _mark_dirty(self, inst: _Instance) -> None:
        if inst.state is None and inst.key not in self._dirty_keys:
            self._dirty_keys.add(inst.key)
            heapq.heappush(self._dirty, (inst.order, inst.map_index, inst.task.task_id))

    def _downstream_finished(
        self, inst: _Instance, state: TI | None = None, delta: int = 1
    ) -> None:
        """Count ``inst``'s final state (or take ``state`` back, ``delta=-1``) for its
        downstream instances and re-check them.

        A setup's state is also counted apart (for ``all_done_setup_success``), and the
        tasks in its scope that are not directly downstream are re-checked too.
        """
        state = inst.state if state is None else state
        is_setup = inst.task.is_setup
        group = self._grouped.get(inst.task.task_id)
        for task_id in sorted(inst.task.downstream_task_ids):
            same_group = group is not None and self._grouped.get(task_id) is group
            for down in self.instances.get(task_id, ()):
                if same_group and inst.map_index >= 0 and down.map_index != inst.map_index:
                    continue  # inside a mapped group only the same index is upstream
                tally = self._finished_up[down.key]
                tally[state] += delta
                if is_setup:
                    tally[(SETUP, state)] += delta
                self._mark_dirty(down)
        if is_setup:
            for task_id in self._setup_scope.get(inst.task.task_id, ()):
                for down in self.instances.get(task_id, ()):
                    self._mark_dirty(down)

    # deciding ----------------------------------------------------------------
    def _evaluate(self) -> None:
        while self._dirty:
            _, map_index, task_id = heapq.heappop(self._dirty)
            self._dirty_keys.discard((task_id, map_index))
            inst = self._lookup(task_id, map_index)
            if inst is None or inst.state is not None:
                continue
            if inst.placeholder and task_id in self._grouped:
                group = self._grouped[task_id]
                if self._group_ready(group):
                    self._expand_group(group)
                    continue
            other = Decision.RUN
            if task_id in self._other_deps:
                other = self._check_other_deps(inst)
                if inst.state is not None:
                    continue
            up = UpstreamStates.from_tally(self._finished_up.get(inst.key, {}))
            task = inst.task
            total = self._upstream_total(task)
            if task.trigger_rule is TriggerRule.ALL_DONE_SETUP_SUCCESS:
                decision = decide(task.trigger_rule, up, total, self._upstream_setups(task))
            else:
                decision = decide(task.trigger_rule, up, total)
            if decision is Decision.RUN and other is Decision.WAIT:
                continue
            if decision is Decision.RUN:
                if inst.placeholder and task_id in self._grouped:
                    continue  # waits for the group's input
                if inst.placeholder:
                    self._expand(inst)
                else:
                    inst.state = TI.SCHEDULED
                    heapq.heappush(self._ready, (inst.order, inst.map_index, task_id))
            elif decision is Decision.SKIP:
                rule = inst.task.trigger_rule.value
                self._finish(inst, TI.SKIPPED, reason=f"trigger rule {rule}: {_describe(up)}")
            elif decision is Decision.UPSTREAM_FAILED:
                self._finish(inst, TI.UPSTREAM_FAILED, reason=_describe(up))

    def _check_other_deps(self, inst: _Instance) -> Decision:
        """The checks besides the trigger rule: a branch parent's XCom, then the setups.

        Finishes ``inst`` (skipped or upstream_failed) when one decides its fate; else
        says whether the setups let it run (``RUN``) or it waits for them (``WAIT``).
        """
        task_id = inst.task.task_id
        if task_id in self._past_deps and not self._past_met(inst):
            return Decision.WAIT
        if task_id in self._skip_parents:
            parent = self._skipping_parent(inst)
            if parent is not None:
                reason = f"Skipping because of previous XCom result from parent task {parent}"
                self._finish(inst, TI.SKIPPED, reason=reason)
                return Decision.SKIP
        if task_id not in self._indirect_setups:
            return Decision.RUN
        verdict = self._setup_constraint(inst)
        if verdict is Decision.SKIP:
            self._finish(inst, TI.SKIPPED, reason="a setup task in its scope was skipped")
        elif verdict is Decision.UPSTREAM_FAILED:
            self._finish(inst, TI.UPSTREAM_FAILED, reason="a setup task in its scope failed")
        return verdict

    def _past_met(self, inst: _Instance) -> bool:
        """Airflow's PrevDagrunDep for ``inst`` (see :mod:`quizapp.sandbox.history`)."""
        from quizapp.sandbox import history

        task_id = inst.task.task_id
        if task_id not in self._past_verdicts:
            self._past_verdicts[task_id] = history.past_depends_met(
                inst.task, self.dag, self.dag_run.logical_date, self.backfill_id
            )
        met, why = self._past_verdicts[task_id]
        if not met:
            inst.reason = why
        return met

    def _skipping_parent(self, inst: _Instance) -> str | None:
        """A finished branch/short-circuit parent whose XCom skips ``inst``, if any.

        Airflow's ``NotPreviouslySkippedDep``: the parent's ``skipmixin_key`` XCom is read
        at the child's map index when the parent is mapped, else at -1. An unmapped
        parent has already skipped its choice directly; a mapped one skips only here, so
        ``branch[i]`` decides for ``child[i]`` of a mapped child and for nothing else.
        """
        for parent_id in self._skip_parents[inst.task.task_id]:
            mapped = getattr(self.dag.task_dict[parent_id], "_is_mapped", False)
            index = inst.map_index if mapped else -1
            if self._seen(parent_id, index) not in FINISHED:
                continue
            result = self.store.get(parent_id, index, XCOM_SKIPMIXIN_KEY)
            if skip_decided_by(result, inst.task.task_id):
                return parent_id
        return None

    def _setup_constraint(self, inst: _Instance) -> Decision:
        """Airflow's setup constraint: the setups whose scope holds ``inst``'s task, not
        direct upstreams of it, must all succeed (every instance of a mapped one); one
        failed makes it ``upstream_failed`` and one skipped makes it skipped at once."""
        states = [
            self._seen(s, setup.map_index)
            for s in self._indirect_setups[inst.task.task_id]
            for setup in self.instances.get(s, ())
        ]
        if any(state in FAILED_STATES for state in states):
            return Decision.UPSTREAM_FAILED
        if TI.SKIPPED in states:
            return Decision.SKIP
        return Decision.RUN if all(s is TI.SUCCESS for s in states) else Decision.WAIT

    def _upstream_setups(self, task: Any) -> int:
        """How many direct upstream instances are setup tasks."""
        count = self._up_setups.get(task.task_id)
        if count is None:
            count = sum(
                len(self.instances.get(u, (None,)))
                for u in task.upstream_task_ids
                if self.dag.task_dict[u].is_setup
            )
            self._up_setups[task.task_id] = count
        return count

    def _upstream_total(self, task: Any) -> int:
        total = self._up_total.get(task.task_id)
        if total is None:
            # A task without an instance in this run still counts (and never finishes);
            # inside a mapped group an upstream of the same group counts once (same index).
            group = self._grouped.get(task.task_id)
            total = sum(
                1
                if group is not None and self._grouped.get(u) is group
                else len(self.instances.get(u, (None,)))
                for u in task.upstream_task_ids
            )
            self._up_total[task.task_id] = total
        return total

    def _expand(self, inst: _Instance) -> None:
        task = inst.task
        try:
            elements = task.expand_elements(self.store)
            operators = [task.unmap(element) for element in elements]
        except MissingMapValues as exc:
            self._finish(inst, TI.UPSTREAM_FAILED, reason=str(exc))
            return
        except Exception as exc:
            self._finish(inst, TI.FAILED, error=f"{type(exc).__name__}: {exc}")
            return
        if not operators:
            self.store.set_mapped(task.task_id, 0)
            self._finish(inst, TI.SKIPPED, reason="mapped over an empty list")
            return
        self.store.set_mapped(task.task_id, len(operators))
        expanded = [_Instance(task, i, inst.order, op) for i, op in enumerate(operators)]
        self.instances[task.task_id] = expanded
        finished = self._finished_up.pop(inst.key, Counter())
        for new in expanded:
            self._finished_up[new.key] = Counter(finished)
            self._mark_dirty(new)
        for down in task.downstream_task_ids:
            self._up_total.pop(down, None)
            self._up_setups.pop(down, None)

    def _group_ready(self, group: Any) -> bool:
        """Whether the tasks the group's input comes from have all finished (visibly)."""
        return all(
            all(self._seen(s, i.map_index) in FINISHED for i in self.instances.get(s, ()))
            for s in {a.operator.task_id for a in _group_xcom_args(group)}
        )

    def _expand_group(self, group: Any) -> None:
        """Give every task of a mapped group one instance per element of its input."""
        from quizapp.sandbox.mapped_group import group_elements, instance_operator

        members = [t for t, g in self._grouped.items() if g is group]
        placeholders = [self.instances[t][0] for t in members if self.instances[t][0].placeholder]
        if not placeholders:
            return
        try:
            elements = group_elements(group, self.store)
            operators = {
                inst.task.task_id: [
                    instance_operator(inst.task, group, element, i)
                    for i, element in enumerate(elements)
                ]
                for inst in placeholders
            }
        except MissingMapValues as exc:
            for inst in placeholders:
                self._finish(inst, TI.UPSTREAM_FAILED, reason=str(exc))
            return
        except Exception as exc:
            for inst in placeholders:
                self._finish(inst, TI.FAILED, error=f"{type(exc).__name__}: {exc}")
            return
        for inst in placeholders:
            task = inst.task
            if not elements:
                self.store.set_mapped(task.task_id, 0)
                self._finish(inst, TI.SKIPPED, reason="mapped over an empty list")
                continue
            self.store.set_mapped(task.task_id, len(elements))
            expanded = [
                _Instance(task, i, inst.order, op) for i, op in enumerate(operators[task.task_id])
            ]
            self.instances[task.task_id] = expanded
            finished = self._finished_up.pop(inst.key, Counter())
            for new in expanded:
                self._finished_up[new.key] = Counter(finished)
                self._mark_dirty(new)
            for down in task.downstream_task_ids:
                self._up_total.pop(down, None)
                self._up_setups.pop(down, None)

    # launching ---------------------------------------------------------------
    def _capacity_left(self) -> int:
        limit = min(self.executor.parallelism, self.dag.max_active_tasks)
        return limit - len(self._active)

    def _launch(self) -> None:
        deferred = []
        while self._ready and self._capacity_left() > 0:
            item = heapq.heappop(self._ready)
            inst = self._lookup(item[2], item[1])
            if inst is None or inst.state not in (TI.SCHEDULED, TI.UP_FOR_RESCHEDULE):
                continue
            op = inst.operator
            if self._pool_used[op.pool] + op.pool_slots > self.pools[op.pool] or self._task_full(
                op
            ):
                deferred.append(item)
                continue
            self._pool_used[op.pool] += op.pool_slots
            self._active[inst.key] = inst
            self._start_try(inst)
        for item in deferred:
            heapq.heappush(self._ready, item)

    def _task_full(self, op: Any) -> bool:
        """Whether the task already runs ``max_active_tis_per_dag(run)`` instances."""
        limits = [
            getattr(op, name, None)
            for name in ("max_active_tis_per_dag", "max_active_tis_per_dagrun")
        ]
        limit = min((n for n in limits if n), default=None)
        if limit is None:
            return False
        return bool(sum(1 for key in self._active if key[0] == op.task_id) >= limit)

    def _start_try(self, inst: _Instance) -> None:
        resuming = inst.state is TI.UP_FOR_RESCHEDULE
        if not resuming:
            inst.try_number += 1
            inst.try_started = self.clock
            inst.first_started = inst.first_started or self.clock
            inst.tries.append(TryRecord(inst.try_number, self.now(), seq=next(self._seq)))
            self.store.clear(*inst.key)
            self._task_event(TaskQueued, inst)
        inst.state = TI.RUNNING
        self._task_event(TaskRunning, inst)
        self._submit(inst, first=not resuming)

    def _submit(self, inst: _Instance, first: bool) -> None:
        op = inst.operator
        timeout = op.execution_timeout.total_seconds() if op.execution_timeout else None
        try_number = inst.try_number
        self.executor.submit(
            Work(
                inst.key,
                lambda: self._worker.run(inst, try_number, first),
                timeout,
                lambda: self._worker.timed_out(inst, try_number, timeout or 0.0),
                lambda: (inst.live[0] if inst.live else op).on_kill(),
            )
        )

    def _release(self, inst: _Instance) -> None:
        if self._active.pop(inst.key, None) is not None:
            self._pool_used[inst.operator.pool] -= inst.operator.pool_slots

    # waking ----------------------------------------------------------------
    def _wake_at(self, when: datetime, inst: _Instance, kind: str) -> None:
        heap = self._inround if kind in ("poke", "exec_timeout") else self._wakes
        heapq.heappush(heap, (when, next(self._seq), inst.task.task_id, inst.map_index, kind))

    def _release_wakes(self) -> None:
        """Due retries and reschedules join the round (a task skipped meanwhile stays so)."""
        while self._wakes and self._wakes[0][0] <= self.clock:
            _, _, task_id, map_index, kind = heapq.heappop(self._wakes)
            inst = self._lookup(task_id, map_index)
            if inst is None or inst.state not in (TI.UP_FOR_RETRY, TI.UP_FOR_RESCHEDULE):
                continue
            if kind == "retry":
                inst.state = TI.SCHEDULED
            heapq.heappush(self._ready, (inst.order, inst.map_index, task_id))

    def _release_inround(self) -> None:
        while self._inround and self._inround[0][0] <= self.clock:
            _, _, task_id, map_index, kind = heapq.heappop(self._inround)
            inst = self._lookup(task_id, map_index)
            if inst is None or inst.state is not TI.RUNNING:
                continue
            if kind == "poke":
                self._submit(inst, first=False)
            else:
                self._handle(
                    Outcome(
                        inst.key,
                        "failed",
                        error=f"AirflowTaskTimeout: Timeout after "
                        f"{inst.operator.execution_timeout} (execution_timeout)",
                    )
                )

    # outcomes ----------------------------------------------------------------
    def _handle(self, outcome: Outcome) -> None:
        inst = self._lookup(*outcome.key)
        if inst is None or inst.state is not TI.RUNNING:
            return
        record = inst.tries[-1]
        record.duration += outcome.duration
        if getattr(inst.operator, "_is_sensor", False) and outcome.kind in (
            "success",
            "poke_false",
        ):
            record.pokes += 1
            if outcome.kind == "poke_false":
                self._poke_false(inst)
                return
        if outcome.kind == "success":
            self._finish(inst, TI.SUCCESS)
            self._record_asset_events(inst)
            for task_id in outcome.skip_tasks:
                down = self._lookup(task_id, -1)
                if down is not None and down.state in _SKIPPABLE:
                    self._skip_downstream(down, f"skipped by {inst.task.task_id}")
        elif outcome.kind == "skipped":
            self._finish(inst, TI.SKIPPED, reason=outcome.error)
        elif outcome.kind == "failed" and inst.try_number <= inst.max_tries:
            self._retry(inst, outcome.error)
        else:
            self._finish(inst, TI.FAILED, error=outcome.error)

    def _skip_downstream(self, down: _Instance, reason: str) -> None:
        """A branch or short-circuit marks ``down`` skipped (Airflow's ``ti_skip_downstream``).

        Airflow's update overwrites an ``upstream_failed`` too; the tasks downstream of it
        that counted that state count ``skipped`` instead.
        """
        if down.state is TI.UPSTREAM_FAILED and down.key in self._visible:
            del self._visible[down.key]
            self._downstream_finished(down, TI.UPSTREAM_FAILED, -1)
        self._finish(down, TI.SKIPPED, reason=reason)

    def _record_asset_events(self, inst: _Instance) -> None:
        """A succeeded task's outlets get one event each, with the extra the task set;
        its alias outlets one per asset (and extra) added through them."""
        outlets = getattr(inst.operator, "outlets", None)
        if not outlets:
            return
        from quizapp.sandbox import assets

        accessors = inst.live[1].get("outlet_events") if inst.live else None
        found: list[tuple[Any, dict[str, Any], list[str]]] = [
            (asset, accessors.extra_for(asset) if accessors is not None else {}, [])
            for asset in outlets
            if isinstance(asset, assets.Asset)
        ]
        aliases = [a for a in outlets if isinstance(a, assets.AssetAlias)]
        if aliases and accessors is not None:
            found.extend(accessors.alias_events(aliases))
        for asset, extra, through in found:
            event = assets.AssetEvent(
                asset,
                extra,
                self.dag.dag_id,
                inst.task.task_id,
                self.dag_run.run_id,
                inst.map_index,
                self.clock,
                tuple(through),
            )
            assets.record(event)
            self.asset_events.append(event)

    def _poke_false(self, inst: _Instance) -> None:
        sensor = inst.operator
        assert inst.try_started is not None and inst.first_started is not None
        # Airflow's reschedule mode measures from the first try's first poke
        # (``get_first_reschedule_date``): "Retrying does not reset the timeout".
        started = inst.first_started if sensor.reschedule else inst.try_started
        elapsed = (self.clock - started).total_seconds()
        # Airflow checks `run_duration() > timeout` on a real clock, where the poke itself
        # has taken a little time: a poke at exactly `timeout` seconds has timed out.
        if elapsed >= sensor.timeout:
            message = (
                f"Sensor has timed out; run duration of {elapsed} seconds exceeds "
                f"the specified timeout of {sensor.timeout}."
            )
            if sensor.soft_fail:
                self._finish(inst, TI.SKIPPED, reason=message + " (soft_fail: skipped)")
            else:
                self._finish(inst, TI.FAILED, error="AirflowSensorTimeout: " + message)
            return
        record = inst.tries[-1]
        if record.pokes >= MAX_POKES_PER_TRY:
            self._finish(
                inst,
                TI.FAILED,
                error=f"the sandbox stopped sensor {inst.task.task_id!r} after {record.pokes} "
                f"pokes without reaching its timeout of {sensor.timeout} s: raise poke_interval",
            )
            return
        wait = next_poke_interval(sensor, self.dag.dag_id, started, elapsed, record.pokes)
        next_poke = self.clock + timedelta(seconds=wait)
        limit = sensor.execution_timeout
        # In reschedule mode each poke is its own execution: execution_timeout bounds a
        # poke, not the wait between pokes (the poke itself is timed by the executor).
        if not sensor.reschedule and limit is not None and next_poke - inst.try_started >= limit:
            self._wake_at(inst.try_started + limit, inst, "exec_timeout")
        elif sensor.reschedule:
            inst.state = TI.UP_FOR_RESCHEDULE
            self._release(inst)
            self._task_event(TaskUpForReschedule, inst, next_poke_at=next_poke.isoformat())
            self._wake_at(next_poke, inst, "reschedule")
        else:
            self._wake_at(next_poke, inst, "poke")

    def _retry(self, inst: _Instance, error: str) -> None:
        record = inst.tries[-1]
        record.state, record.error, record.ended_at = "failed", error, self.now()
        inst.state = TI.UP_FOR_RETRY
        self._release(inst)
        delay = retry_delay(
            inst.operator, self.dag.dag_id, self.dag_run.logical_date, inst.try_number
        )
        when = self.clock + delay
        self._task_event(TaskUpForRetry, inst, error=error, next_try_at=when.isoformat())
        self._wake_at(when, inst, "retry")

    def _finish(self, inst: _Instance, state: TI, *, error: str = "", reason: str = "") -> None:
        inst.state = state
        inst.reason = error or reason
        self._release(inst)
        if inst.tries and inst.tries[-1].state == "running":
            record = inst.tries[-1]
            record.state, record.error, record.ended_at = state.value, error, self.now()
        if state is TI.SUCCESS:
            self._task_event(TaskSucceeded, inst)
        elif state is TI.FAILED:
            self._task_event(TaskFailed, inst, error=error)
        elif state is TI.SKIPPED:
            self._task_event(TaskSkipped, inst, reason=reason)
        else:
            self._task_event(TaskUpstreamFailed, inst)
        if not any(p is inst for p in self._pending):
            self._pending.append(inst)

    # the end -----------------------------------------------------------------
    def _remember(self) -> None:
        """Keep this run's states for the runs after it (``depends_on_past``)."""
        from quizapp.sandbox import history

        states = {
            inst.key: inst.state.value if inst.state is not None else None
            for insts in self.instances.values()
            for inst in insts
        }
        history.record(
            history.PastRun(
                self.dag.dag_id,
                self.dag_run.run_id,
                self.dag_run.logical_date,
                self.dag_run.run_type.value,
                states,
                self.backfill_id,
            )
        )

    def _final_state(self) -> tuple[str, str]:
        stuck = [
            _label(inst)
            for insts in self.instances.values()
            for inst in insts
            if inst.state not in FINISHED
        ]
        if stuck:
            waiting = sorted(
                {
                    self._past_verdicts[t][1]
                    for t in self._past_verdicts
                    if not self._past_verdicts[t][0]
                }
            )
            if waiting:
                # Airflow keeps such a run running (dag.test() never returns) until the
                # earlier run's task is cleared and succeeds.
                return "running", (
                    f"waiting for an earlier run: {', '.join(stuck)} cannot start ("
                    + "; ".join(waiting)
                    + "); Airflow keeps this run running"
                )
            missing = [t for t in self.dag.task_ids if t not in self.instances]
            why = (
                f" (no task instance for {', '.join(missing)}: its own start_date/end_date "
                "leaves the logical date out)"
                if missing and self.instances
                else ""
            )
            return "failed", (
                f"deadlock: these tasks could never be scheduled: {', '.join(stuck)}{why}"
            )
        if not self.instances and self.dag.tasks:
            return "success", (
                "no task ran: the logical date is outside the DAG's start_date..end_date, "
                "so Airflow creates no task instances for this run"
            )
        leaves = [
            inst
            for task in self.dag.effective_leaves()
            for inst in self.instances.get(task.task_id, ())
        ]
        if any(inst.state in FAILED_STATES for inst in leaves):
            return "failed", ""
        return "success", ""

    def _result(self, state: str, error: str, duration: float) -> RunResult:
        tasks = {}
        for insts in self.instances.values():
            for inst in insts:
                tasks[_label(inst)] = TaskResult(
                    inst.task.task_id,
                    inst.map_index,
                    inst.state.value if inst.state is not None else None,
                    inst.try_number,
                    inst.max_tries,
                    inst.tries,
                    inst.reason,
                    task_role(inst.task),
                )
        return RunResult(
            dag_id=self.dag.dag_id,
            run_id=self.dag_run.run_id,
            state=state,
            logical_date=self.dag_run.logical_date.isoformat(),
            data_interval_start=self.dag_run.data_interval_start.isoformat(),
            data_interval_end=self.dag_run.data_interval_end.isoformat(),
            started_at=self.dag_run.run_after.isoformat(),
            tasks=tasks,
            xcom=self.store.as_dict(),
            events=self.events,
            error=error,
            duration=duration,
            asset_events=[event.as_dict() for event in self.asset_events],
            notes=list(getattr(self.dag, "import_notes", ())),
            triggered_by=[
                event.as_dict()
                for events in self.dag_run.triggering_asset_events.values()
                for event in events
            ],
        )


_asset_runs = itertools.count(1)


def _run_id_suffix(run_type: str) -> str:
    """Airflow adds a random suffix to a run without a logical date (asset-triggered);
    the sandbox numbers them instead, so that two runs after the same event differ."""
    return f"_{next(_asset_runs):08d}" if run_type == "asset_triggered" else ""


def _label(inst: _Instance) -> str:
    return inst.task.task_id if inst.map_index < 0 else f"{inst.task.task_id}[{inst.map_index}]"


def _describe(up: UpstreamStates) -> str:
    parts = [
        f"{n} {name}"
        for name, n in (
            ("success", up.success),
            ("skipped", up.skipped),
            ("failed", up.failed),
            ("upstream_failed", up.upstream_failed),
        )
        if n
    ]
    return "upstream " + (", ".join(parts) if parts else "not done")


def _group_xcom_args(group: Any) -> list[Any]:
    from quizapp.sandbox.xcom import iter_xcom_args

    return list(iter_xcom_args(group.expand_input))


def _map_sources(dag: DAG) -> set[str]:
    sources: set[str] = set()
    for task in dag.tasks:
        if getattr(task, "_is_mapped", False):
            sources.update(a.operator.task_id for a in task.mapped_over())
    return sources


def run_dag(
    dag: DAG,
    *,
    logical_date: datetime | str | None = None,
    executor: str = "sequential",
    sink: Sink | None = None,
    pools: dict[str, int] | None = None,
    run_type: str = "manual",
    run_conf: dict[str, Any] | None = None,
    triggering_asset_events: dict[Any, list[Any]] | None = None,
    backfill_id: str | None = None,
) -> RunResult:
    """Run ``dag`` once and return the result.

    ``logical_date``: a datetime or ISO string (default: now, as ``dag.test()``);
    ``executor``: ``"sequential"`` or ``"local"``; ``sink``: called with every
    event; ``pools``: extra pools ``{"name": slots}`` beside ``default_pool`` (128
    slots); ``run_type``: ``"manual"`` (data interval inferred as for a manual
    trigger) or ``"scheduled"``/``"backfill"`` (the timetable's interval at that date).
    """
    runner = DagRunner(
        dag,
        logical_date=parse_logical_date(logical_date),
        executor=executor,
        sink=sink,
        pools=pools,
        run_type=run_type,
        run_conf=run_conf,
        triggering_asset_events=triggering_asset_events,
        backfill_id=backfill_id,
    )
    return runner.run()
