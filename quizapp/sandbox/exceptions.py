"""Airflow's task exceptions, and the sandbox's own errors for bad DAG files."""

from __future__ import annotations

from collections.abc import Sequence


class AirflowException(Exception):
    """Base of Airflow's exceptions: a task raising it fails (and may be retried)."""


class AirflowSkipException(AirflowException):
    """Raised by task code to mark the task instance ``skipped``."""


class AirflowFailException(AirflowException):
    """Raised by task code to fail the task at once, without using its retries."""


class AirflowSensorTimeout(AirflowException):
    """A sensor ran past its ``timeout``: failed without retries (skipped with ``soft_fail``)."""


class AirflowTaskTimeout(AirflowException):
    """A try ran past the task's ``execution_timeout`` (counts as a failure; retries apply)."""


class DownstreamTasksSkipped(AirflowException):
    """Raised by branching/short-circuit code: mark these downstream tasks ``skipped``."""

    def __init__(self, tasks: Sequence[str]) -> None:
        super().__init__(f"skip downstream tasks {list(tasks)}")
        self.tasks = list(tasks)


class SandboxError(Exception):
    """A problem with a DAG definition or file, shown to the learner as a message."""


class DuplicateTaskIdFound(SandboxError):
    """Two tasks in one DAG have the same task_id."""


class DagCycleError(SandboxError):
    """The task dependencies form a cycle."""


class DagFileError(SandboxError):
    """A DAG file cannot be read, parsed or imported."""


class UnsupportedImportError(DagFileError):
    """A DAG file imports an Airflow name the sandbox does not provide."""
