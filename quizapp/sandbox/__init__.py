"""A small Airflow-compatible DAG engine (pure Python): Airflow's names, states and try numbers.

DAG files written for Airflow 3 run here once their ``airflow...`` imports name this
package; the loader does that rewrite. The entry points:

- ``dag.test(logical_date=...)`` / :func:`run_dag` ``(dag, *, logical_date, executor,
  sink, pools, run_type, run_conf) -> RunResult``; :func:`backfill`.
- :func:`quizapp.sandbox.loader.load_dag_file` ``(path) -> dict[dag_id, DAG]`` and
  ``load_dag_source(source, filename)``.
- :func:`quizapp.sandbox.runfile.run_file` ``(path, *, dag_id, logical_date, start, end,
  executor, sink, pools) -> list[RunResult]`` and ``run_source(source, *, dag_id,
  logical_date, executor, sink, pools) -> RunResult`` (predict questions).
- :func:`quizapp.sandbox.isolate.run_isolated` ``(*, path | source, dag_id, logical_date,
  start, end, executor, pools, sink, time_limit, cancel) -> list[RunResult]``: the same in
  a child process, events streamed to ``sink``; safe to call from a worker thread.
- :mod:`quizapp.sandbox.catalog`: ``example_names()``, ``example_path(name)``,
  ``example_summary(name)``; :mod:`quizapp.sandbox.events`: the event dataclasses.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.sandbox.assets import Asset, AssetAlias, AssetAll, AssetAny, Metadata
    from quizapp.sandbox.baseoperator import BaseOperator
    from quizapp.sandbox.context import get_current_context
    from quizapp.sandbox.dag import DAG, dag
    from quizapp.sandbox.decorators import setup, task, task_group, teardown
    from quizapp.sandbox.dependencies import Label, chain, cross_downstream
    from quizapp.sandbox.exceptions import (
        AirflowException,
        AirflowFailException,
        AirflowSensorTimeout,
        AirflowSkipException,
        AirflowTaskTimeout,
        DagCycleError,
        DagFileError,
        DuplicateTaskIdFound,
        SandboxError,
        UnsupportedImportError,
    )
    from quizapp.sandbox.operators import (
        BaseBranchOperator,
        BashOperator,
        BranchPythonOperator,
        EmptyOperator,
        LatestOnlyOperator,
        PythonOperator,
        ShortCircuitOperator,
    )
    from quizapp.sandbox.params import Param
    from quizapp.sandbox.result import RunResult, TaskResult
    from quizapp.sandbox.runfile import backfill
    from quizapp.sandbox.runner import run_dag
    from quizapp.sandbox.secrets import (
        AirflowNotFoundException,
        AirflowRuntimeError,
        BaseHook,
        Connection,
        Variable,
    )
    from quizapp.sandbox.sensors import BaseSensorOperator, PokeReturnValue, PythonSensor
    from quizapp.sandbox.skipmixin import BranchMixIn, SkipMixin
    from quizapp.sandbox.states import DagRunState, State, TaskInstanceState
    from quizapp.sandbox.task_group import TaskGroup
    from quizapp.sandbox.timetables import (
        CronDataIntervalTimetable,
        CronTriggerTimetable,
        DeltaDataIntervalTimetable,
        DeltaTriggerTimetable,
    )
    from quizapp.sandbox.trigger_rules import TriggerRule
    from quizapp.sandbox.xcom import XComArg

_HOMES = {
    "Asset": "quizapp.sandbox.assets",
    "AssetAlias": "quizapp.sandbox.assets",
    "AssetAll": "quizapp.sandbox.assets",
    "AssetAny": "quizapp.sandbox.assets",
    "Metadata": "quizapp.sandbox.assets",
    "BaseOperator": "quizapp.sandbox.baseoperator",
    "get_current_context": "quizapp.sandbox.context",
    "DAG": "quizapp.sandbox.dag",
    "dag": "quizapp.sandbox.dag",
    "setup": "quizapp.sandbox.decorators",
    "task": "quizapp.sandbox.decorators",
    "task_group": "quizapp.sandbox.decorators",
    "teardown": "quizapp.sandbox.decorators",
    "Label": "quizapp.sandbox.dependencies",
    "chain": "quizapp.sandbox.dependencies",
    "cross_downstream": "quizapp.sandbox.dependencies",
    "AirflowException": "quizapp.sandbox.exceptions",
    "AirflowFailException": "quizapp.sandbox.exceptions",
    "AirflowSensorTimeout": "quizapp.sandbox.exceptions",
    "AirflowSkipException": "quizapp.sandbox.exceptions",
    "AirflowTaskTimeout": "quizapp.sandbox.exceptions",
    "DagCycleError": "quizapp.sandbox.exceptions",
    "DagFileError": "quizapp.sandbox.exceptions",
    "DuplicateTaskIdFound": "quizapp.sandbox.exceptions",
    "SandboxError": "quizapp.sandbox.exceptions",
    "UnsupportedImportError": "quizapp.sandbox.exceptions",
    "BaseBranchOperator": "quizapp.sandbox.operators",
    "BashOperator": "quizapp.sandbox.operators",
    "BranchPythonOperator": "quizapp.sandbox.operators",
    "EmptyOperator": "quizapp.sandbox.operators",
    "LatestOnlyOperator": "quizapp.sandbox.operators",
    "PythonOperator": "quizapp.sandbox.operators",
    "ShortCircuitOperator": "quizapp.sandbox.operators",
    "Param": "quizapp.sandbox.params",
    "RunResult": "quizapp.sandbox.result",
    "TaskResult": "quizapp.sandbox.result",
    "backfill": "quizapp.sandbox.runfile",
    "run_dag": "quizapp.sandbox.runner",
    "AirflowNotFoundException": "quizapp.sandbox.secrets",
    "AirflowRuntimeError": "quizapp.sandbox.secrets",
    "BaseHook": "quizapp.sandbox.secrets",
    "Connection": "quizapp.sandbox.secrets",
    "Variable": "quizapp.sandbox.secrets",
    "BaseSensorOperator": "quizapp.sandbox.sensors",
    "PokeReturnValue": "quizapp.sandbox.sensors",
    "PythonSensor": "quizapp.sandbox.sensors",
    "BranchMixIn": "quizapp.sandbox.skipmixin",
    "SkipMixin": "quizapp.sandbox.skipmixin",
    "DagRunState": "quizapp.sandbox.states",
    "State": "quizapp.sandbox.states",
    "TaskInstanceState": "quizapp.sandbox.states",
    "TaskGroup": "quizapp.sandbox.task_group",
    "CronDataIntervalTimetable": "quizapp.sandbox.timetables",
    "CronTriggerTimetable": "quizapp.sandbox.timetables",
    "DeltaDataIntervalTimetable": "quizapp.sandbox.timetables",
    "DeltaTriggerTimetable": "quizapp.sandbox.timetables",
    "TriggerRule": "quizapp.sandbox.trigger_rules",
    "XComArg": "quizapp.sandbox.xcom",
}
"""Where each exported name lives: imported on first use (a run needs a few of them)."""

__all__ = [
    "DAG",
    "AirflowException",
    "AirflowFailException",
    "AirflowNotFoundException",
    "AirflowRuntimeError",
    "AirflowSensorTimeout",
    "AirflowSkipException",
    "AirflowTaskTimeout",
    "Asset",
    "AssetAlias",
    "AssetAll",
    "AssetAny",
    "BaseBranchOperator",
    "BaseHook",
    "BaseOperator",
    "BaseSensorOperator",
    "BashOperator",
    "BranchMixIn",
    "BranchPythonOperator",
    "Connection",
    "CronDataIntervalTimetable",
    "CronTriggerTimetable",
    "DagCycleError",
    "DagFileError",
    "DagRunState",
    "DeltaDataIntervalTimetable",
    "DeltaTriggerTimetable",
    "DuplicateTaskIdFound",
    "EmptyOperator",
    "Label",
    "LatestOnlyOperator",
    "Metadata",
    "Param",
    "PokeReturnValue",
    "PythonOperator",
    "PythonSensor",
    "RunResult",
    "SandboxError",
    "ShortCircuitOperator",
    "SkipMixin",
    "State",
    "TaskGroup",
    "TaskInstanceState",
    "TaskResult",
    "TriggerRule",
    "UnsupportedImportError",
    "Variable",
    "XComArg",
    "backfill",
    "chain",
    "cross_downstream",
    "dag",
    "get_current_context",
    "run_dag",
    "setup",
    "task",
    "task_group",
    "teardown",
]


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


class _Package(ModuleType):
    """This package, where an export named like a submodule (``dag``, ``task_group``) wins.

    Importing ``quizapp.sandbox.dag`` sets the package's ``dag`` to that module;
    ``from quizapp.sandbox import dag`` must still give the ``@dag`` decorator, as
    it did when this file imported every name eagerly.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and name in _HOMES:
            return  # the submodule stays in sys.modules; the name stays the export's
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
