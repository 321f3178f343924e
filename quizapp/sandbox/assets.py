"""Assets: ``Asset``, ``AssetAll``/``AssetAny``, ``Metadata``, outlet and inlet events.

As in Airflow 3.3: a task that succeeds creates one asset event per asset in its
``outlets`` (a failed or skipped one creates none), with the ``extra`` set through
``outlet_events[asset].extra`` or yielded as ``Metadata(asset, extra)``; a DAG with
``schedule=[asset, ...]`` (every one updated: ``AssetAll``) or ``asset1 | asset2``
(``AssetAny``) runs when its condition holds. An ``AssetAlias`` in ``outlets`` lets the task
name its assets as it runs (``outlet_events[alias].add(asset, extra=...)``, or
``Metadata(asset, extra, alias=alias)``); a DAG scheduled on the alias runs when an event
comes through it. The events of a sandbox session are kept
here (Airflow's ``asset_event`` table): ``inlet_events[asset]`` lists them, and
:mod:`quizapp.sandbox.runfile` runs the DAGs they trigger.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class BaseAsset:
    """What a schedule condition is made of: ``&`` is AssetAll, ``|`` AssetAny."""

    def __and__(self, other: BaseAsset) -> AssetAll:
        return AssetAll(self, other)

    def __or__(self, other: BaseAsset) -> AssetAny:
        return AssetAny(self, other)

    def iter_assets(self) -> Iterator[Asset]:
        """Every asset in the condition."""
        raise NotImplementedError

    def iter_keys(self) -> Iterator[tuple[str, str]]:
        """The keys ``evaluate`` reads: each asset's, and each alias's."""
        for asset in self.iter_assets():
            yield asset.key

    def evaluate(self, updated: set[tuple[str, str]]) -> bool:
        """Whether the condition holds, given the keys of the assets updated."""
        raise NotImplementedError


class Asset(BaseAsset):
    """Airflow's ``Asset(name=None, uri=None, *, group="asset", extra=None)``: either one
    of name and uri stands for both when only one is given."""

    def __init__(
        self,
        name: str | None = None,
        uri: str | None = None,
        *,
        group: str | None = None,
        extra: dict[str, Any] | None = None,
        watchers: Any = None,
    ) -> None:
        if name is None and uri is None:
            raise TypeError("Asset() requires either 'name' or 'uri'")
        self.name = str(uri) if name is None else str(name)
        self.uri = self.name if uri is None else str(uri)
        if not self.name.strip():
            raise ValueError("Asset name cannot be empty")
        self.group = group or "asset"
        self.extra = dict(extra or {})

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the asset: its name and URI."""
        return (self.name, self.uri)

    def iter_assets(self) -> Iterator[Asset]:
        yield self

    def evaluate(self, updated: set[tuple[str, str]]) -> bool:
        return self.key in updated

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Asset) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __fspath__(self) -> str:
        return self.uri

    def __repr__(self) -> str:
        return f"Asset(name={self.name!r}, uri={self.uri!r}, group={self.group!r})"


class AssetAlias(BaseAsset):
    """Airflow's ``AssetAlias(name, group="asset")``: assets a task names as it runs."""

    def __init__(self, name: str, group: str = "asset") -> None:
        if not str(name).strip():
            raise ValueError("Asset alias name cannot be empty")
        self.name = str(name)
        self.group = group or "asset"

    @property
    def key(self) -> tuple[str, str]:
        """The key an event through this alias is queued under (no asset has it)."""
        return (ALIAS, self.name)

    def iter_assets(self) -> Iterator[Asset]:
        yield from ()

    def iter_keys(self) -> Iterator[tuple[str, str]]:
        yield self.key

    def evaluate(self, updated: set[tuple[str, str]]) -> bool:
        return self.key in updated

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AssetAlias) and self.name == other.name

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"AssetAlias(name={self.name!r}, group={self.group!r})"


#: The first part of an alias's key.
ALIAS = "\0alias"


class _AssetBooleanCondition(BaseAsset):
    def __init__(self, *objects: BaseAsset) -> None:
        for obj in objects:
            if not isinstance(obj, BaseAsset):
                raise TypeError(f"expect asset expressions in condition, got {obj!r}")
        self.objects = list(objects)

    def iter_assets(self) -> Iterator[Asset]:
        for obj in self.objects:
            yield from obj.iter_assets()

    def iter_keys(self) -> Iterator[tuple[str, str]]:
        for obj in self.objects:
            yield from obj.iter_keys()


class AssetAll(_AssetBooleanCondition):
    """Every one of the assets (or conditions) updated."""

    def evaluate(self, updated: set[tuple[str, str]]) -> bool:
        return all(obj.evaluate(updated) for obj in self.objects)

    def __repr__(self) -> str:
        return f"AssetAll({', '.join(map(repr, self.objects))})"


class AssetAny(_AssetBooleanCondition):
    """Any one of the assets (or conditions) updated."""

    def evaluate(self, updated: set[tuple[str, str]]) -> bool:
        return any(obj.evaluate(updated) for obj in self.objects)

    def __repr__(self) -> str:
        return f"AssetAny({', '.join(map(repr, self.objects))})"


def as_condition(schedule: Any) -> BaseAsset | None:
    """The asset condition of a ``schedule`` (a list of assets is AssetAll), else None."""
    if isinstance(schedule, BaseAsset):
        return schedule
    is_list = isinstance(schedule, (list, tuple)) and bool(schedule)
    if is_list and all(isinstance(item, BaseAsset) for item in schedule):
        return AssetAll(*schedule)
    return None


@dataclass
class Metadata:
    """``yield Metadata(asset, extra)`` from a task: the extra of its asset event."""

    asset: Asset
    extra: dict[str, Any] = field(default_factory=dict)
    alias: Any = None


@dataclass
class AssetEvent:
    """One update of an asset (Airflow's ``AssetEvent``)."""

    asset: Asset
    extra: dict[str, Any]
    source_dag_id: str
    source_task_id: str
    source_run_id: str
    source_map_index: int
    timestamp: datetime
    #: The aliases the event came through (``outlet_events[alias].add``).
    source_aliases: tuple[str, ...] = ()

    @property
    def uri(self) -> str:
        return self.asset.uri

    def as_dict(self) -> dict[str, Any]:
        """For reports and JSON."""
        return {
            "name": self.asset.name,
            "uri": self.asset.uri,
            "extra": self.extra,
            "source_dag_id": self.source_dag_id,
            "source_task_id": self.source_task_id,
            "source_map_index": self.source_map_index,
            "timestamp": self.timestamp.isoformat(),
            **({"source_aliases": list(self.source_aliases)} if self.source_aliases else {}),
        }


class OutletEventAccessor:
    """``outlet_events[asset]``: set ``.extra`` (a dict) for the event the task creates;
    ``outlet_events[alias].add(asset, extra=...)`` names an asset of an alias."""

    def __init__(self, key: Asset | AssetAlias) -> None:
        self.key = key
        self.extra: dict[str, Any] = {}
        #: ``add()`` calls on an alias: ``(asset, extra)``.
        self.asset_alias_events: list[tuple[Asset, dict[str, Any]]] = []

    def add(self, asset: Asset, extra: dict[str, Any] | None = None) -> None:
        """An event for ``asset`` through this alias (ignored on a plain asset's accessor)."""
        if not isinstance(self.key, AssetAlias):
            return
        if not isinstance(asset, Asset):
            raise TypeError(f"outlet_events[alias].add() takes an Asset, not {asset!r}")
        self.asset_alias_events.append((asset, dict(extra or {})))


class OutletEventAccessors:
    """``context["outlet_events"]``."""

    def __init__(self) -> None:
        self._accessors: dict[tuple[str, str], OutletEventAccessor] = {}

    def __getitem__(self, key: Asset | AssetAlias) -> OutletEventAccessor:
        if not isinstance(key, (Asset, AssetAlias)):
            raise KeyError(f"outlet_events takes an Asset or AssetAlias, not {key!r}")
        return self._accessors.setdefault(key.key, OutletEventAccessor(key))

    def extra_for(self, asset: Asset) -> dict[str, Any]:
        """The extra set for ``asset`` (empty when none was)."""
        accessor = self._accessors.get(asset.key)
        return dict(accessor.extra) if accessor else {}

    def alias_events(
        self, aliases: list[AssetAlias]
    ) -> list[tuple[Asset, dict[str, Any], list[str]]]:
        """The events ``aliases`` (the task's alias outlets) give, as Airflow registers
        them: one per asset and extra, with every alias it came through."""
        merged: dict[tuple[Any, ...], tuple[Asset, dict[str, Any], list[str]]] = {}
        for alias in aliases:
            accessor = self._accessors.get(alias.key)
            for asset, extra in accessor.asset_alias_events if accessor else ():
                key = (asset.key, _json(asset.extra), _json(extra))
                entry = merged.setdefault(key, (asset, extra, []))
                if alias.name not in entry[2]:
                    entry[2].append(alias.name)
        return list(merged.values())


def _json(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, default=str)


class InletEventsAccessors:
    """``context["inlet_events"][asset]``: the asset's events so far, oldest first (for an
    alias, the events that came through it)."""

    def __init__(self, inlets: list[Any]) -> None:
        self._inlets = {a.key for a in inlets if isinstance(a, (Asset, AssetAlias))}

    def __getitem__(self, key: Asset | AssetAlias) -> list[AssetEvent]:
        if not isinstance(key, (Asset, AssetAlias)) or key.key not in self._inlets:
            raise KeyError(f"{key!r} is not one of the task's inlets")
        if isinstance(key, AssetAlias):
            return [e for e in session_events() if key.name in e.source_aliases]
        return [event for event in session_events() if event.asset.key == key.key]


def run_callable(
    func: Callable[..., Any], args: list[Any], kwargs: dict[str, Any], context: dict[str, Any]
) -> Any:
    """Call a task's callable; a generator function's ``Metadata`` go to ``outlet_events``
    and its ``return`` value is the result, as Airflow's ``ExecutionCallableRunner`` does."""
    if not inspect.isgeneratorfunction(func):
        return func(*args, **kwargs)
    outlet_events = context.get("outlet_events")
    generator = func(*args, **kwargs)
    while True:
        try:
            item = next(generator)
        except StopIteration as stop:
            return stop.value
        if isinstance(item, Metadata) and outlet_events is not None:
            outlet_events[item.asset].extra.update(item.extra)
            if item.alias:
                outlet_events[item.alias].add(item.asset, extra=item.extra)
        else:
            print(f"WARNING - Ignoring unknown data of {type(item)!r} received from task")


_LOCK = threading.Lock()
_events: list[AssetEvent] = []


def record(event: AssetEvent) -> None:
    """Add an event to the session."""
    with _LOCK:
        _events.append(event)


def session_events() -> list[AssetEvent]:
    """Every asset event of this sandbox session, oldest first."""
    with _LOCK:
        return list(_events)


def reset() -> None:
    """Start a new session: no events."""
    with _LOCK:
        _events.clear()
