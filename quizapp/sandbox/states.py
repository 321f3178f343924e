"""Task-instance and DAG-run states, with Airflow's names and values."""

from __future__ import annotations

from enum import StrEnum


class TaskInstanceState(StrEnum):
    """The states a task instance goes through (Airflow's ``TaskInstanceState``)."""

    SCHEDULED = "scheduled"
    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"
    SKIPPED = "skipped"
    UPSTREAM_FAILED = "upstream_failed"
    UP_FOR_RETRY = "up_for_retry"
    UP_FOR_RESCHEDULE = "up_for_reschedule"
    REMOVED = "removed"

    def __str__(self) -> str:
        return self.value


class DagRunState(StrEnum):
    """The states of a DAG run."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value


TI = TaskInstanceState

#: States a task instance never leaves within a run.
FINISHED: frozenset[TaskInstanceState] = frozenset(
    {TI.SUCCESS, TI.FAILED, TI.SKIPPED, TI.UPSTREAM_FAILED, TI.REMOVED}
)
#: Leaf states that make a DAG run fail.
FAILED_STATES: frozenset[TaskInstanceState] = frozenset({TI.FAILED, TI.UPSTREAM_FAILED})
#: Leaf states that let a DAG run succeed.
SUCCESS_STATES: frozenset[TaskInstanceState] = frozenset({TI.SUCCESS, TI.SKIPPED})


class State:
    """Airflow's ``State`` helper: the states plus the ``NONE`` (not yet scheduled) marker."""

    NONE = None
    SCHEDULED = TI.SCHEDULED
    QUEUED = TI.QUEUED
    RUNNING = TI.RUNNING
    SUCCESS = TI.SUCCESS
    FAILED = TI.FAILED
    SKIPPED = TI.SKIPPED
    UPSTREAM_FAILED = TI.UPSTREAM_FAILED
    UP_FOR_RETRY = TI.UP_FOR_RETRY
    UP_FOR_RESCHEDULE = TI.UP_FOR_RESCHEDULE
    finished = FINISHED
    failed_states = FAILED_STATES
    success_states = SUCCESS_STATES
