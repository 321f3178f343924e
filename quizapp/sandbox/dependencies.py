"""``>>``, ``<<``, ``set_upstream``/``set_downstream`` and ``chain`` over tasks, lists, groups."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any


class DependencyMixin:
    """Operators, XComArgs and TaskGroups: anything that can sit on either side of ``>>``."""

    def roots(self) -> list[Any]:
        """The tasks an upstream links *to* (a TaskGroup gives its roots)."""
        raise NotImplementedError

    def leaves(self) -> list[Any]:
        """The tasks a downstream links *from* (a TaskGroup gives its leaves)."""
        raise NotImplementedError

    def set_downstream(self, other: Any) -> None:
        """Make ``other`` (a task, group or list of them) run after this."""
        for node in _as_list(other):
            if isinstance(node, Label):
                node.set_upstream(self)
                continue
            for leaf in self.leaves():
                for root in node.roots():
                    leaf.add_edge_to(root)

    def set_upstream(self, other: Any) -> None:
        """Make ``other`` (a task, group or list of them) run before this."""
        for node in _as_list(other):
            node.set_downstream(self)

    def __rshift__(self, other: Any) -> Any:
        self.set_downstream(other)
        return other

    def __lshift__(self, other: Any) -> Any:
        self.set_upstream(other)
        return other

    def __rrshift__(self, other: Any) -> Any:
        self.set_upstream(other)
        return self

    def __rlshift__(self, other: Any) -> Any:
        self.set_downstream(other)
        return self


def _as_list(other: Any) -> list[DependencyMixin]:
    items = list(other) if isinstance(other, (list, tuple, set, frozenset)) else [other]
    for item in items:
        if not isinstance(item, DependencyMixin):
            raise TypeError(
                f"cannot set a dependency on {item!r}: expected a task, a TaskGroup, "
                "a TaskFlow call result, or a list of them"
            )
    return items


def chain(*elements: Any) -> None:
    """Airflow's ``chain``: link each element to the next.

    A task (or group, or TaskFlow output) next to a list fans out or in; two
    adjacent lists must have the same length and are linked pairwise. As in the
    Task SDK: anything else (two sets, say) is a TypeError, and lists of different
    lengths a ValueError.
    """
    for up, down in itertools.pairwise(elements):
        if isinstance(up, DependencyMixin):
            up.set_downstream(down)
            continue
        if isinstance(down, DependencyMixin):
            down.set_upstream(up)
            continue
        if not isinstance(up, Sequence) or not isinstance(down, Sequence):
            raise TypeError(f"Chain not supported between instances of {type(up)} and {type(down)}")
        if len(up) != len(down):
            raise ValueError(
                f"Chain not supported for different length Iterable. Got {len(up)} and {len(down)}."
            )
        for a, b in zip(up, down, strict=True):
            _as_list(a)[0].set_downstream(b)


def cross_downstream(from_tasks: Sequence[Any], to_tasks: Any) -> None:
    """Airflow's ``cross_downstream``: each of ``from_tasks`` before each of ``to_tasks``."""
    for task in from_tasks:
        _as_list(task)[0].set_downstream(to_tasks)


class Label(DependencyMixin):
    """Airflow's edge label: ``branch >> Label("yes") >> task`` is ``branch >> task``.

    The label only names the edge in Airflow's graph view; the dependency is the same.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self._upstream: list[Any] = []

    def roots(self) -> list[Any]:
        return []

    def leaves(self) -> list[Any]:
        return []

    def set_upstream(self, other: Any) -> None:
        self._upstream.extend(_as_list(other))

    def set_downstream(self, other: Any) -> None:
        for node in self._upstream:
            node.set_downstream(other)

    def __rshift__(self, other: Any) -> Any:
        self.set_downstream(other)
        return other

    def __rrshift__(self, other: Any) -> Any:
        self.set_upstream(other)
        return self
