"""The run's event stream: frozen dataclasses, picklable and JSON-able, sent to one sink.

Every event has ``at`` (the virtual clock, ISO 8601) and, for task events, the task
id, the map index (-1 when not mapped) and the try number. ``event_to_dict`` /
``event_from_dict`` carry them across a process boundary (the isolate mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, ClassVar

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """An event class's field names, in order (``dataclasses.asdict`` per event is slow)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


@dataclass(frozen=True)
class Event:
    """Base of all events."""

    kind: ClassVar[str] = "event"
    at: str

    def to_dict(self) -> dict[str, Any]:
        """``{"event": kind, ...fields}`` (the values as they are: str, int, tuples of str)."""
        data: dict[str, Any] = {"event": self.kind}
        for name in _field_names(type(self)):
            data[name] = getattr(self, name)
        return data


@dataclass(frozen=True)
class RunStarted(Event):
    """A DAG run began."""

    kind: ClassVar[str] = "run_started"
    dag_id: str
    run_id: str
    logical_date: str
    data_interval_start: str
    data_interval_end: str
    executor: str
    task_ids: tuple[str, ...] = ()
    upstream: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each task's upstream task ids, ``(task_id, (upstream, ...))``: the DAG's shape."""
    roles: tuple[tuple[str, str], ...] = ()
    """``(task_id, "setup" | "teardown")`` for each setup and teardown task."""


@dataclass(frozen=True)
class TaskEvent(Event):
    """Base of events about one task instance."""

    task_id: str
    map_index: int
    try_number: int

    @property
    def label(self) -> str:
        """``task_id`` or ``task_id[i]``."""
        return self.task_id if self.map_index < 0 else f"{self.task_id}[{self.map_index}]"


@dataclass(frozen=True)
class TaskQueued(TaskEvent):
    """The scheduler queued a try (the try number counts from here)."""

    kind: ClassVar[str] = "queued"


@dataclass(frozen=True)
class TaskRunning(TaskEvent):
    """A try started running."""

    kind: ClassVar[str] = "running"


@dataclass(frozen=True)
class TaskUpForRetry(TaskEvent):
    """A try failed and the task will be retried at ``next_try_at``."""

    kind: ClassVar[str] = "up_for_retry"
    error: str
    next_try_at: str


@dataclass(frozen=True)
class TaskUpForReschedule(TaskEvent):
    """A reschedule-mode sensor freed its slot until ``next_poke_at``."""

    kind: ClassVar[str] = "up_for_reschedule"
    next_poke_at: str


@dataclass(frozen=True)
class TaskSucceeded(TaskEvent):
    """The task ended ``success``."""

    kind: ClassVar[str] = "success"


@dataclass(frozen=True)
class TaskFailed(TaskEvent):
    """The task ended ``failed``."""

    kind: ClassVar[str] = "failed"
    error: str


@dataclass(frozen=True)
class TaskSkipped(TaskEvent):
    """The task ended ``skipped`` (by itself, a branch, or its trigger rule)."""

    kind: ClassVar[str] = "skipped"
    reason: str


@dataclass(frozen=True)
class TaskUpstreamFailed(TaskEvent):
    """The task ended ``upstream_failed`` (its trigger rule can no longer be met)."""

    kind: ClassVar[str] = "upstream_failed"


@dataclass(frozen=True)
class LogLine(TaskEvent):
    """One line a task printed or logged."""

    kind: ClassVar[str] = "log"
    line: str


@dataclass(frozen=True)
class RunFinished(Event):
    """The run ended."""

    kind: ClassVar[str] = "run_finished"
    dag_id: str
    run_id: str
    state: str
    error: str = ""


Sink = Callable[[Event], None]

EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        RunStarted, TaskQueued, TaskRunning, TaskUpForRetry, TaskUpForReschedule,
        TaskSucceeded, TaskFailed, TaskSkipped, TaskUpstreamFailed, LogLine, RunFinished,
    )
}  # fmt: skip


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-able dict for ``event``."""
    data = event.to_dict()
    if "task_ids" in data:
        data["task_ids"] = list(data["task_ids"])
    if "upstream" in data:
        data["upstream"] = [[task, list(ups)] for task, ups in data["upstream"]]
    if "roles" in data:
        data["roles"] = [list(pair) for pair in data["roles"]]
    return data


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an event from :func:`event_to_dict`'s output."""
    cls = EVENT_TYPES[data["event"]]
    names = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in names}
    if "task_ids" in values:
        values["task_ids"] = tuple(values["task_ids"])
    if "upstream" in values:
        values["upstream"] = tuple((task, tuple(ups)) for task, ups in values["upstream"])
    if "roles" in values:
        values["roles"] = tuple((task, role) for task, role in values["roles"])
    return cls(**values)
