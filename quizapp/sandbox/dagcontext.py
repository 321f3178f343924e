"""Which DAG and TaskGroup new tasks join: the ``with DAG(...)`` / ``with TaskGroup(...)`` stack."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.sandbox.dag import DAG
    from quizapp.sandbox.task_group import TaskGroup

_local = threading.local()


def _stack(name: str) -> list[Any]:
    stack = getattr(_local, name, None)
    if stack is None:
        stack = []
        setattr(_local, name, stack)
    return stack


def push_dag(dag: DAG) -> None:
    """Enter a ``with DAG(...)`` block."""
    _stack("dags").append(dag)


def pop_dag() -> None:
    """Leave a ``with DAG(...)`` block."""
    _stack("dags").pop()


def current_dag() -> DAG | None:
    """The innermost DAG being defined, if any."""
    stack = _stack("dags")
    return stack[-1] if stack else None


def push_group(group: TaskGroup) -> None:
    """Enter a ``with TaskGroup(...)`` block."""
    _stack("groups").append(group)


def pop_group() -> None:
    """Leave a ``with TaskGroup(...)`` block."""
    _stack("groups").pop()


def current_group() -> TaskGroup | None:
    """The innermost TaskGroup being defined, if any."""
    stack = _stack("groups")
    return stack[-1] if stack else None


def push_scope(scope: Any) -> None:
    """Enter a ``with setup_task:`` / ``with teardown_task:`` block."""
    _stack("scopes").append(scope)


def pop_scope() -> Any:
    """Leave a setup/teardown block; returns its scope."""
    return _stack("scopes").pop()


def current_scope() -> Any:
    """The setup/teardown block being defined, if any."""
    stack = _stack("scopes")
    return stack[-1] if stack else None


def building_unmapped() -> bool:
    """Whether operators built now are one element of a mapped task (never registered)."""
    return bool(getattr(_local, "unmapped", False))


@contextmanager
def unmapped_building() -> Iterator[None]:
    """Build operators that stand for one element of a mapped task."""
    _local.unmapped = True
    try:
        yield
    finally:
        _local.unmapped = False


@contextmanager
def collecting_dags() -> Iterator[list[DAG]]:
    """Collect every DAG created in this thread while the block runs (for file loading)."""
    collected: list[DAG] = []
    previous = getattr(_local, "collector", None)
    _local.collector = collected
    saved_dags, saved_groups = list(_stack("dags")), list(_stack("groups"))
    saved_scopes = list(_stack("scopes"))
    try:
        yield collected
    finally:
        _local.collector = previous
        _local.dags, _local.groups = saved_dags, saved_groups
        _local.scopes = saved_scopes


def register_dag(dag: DAG) -> None:
    """Record a new DAG for the active collector."""
    collector = getattr(_local, "collector", None)
    if collector is not None:
        collector.append(dag)
