"""What a run returns: each task's state, try number, tries and logs, the XComs, the events."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quizapp.sandbox.events import Event, event_to_dict


@dataclass
class TryRecord:
    """One try of a task instance, on the virtual clock (``duration`` is real seconds)."""

    try_number: int
    started_at: str
    ended_at: str = ""
    state: str = "running"
    error: str = ""
    pokes: int = 0
    duration: float = 0.0
    log: list[str] = field(default_factory=list)
    #: Start order within the run (ties on the virtual clock keep causal order).
    seq: int = 0


@dataclass
class TaskResult:
    """A task instance at the end of the run (``state`` None: never scheduled)."""

    task_id: str
    map_index: int
    state: str | None
    try_number: int
    max_tries: int
    tries: list[TryRecord] = field(default_factory=list)
    reason: str = ""
    #: ``"setup"``, ``"teardown"`` or ``""`` (a work task).
    role: str = ""

    @property
    def label(self) -> str:
        """``task_id`` or ``task_id[i]``."""
        return self.task_id if self.map_index < 0 else f"{self.task_id}[{self.map_index}]"

    @property
    def log(self) -> list[str]:
        """Every log line of every try."""
        return [line for t in self.tries for line in t.log]


@dataclass(frozen=True)
class TimelineEntry:
    """When a try started (virtual time) and how it ended."""

    at: str
    offset: float
    task: str
    try_number: int
    state: str
    pokes: int
    seq: int


@dataclass
class RunResult:
    """The outcome of one DAG run."""

    dag_id: str
    run_id: str
    state: str
    logical_date: str
    data_interval_start: str
    data_interval_end: str
    started_at: str
    tasks: dict[str, TaskResult] = field(default_factory=dict)
    xcom: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    error: str = ""
    duration: float = 0.0
    #: The asset events the run created (``name``, ``uri``, ``extra``, ``source_task_id``...).
    asset_events: list[dict[str, Any]] = field(default_factory=list)
    #: For an asset-triggered run: the events that triggered it.
    triggered_by: list[dict[str, Any]] = field(default_factory=list)
    #: What Airflow would warn about in the DAG file (Airflow 2 import paths).
    notes: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        """Whether the run ended ``success``."""
        return self.state == "success"

    def get_task_instance(self, task_id: str, map_index: int = -1) -> TaskResult | None:
        """A task instance, as ``DagRun.get_task_instance`` gives it."""
        label = task_id if map_index < 0 else f"{task_id}[{map_index}]"
        return self.tasks.get(label)

    def get_task_instances(self) -> list[TaskResult]:
        """Every task instance."""
        return list(self.tasks.values())

    @property
    def timeline(self) -> list[TimelineEntry]:
        """Every try, in the order they would have started on a real scheduler."""
        start = datetime.fromisoformat(self.started_at)
        entries = [
            TimelineEntry(
                at=t.started_at,
                offset=(datetime.fromisoformat(t.started_at) - start).total_seconds(),
                task=task.label,
                try_number=t.try_number,
                state=t.state,
                pokes=t.pokes,
                seq=t.seq,
            )
            for task in self.tasks.values()
            for t in task.tries
        ]
        return sorted(entries, key=lambda e: (e.offset, e.seq))

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's run JSON, plus the run id, the data interval and the timeline."""
        return {
            "dag_id": self.dag_id,
            "run_id": self.run_id,
            "state": self.state,
            "logical_date": self.logical_date,
            "data_interval_start": self.data_interval_start,
            "data_interval_end": self.data_interval_end,
            "tasks": {
                label: {
                    "state": t.state,
                    "try_number": t.try_number,
                    "max_tries": t.max_tries,
                    "reason": t.reason,
                    "role": t.role,
                    "tries": [
                        {
                            "try_number": r.try_number,
                            "started_at": r.started_at,
                            "ended_at": r.ended_at,
                            "state": r.state,
                            "error": r.error,
                            "pokes": r.pokes,
                            "duration": round(r.duration, 6),
                            "seq": r.seq,
                            "log": r.log,
                        }
                        for r in t.tries
                    ],
                }
                for label, t in self.tasks.items()
            },
            "xcom": json.loads(json.dumps(self.xcom, default=repr)),
            "timeline": [
                {
                    "at": e.at,
                    "offset": e.offset,
                    "task": e.task,
                    "try_number": e.try_number,
                    "state": e.state,
                }
                for e in self.timeline
            ],
            "events": [event_to_dict(e) for e in self.events],
            "error": self.error,
            "started_at": self.started_at,
            "duration": round(self.duration, 6),
            "asset_events": json.loads(json.dumps(self.asset_events, default=repr)),
            "triggered_by": json.loads(json.dumps(self.triggered_by, default=repr)),
            "notes": list(self.notes),
        }


def result_from_json(data: dict[str, Any]) -> RunResult:
    """Rebuild a RunResult from :meth:`RunResult.to_json` (events included)."""
    from quizapp.sandbox.events import event_from_dict

    tasks = {}
    for label, t in data["tasks"].items():
        task_id, _, index = label.partition("[")
        tasks[label] = TaskResult(
            task_id,
            int(index.rstrip("]")) if index else -1,
            t["state"],
            t["try_number"],
            t["max_tries"],
            [
                TryRecord(
                    r["try_number"],
                    r["started_at"],
                    r.get("ended_at", ""),
                    r["state"],
                    r["error"],
                    r["pokes"],
                    r.get("duration", 0.0),
                    list(r["log"]),
                    r.get("seq", 0),
                )
                for r in t["tries"]
            ],
            t.get("reason", ""),
            t.get("role", ""),
        )
    return RunResult(
        dag_id=data["dag_id"],
        run_id=data["run_id"],
        state=data["state"],
        logical_date=data["logical_date"],
        data_interval_start=data["data_interval_start"],
        data_interval_end=data["data_interval_end"],
        started_at=data.get("started_at", data["logical_date"]),
        tasks=tasks,
        xcom=data["xcom"],
        events=[event_from_dict(e) for e in data["events"]],
        error=data.get("error", ""),
        duration=data.get("duration", 0.0),
        asset_events=list(data.get("asset_events", [])),
        triggered_by=list(data.get("triggered_by", [])),
        notes=list(data.get("notes", [])),
    )
