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

from quizapp.sandbox.assets import Asset, AssetAll, AssetAny, Metadata
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
