"""The context a task receives: ``ti``, ``ds``, ``logical_date``, ``params``, ``macros``..."""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from quizapp.sandbox.serde import stored_xcom_value
from quizapp.sandbox.xcom import XCOM_RETURN_KEY, XComStore


def ds_add(ds: str, days: int) -> str:
    """Airflow's ``macros.ds_add``: add (or subtract) days to a ``YYYY-MM-DD`` date."""
    day = _dt.datetime.strptime(ds, "%Y-%m-%d") + _dt.timedelta(days=days)
    return day.strftime("%Y-%m-%d")


def ds_format(ds: str, input_format: str, output_format: str) -> str:
    """Airflow's ``macros.ds_format``: reformat a date string."""
    return _dt.datetime.strptime(ds, input_format).strftime(output_format)


MACROS = SimpleNamespace(
    ds_add=ds_add,
    ds_format=ds_format,
    datetime=_dt.datetime,
    timedelta=_dt.timedelta,
    time=time,
    uuid=uuid,
    random=random.random,
    json=json,
)


class DagRunType(str, enum.Enum):  # noqa: UP042 (a StrEnum would render as "manual")
    """Airflow's ``DagRunType``: equal to its value (``"manual"``), but a template renders
    it as Python shows a str enum, ``DagRunType.MANUAL``, as Airflow 3.3 does. The
    members are the Task SDK's (``BACKFILL``; the scheduler's own enum says ``BACKFILL_JOB``)."""

    BACKFILL = "backfill"
    SCHEDULED = "scheduled"
    MANUAL = "manual"
    ASSET_TRIGGERED = "asset_triggered"


@dataclass
class DagRunInfo:
    """What ``context["dag_run"]`` offers."""

    dag_id: str
    run_id: str
    run_type: DagRunType
    logical_date: _dt.datetime
    data_interval_start: _dt.datetime
    data_interval_end: _dt.datetime
    run_after: _dt.datetime
    conf: dict[str, Any] = field(default_factory=dict)
    #: An asset-triggered run's events, ``{asset: [AssetEvent, ...]}``.
    triggering_asset_events: dict[Any, list[Any]] = field(default_factory=dict)

    @property
    def start_date(self) -> _dt.datetime:
        """When the run started (on the virtual clock)."""
        return self.run_after


_NOT_SET: Any = object()


class RuntimeTaskInstance:
    """``context["ti"]``: the running try of a task instance."""

    def __init__(
        self,
        *,
        task: Any,
        run: DagRunInfo,
        try_number: int,
        map_index: int,
        store: XComStore,
        start_date: _dt.datetime,
    ) -> None:
        self.task = task
        self.task_id: str = task.task_id
        self.dag_id = run.dag_id
        self.run_id = run.run_id
        self.logical_date = run.logical_date
        self.try_number = try_number
        self.max_tries: int = task.retries
        self.map_index = map_index
        self.start_date = start_date
        self.state = "running"
        self._store = store

    def xcom_push(self, key: str, value: Any) -> None:
        """Store a value other tasks can pull (one Airflow could serialise)."""
        self._store.push(self.task_id, self.map_index, key, stored_xcom_value(value))

    def xcom_pull(
        self,
        task_ids: str | list[str] | tuple[str, ...] | None = None,
        key: str = XCOM_RETURN_KEY,
        dag_id: str | None = None,
        map_indexes: Any = _NOT_SET,
        default: Any = None,
        include_prior_dates: bool = False,
        run_id: str | None = None,
    ) -> Any:
        """Pull XComs as Airflow 3's Task SDK does.

        Without ``map_indexes``, every map index of each task is pulled: one task with
        one value gives that value, otherwise a flat list in ``task_ids`` order (a task
        with nothing contributes None: Airflow 3.3's code ignores ``default`` there,
        whatever its docstring says). With ``map_indexes``, one value per (task, index)
        pair, ``default`` where there is none.
        """
        single_task = isinstance(task_ids, str) or task_ids is None
        ids = [task_ids or self.task_id] if single_task else list(task_ids)  # type: ignore[arg-type]
        if map_indexes is _NOT_SET:
            values: list[Any] = []
            for task_id in ids:
                found = self._store.all_values(str(task_id), key)
                values.extend(found) if found else values.append(None)
            return values[0] if single_task and len(values) == 1 else values
        single_index = isinstance(map_indexes, int) or map_indexes is None
        indexes = [map_indexes] if single_index else list(map_indexes)
        values = [
            self._store.get(str(t), -1 if i is None else i, key, default)
            for t, i in itertools.product(ids, indexes)
        ]
        return values[0] if single_task and single_index else values

    def __repr__(self) -> str:
        index = f" map_index={self.map_index}" if self.map_index >= 0 else ""
        return f"<TaskInstance: {self.dag_id}.{self.task_id} {self.run_id}{index} [running]>"


#: Names a task function may take to receive part of the context.
CONTEXT_KEYS = frozenset(
    {
        "asset_state_store", "conn", "dag", "dag_run", "data_interval_end",
        "data_interval_start", "ds", "ds_nodash", "exception", "expanded_ti_count",
        "inlet_events", "inlets", "logical_date", "macros", "map_index_template",
        "outlet_events", "outlets", "params", "partition_date", "partition_key",
        "prev_data_interval_end_success", "prev_data_interval_start_success",
        "prev_end_date_success", "prev_start_date_success", "reason", "run_id", "task",
        "task_instance", "task_instance_key_str", "task_reschedule_count",
        "task_state_store", "templates_dict", "test_mode", "ti", "triggering_asset_events",
        "try_number", "ts", "ts_nodash", "ts_nodash_with_tz", "var",
    }
)  # fmt: skip
"""Airflow 3.3's ``KNOWN_CONTEXT_KEYS``: a TaskFlow parameter with one of these names is
filled from the context (when the context has it) and may only default to None."""


def build_context(task: Any, ti: RuntimeTaskInstance, run: DagRunInfo) -> dict[str, Any]:
    """Airflow's template context for one try (``RuntimeTaskInstance.get_template_context``).

    Only the names Airflow 3.3 puts there: no ``map_index``, ``conf`` or ``test_mode``
    (``ti.map_index`` has the index); ``templates_dict`` is added by the Python operators.
    There is no earlier successful run in a sandbox run, so the ``prev_*_success`` values
    are None, as in a DAG's first ``dag.test()``. ``task_reschedule_count`` is 0 (the
    sandbox does not count a rescheduling sensor's reschedules there).
    """
    logical = run.logical_date
    params = dict(getattr(task.dag, "params", {}) or {})
    params.update(task.params)
    params.update(run.conf)  # Airflow's dag_run_conf_overrides_params (on by default)
    params = {k: getattr(v, "value", v) for k, v in params.items()}
    ts = logical.isoformat()
    ds_nodash = logical.strftime("%Y%m%d")
    return {
        "dag": task.dag,
        "task": task,
        "ti": ti,
        "task_instance": ti,
        "dag_run": run,
        "run_id": run.run_id,
        "logical_date": logical,
        "ds": logical.strftime("%Y-%m-%d"),
        "ds_nodash": ds_nodash,
        "ts": ts,
        "ts_nodash": logical.strftime("%Y%m%dT%H%M%S"),
        "ts_nodash_with_tz": ts.replace("-", "").replace(":", ""),
        "data_interval_start": run.data_interval_start,
        "data_interval_end": run.data_interval_end,
        "task_instance_key_str": f"{task.dag.dag_id}__{task.task_id}__{ds_nodash}",
        "task_reschedule_count": 0,
        "map_index_template": getattr(task, "map_index_template", None),
        "partition_key": None,
        "partition_date": None,
        "prev_data_interval_start_success": None,
        "prev_data_interval_end_success": None,
        "prev_start_date_success": None,
        "prev_end_date_success": None,
        "params": params,
        "macros": MACROS,
        **_secrets_entries(),
        **_asset_entries(task, run),
    }


def _asset_entries(task: Any, run: DagRunInfo) -> dict[str, Any]:
    from quizapp.sandbox.assets import InletEventsAccessors, OutletEventAccessors

    inlets = list(getattr(task, "inlets", None) or [])
    return {
        "inlets": inlets,
        "outlets": list(getattr(task, "outlets", None) or []),
        "outlet_events": OutletEventAccessors(),
        "inlet_events": InletEventsAccessors(inlets),
        "triggering_asset_events": dict(run.triggering_asset_events),
    }


def _secrets_entries() -> dict[str, Any]:
    from quizapp.sandbox.secrets import context_entries

    return context_entries()


_current = threading.local()


def set_current_context(context: dict[str, Any] | None) -> None:
    """Make ``context`` what :func:`get_current_context` returns in this thread."""
    _current.context = context


def get_current_context() -> dict[str, Any]:
    """Airflow's ``get_current_context()``: the running task's context."""
    context = getattr(_current, "context", None)
    if context is None:
        from quizapp.sandbox.exceptions import AirflowException

        raise AirflowException(
            "Current context was requested but no context was found! Are you running within a task?"
        )
    return cast("dict[str, Any]", context)
