"""XComs: the per-run store, and ``XComArg`` (a task's future output passed to another task)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from quizapp.sandbox.dependencies import DependencyMixin
from quizapp.sandbox.exceptions import AirflowException

XCOM_RETURN_KEY = "return_value"
XCOM_SKIPMIXIN_KEY = "skipmixin_key"


class XComStore:
    """Every XCom of one run, keyed by task id, map index and key (thread-safe)."""

    def __init__(self) -> None:
        self._data: dict[tuple[str, int], dict[str, Any]] = {}
        self._mapped: dict[str, int] = {}
        self._lock = threading.Lock()

    def set_mapped(self, task_id: str, count: int) -> None:
        """Record that ``task_id`` expanded into ``count`` instances."""
        self._mapped[task_id] = count

    def mapped_count(self, task_id: str) -> int:
        """How many instances a mapped task expanded into (0 when it did not expand)."""
        return self._mapped.get(task_id, 0)

    def push(self, task_id: str, map_index: int, key: str, value: Any) -> None:
        """Store one XCom (replacing a value with the same key)."""
        with self._lock:
            self._data.setdefault((task_id, map_index), {})[key] = value

    def clear(self, task_id: str, map_index: int) -> None:
        """Forget a task instance's XComs (Airflow clears them when a try starts)."""
        with self._lock:
            self._data.pop((task_id, map_index), None)

    def get(self, task_id: str, map_index: int, key: str, default: Any = None) -> Any:
        """One XCom, or ``default``."""
        return self._data.get((task_id, map_index), {}).get(key, default)

    def has(self, task_id: str, map_index: int, key: str) -> bool:
        """Whether the XCom exists."""
        return key in self._data.get((task_id, map_index), {})

    def pull(self, task_id: str, key: str, default: Any = None) -> Any:
        """A task's XCom: a list over its instances when the task was mapped."""
        if task_id in self._mapped:
            return [
                self._data[(task_id, i)][key]
                for i in range(self._mapped[task_id])
                if key in self._data.get((task_id, i), {})
            ]
        return self.get(task_id, -1, key, default)

    def all_values(self, task_id: str, key: str) -> list[Any]:
        """The XCom ``key`` of every instance of a task (mapped: in map-index order)."""
        count = self._mapped.get(task_id)
        indexes = [-1] if count is None else range(count)
        return [
            self._data[(task_id, i)][key]
            for i in indexes
            if key in self._data.get((task_id, i), {})
        ]

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{"task" or "task[i]": {key: value}}``, in insertion order."""
        out: dict[str, dict[str, Any]] = {}
        for (task_id, map_index), values in self._data.items():
            label = task_id if map_index < 0 else f"{task_id}[{map_index}]"
            out[label] = dict(values)
        return out


class LazyXComSequence(Sequence[Any]):
    """What a task receives for the output of a mapped task: Airflow 3's lazy sequence.

    Airflow reads each element from the API server on demand; here the values (in
    map-index order) are already at hand. It behaves as Airflow's does: a read-only
    sequence that equals a list with the same items, printed as
    ``LazyXComSequence([3 items])`` once its length is known
    (``LazyXComSequence(<unevaluated length>)`` before), never as the values.
    """

    def __init__(self, values: list[Any]) -> None:
        self._values = values
        self._len: int | None = None

    def __repr__(self) -> str:
        if self._len is None:
            return "LazyXComSequence(<unevaluated length>)"
        return f"LazyXComSequence([{self._len} item{'' if self._len == 1 else 's'}])"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        pairs = itertools.zip_longest(iter(self), iter(other), fillvalue=object())
        return all(x == y for x, y in pairs)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __len__(self) -> int:
        self._len = len(self._values)
        return self._len

    @overload
    def __getitem__(self, key: int) -> Any: ...

    @overload
    def __getitem__(self, key: slice) -> list[Any]: ...

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            return list(self._values[key])
        if not isinstance(key, int):
            raise TypeError(f"Sequence indices must be integers or slices not {type(key).__name__}")
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._values))

    def materialize(self) -> list[Any]:
        """The values as a plain list."""
        return list(self._values)


def materialize(value: Any) -> Any:
    """``value`` with every LazyXComSequence in it (nested too) made a plain list.

    What Airflow's XCom serialization does to a returned lazy sequence.
    """
    if isinstance(value, LazyXComSequence):
        return [materialize(v) for v in value.materialize()]
    if isinstance(value, (list, tuple)):
        return type(value)(materialize(v) for v in value)
    if isinstance(value, dict):
        return {k: materialize(v) for k, v in value.items()}
    return value


_NOTSET: Any = object()


class XComArg(DependencyMixin):
    """A task's output (``task.output``, or what calling a ``@task`` function returns)."""

    def __init__(self, operator: Any, key: str = XCOM_RETURN_KEY) -> None:
        self.operator = operator
        self.key = key

    def __getitem__(self, key: str) -> XComArg:
        return XComArg(self.operator, key)

    def __iter__(self) -> Iterator[Any]:
        raise TypeError(
            f"the output of task {self.operator.task_id!r} is only known when the DAG runs: "
            "it cannot be iterated while the DAG is defined (pass it to a task, or use .expand())"
        )

    def map(self, f: Callable[[Any], Any]) -> MapXComArg:
        """The value with ``f`` applied to each item (Airflow's ``XComArg.map``)."""
        return MapXComArg(self, [f])

    def zip(self, *others: XComArg, fillvalue: Any = _NOTSET) -> ZipXComArg:
        """Tuples of the values side by side; ``fillvalue`` pads to the longest."""
        return ZipXComArg([self, *others], fillvalue=fillvalue)

    def concat(self, *others: XComArg) -> ConcatXComArg:
        """The values one after the other (Airflow's ``XComArg.concat``)."""
        return ConcatXComArg([self, *others])

    def sources(self) -> list[XComArg]:
        """The plain task outputs this value is computed from."""
        return [self]

    def roots(self) -> list[Any]:
        return [self.operator]

    def leaves(self) -> list[Any]:
        return [self.operator]

    @property
    def task_id(self) -> str:
        """The id of the task producing the value."""
        return str(self.operator.task_id)

    @property
    def is_setup(self) -> bool:
        """Whether the producing task is a setup task."""
        return bool(self.operator.is_setup)

    @is_setup.setter
    def is_setup(self, value: bool) -> None:
        self.operator.is_setup = value

    @property
    def is_teardown(self) -> bool:
        """Whether the producing task is a teardown task."""
        return bool(self.operator.is_teardown)

    @is_teardown.setter
    def is_teardown(self, value: bool) -> None:
        self.operator.is_teardown = value

    @property
    def on_failure_fail_dagrun(self) -> bool:
        """Whether the producing teardown's failure fails the run."""
        return bool(self.operator.on_failure_fail_dagrun)

    @on_failure_fail_dagrun.setter
    def on_failure_fail_dagrun(self, value: bool) -> None:
        self.operator.on_failure_fail_dagrun = value

    def __enter__(self) -> Any:
        """``with teardown_call.as_teardown(setups=...):``: the block of the producing task."""
        return self.operator.__enter__()

    def __exit__(self, *exc: object) -> None:
        self.operator.__exit__(*exc)

    def as_setup(self) -> XComArg:
        """Mark the producing task a setup task; returns this XComArg."""
        self.operator.as_setup()
        return self

    def as_teardown(
        self, *, setups: Any = None, on_failure_fail_dagrun: bool | None = None
    ) -> XComArg:
        """Mark the producing task a teardown of ``setups``; returns this XComArg."""
        self.operator.as_teardown(setups=setups, on_failure_fail_dagrun=on_failure_fail_dagrun)
        return self

    def resolve(self, store: XComStore) -> Any:
        """The value, once the producing task has run."""
        value = store.pull(self.operator.task_id, self.key, default=_MISSING)
        if value is not _MISSING:
            return value
        if self.key == XCOM_RETURN_KEY or getattr(self.operator, "multiple_outputs", False):
            return None
        raise AirflowException(
            f"XComArg result from {self.operator.task_id} at {self.operator.dag.dag_id} "
            f"with key={self.key!r} is not found!"
        )

    def resolve_argument(self, store: XComStore) -> Any:
        """The value as a task argument: a mapped task's output is a LazyXComSequence.

        As in Airflow (``PlainXComArg.resolve``), that holds for a mapped task with no
        instances too (mapped over an empty list, or never expanded): an empty sequence.
        """
        value = self.resolve(store)
        if getattr(self.operator, "_in_mapped_group", False):
            # A task of a mapped task group: the list over its instances, but None when
            # it has none (the group's input was empty or never known), as in Airflow.
            if not store.mapped_count(self.operator.task_id):
                return None
            return LazyXComSequence(value or [])
        mapped = getattr(self.operator, "_is_mapped", False)
        if mapped and (value is None or isinstance(value, list)):
            return LazyXComSequence(value or [])
        return value

    def __repr__(self) -> str:
        return f"XComArg({self.operator.task_id!r}, key={self.key!r})"


_MISSING = object()


def _sequence(value: Any, what: str) -> list[Any]:
    """A resolved value as the list ``map``/``zip``/``concat`` work on (a dict's items)."""
    if isinstance(value, LazyXComSequence):
        return value.materialize()
    if isinstance(value, dict):
        return list(value.items())
    if isinstance(value, (list, tuple)):
        return list(value)
    raise AirflowException(f"XComArg.{what}() needs a list or dict, got {type(value).__name__}")


class _DerivedXComArg(XComArg):
    """A value computed from task outputs when the consumer runs (not an XCom itself)."""

    def __init__(self, args: list[XComArg]) -> None:
        super().__init__(args[0].operator, args[0].key)
        self.args = args

    def sources(self) -> list[XComArg]:
        return [s for arg in self.args for s in arg.sources()]

    def _resolved(self, store: XComStore) -> list[Any] | None:
        values = [arg.resolve_argument(store) for arg in self.args]
        return None if any(v is None for v in values) else values

    def resolve_argument(self, store: XComStore) -> Any:
        return self.resolve(store)


class MapXComArg(_DerivedXComArg):
    """``arg.map(f)``: ``f`` applied to each item, lazily in Airflow, at once here."""

    def __init__(self, arg: XComArg, callables: list[Callable[[Any], Any]]) -> None:
        super().__init__([arg])
        self.callables = callables

    def map(self, f: Callable[[Any], Any]) -> MapXComArg:
        return MapXComArg(self.args[0], [*self.callables, f])

    def resolve(self, store: XComStore) -> Any:
        values = self._resolved(store)
        if values is None:
            return None
        out = []
        for item in _sequence(values[0], "map"):
            for f in self.callables:
                item = f(item)
            out.append(item)
        return out


class ZipXComArg(_DerivedXComArg):
    """``a.zip(b, ...)``: tuples; shortest wins unless ``fillvalue`` is given."""

    def __init__(self, args: list[XComArg], *, fillvalue: Any = _NOTSET) -> None:
        super().__init__(args)
        self.fillvalue = fillvalue

    def resolve(self, store: XComStore) -> Any:
        values = self._resolved(store)
        if values is None:
            return None
        lists = [_sequence(v, "zip") for v in values]
        if self.fillvalue is _NOTSET:
            return [tuple(t) for t in zip(*lists, strict=False)]
        return [tuple(t) for t in itertools.zip_longest(*lists, fillvalue=self.fillvalue)]


class ConcatXComArg(_DerivedXComArg):
    """``a.concat(b, ...)``: the items of each, one after the other."""

    def resolve(self, store: XComStore) -> Any:
        values = self._resolved(store)
        if values is None:
            return None
        return [item for v in values for item in _sequence(v, "concat")]


def iter_xcom_args(value: Any) -> Iterator[XComArg]:
    """Every XComArg inside ``value`` (lists, tuples, sets and dict values searched);
    a value derived with ``map``/``zip``/``concat`` gives the outputs it comes from."""
    if isinstance(value, _DerivedXComArg):
        yield from value.sources()
    elif isinstance(value, XComArg):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from iter_xcom_args(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_xcom_args(item)
