"""Mapped task groups: ``@task_group`` functions called with ``.expand()`` or
``.expand_kwargs()`` (one element per dict; every argument not given to ``.partial()``
reads its dict's key).

As in Airflow 3: every task inside the group gets one instance per element of the
group's input (the product of the expanded arguments, like ``expand``); the group's
arguments reach the tasks as :class:`MappedArgument` placeholders, filled per index
when the group expands (as soon as its input is known, whatever the trigger rules);
inside the group, a task's upstream in the same group is only the instance with the
same map index, and so is an argument from it (:class:`IndexedXComArg`). Outside, the
group's tasks look like mapped tasks (their output is the list over the indexes).
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

from quizapp.sandbox.exceptions import AirflowException
from quizapp.sandbox.mapped import MissingMapValues
from quizapp.sandbox.xcom import XComArg, XComStore, iter_xcom_args


class MappedArgument:
    """What a mapped group's function receives for an expanded argument."""

    def __init__(self, group: Any, name: str) -> None:
        self.group = group
        self.name = name

    def __repr__(self) -> str:
        return f"MappedArgument({self.group.group_id!r}, {self.name!r})"


class IndexedXComArg(XComArg):
    """An upstream in the same mapped group, read at one map index."""

    def __init__(self, arg: XComArg, map_index: int) -> None:
        super().__init__(arg.operator, arg.key)
        self.map_index = map_index

    def resolve(self, store: XComStore) -> Any:
        return store.get(self.operator.task_id, self.map_index, self.key)

    def resolve_argument(self, store: XComStore) -> Any:
        return self.resolve(store)


def mapped_group_of(task: Any) -> Any:
    """The closest enclosing mapped task group of a task, or None."""
    group = getattr(task, "task_group", None)
    while group is not None:
        if getattr(group, "expand_input", None) is not None:
            return group
        group = group.parent_group
    return None


def group_elements(group: Any, store: XComStore) -> list[dict[str, Any]]:
    """The group's elements: one ``{argument: value}`` per map index."""
    if getattr(group, "expand_kwargs_list", False):
        return _kwargs_elements(group, store)
    columns: list[list[Any]] = []
    for name, value in group.expand_input.items():
        if isinstance(value, XComArg):
            value = _pushed(group, value, store)
        if isinstance(value, dict):
            value = list(value.items())
        if hasattr(value, "materialize"):
            value = value.materialize()
        if not isinstance(value, (list, tuple)):
            raise AirflowException(
                f"task group {group.group_id!r} cannot map over argument {name!r}: "
                f"expected a list or dict, got {type(value).__name__}"
            )
        columns.append(list(value))
    names = list(group.expand_input)
    return [dict(zip(names, combo, strict=False)) for combo in itertools.product(*columns)]


def _pushed(group: Any, arg: XComArg, store: XComStore) -> Any:
    """What ``arg`` resolves to for the group to map over; nothing pushed is an error."""
    value = arg.resolve_argument(store)
    if value is None:
        raise MissingMapValues(
            f"task group {group.group_id!r} maps over the output of "
            f"{arg.operator.task_id!r}, which pushed nothing to map over"
        )
    return value


def _kwargs_elements(group: Any, store: XComStore) -> list[dict[str, Any]]:
    """``expand_kwargs()``: the list of dicts, each dict (or the whole list) resolved."""
    items = group.expand_input
    if isinstance(items, XComArg):
        items = _pushed(group, items, store)
    if hasattr(items, "materialize"):
        items = items.materialize()
    if not isinstance(items, (list, tuple)):
        raise AirflowException(
            f"task group {group.group_id!r}: expand_kwargs() expects a list[dict], "
            f"not {type(items).__name__}"
        )
    elements = []
    for item in items:
        if isinstance(item, XComArg):
            item = item.resolve_argument(store)
        if not isinstance(item, dict):
            raise AirflowException(
                f"task group {group.group_id!r}: expand_kwargs() expects a list[dict], "
                f"not list[{type(item).__name__}]"
            )
        elements.append(dict(item))
    return elements


def group_sources(group: Any) -> list[str]:
    """The tasks whose outputs the group's input needs."""
    return [arg.operator.task_id for arg in iter_xcom_args(group.expand_input)]


def _fill(value: Any, element: dict[str, Any], group: Any, index: int) -> Any:
    if isinstance(value, MappedArgument):
        if value.name not in element:
            raise AirflowException(
                f"task group {group.group_id!r}: expand_kwargs() element {index} has no "
                f"argument {value.name!r}"
            )
        return element[value.name]
    if isinstance(value, XComArg) and mapped_group_of(value.operator) is group:
        return IndexedXComArg(value, index)
    if isinstance(value, list):
        return [_fill(v, element, group, index) for v in value]
    if isinstance(value, tuple):
        return tuple(_fill(v, element, group, index) for v in value)
    if isinstance(value, dict):
        return {k: _fill(v, element, group, index) for k, v in value.items()}
    return value


def instance_operator(task: Any, group: Any, element: dict[str, Any], index: int) -> Any:
    """The operator of one map index: the group's values and same-index upstreams filled."""
    op = copy.copy(task)
    for name in ("op_args", "op_kwargs", *task.template_fields):
        if hasattr(op, name):
            setattr(op, name, _fill(copy.copy(getattr(op, name)), element, group, index))
    return op


def uses_mapped_argument(task: Any) -> bool:
    """Whether the task's arguments contain one of its group's MappedArguments."""

    def walk(value: Any) -> bool:
        if isinstance(value, MappedArgument):
            return True
        if isinstance(value, (list, tuple)):
            return any(walk(v) for v in value)
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        return False

    names = ("op_args", "op_kwargs", *task.template_fields)
    return any(walk(getattr(task, n, None)) for n in names)
