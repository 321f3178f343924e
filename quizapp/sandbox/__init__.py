"""A small Airflow-compatible DAG engine (pure Python): Airflow's names, states and try numbers.

DAG files written for Airflow 3 run here once their ``airflow...`` imports name
``quizapp.sandbox`` (:func:`quizapp.sandbox.loader.load_dag_file` does that rewrite).
Run a DAG with ``dag.test()`` or :func:`run_dag`; run a file in a child process with
:func:`quizapp.sandbox.isolate.run_isolated`.
"""

from __future__ import annotations

from quizapp.sandbox.baseoperator import BaseOperator
from quizapp.sandbox.context import get_current_context
from quizapp.sandbox.dag import DAG, dag
from quizapp.sandbox.decorators import task, task_group
from quizapp.sandbox.dependencies import chain, cross_downstream
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
    PythonOperator,
    ShortCircuitOperator,
)
from quizapp.sandbox.params import Param
from quizapp.sandbox.result import RunResult, TaskResult
from quizapp.sandbox.runner import backfill, run_dag
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
    "AirflowSensorTimeout",
    "AirflowSkipException",
    "AirflowTaskTimeout",
    "BaseBranchOperator",
    "BaseOperator",
    "BaseSensorOperator",
    "BashOperator",
    "BranchMixIn",
    "BranchPythonOperator",
    "CronDataIntervalTimetable",
    "CronTriggerTimetable",
    "DagCycleError",
    "DagFileError",
    "DagRunState",
    "DeltaDataIntervalTimetable",
    "DeltaTriggerTimetable",
    "DuplicateTaskIdFound",
    "EmptyOperator",
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
    "XComArg",
    "backfill",
    "chain",
    "cross_downstream",
    "dag",
    "get_current_context",
    "run_dag",
    "task",
    "task_group",
]
