"""Load DAG files written for Airflow: their ``airflow...`` imports are mapped to this package.

``from airflow.sdk import DAG, task`` becomes ``from quizapp.sandbox import DAG, task``
(in the parsed syntax tree, so line numbers stay the file's own). A name the sandbox
does not provide is an :class:`UnsupportedImportError` naming the file, line and name.
A module-level ``SANDBOX_POOLS = {"name": slots}`` declares pools for the sandbox
(Airflow keeps pools in its database, created with ``airflow pools set``; Airflow
ignores this variable).
"""

from __future__ import annotations

import ast
import itertools
import sys
import traceback
import types
from pathlib import Path
from typing import Any

from quizapp.sandbox import dagcontext
from quizapp.sandbox.dag import DAG
from quizapp.sandbox.exceptions import DagFileError, SandboxError, UnsupportedImportError

_EXCEPTIONS = {
    "AirflowException", "AirflowSkipException", "AirflowFailException",
    "AirflowSensorTimeout", "AirflowTaskTimeout", "AirflowNotFoundException",
    "AirflowRuntimeError",
}  # fmt: skip
_SDK = {
    "DAG", "dag", "task", "task_group", "TaskGroup", "chain", "cross_downstream",
    "BaseOperator", "BaseSensorOperator", "PokeReturnValue", "Param", "TriggerRule",
    "XComArg", "CronDataIntervalTimetable", "CronTriggerTimetable",
    "DeltaDataIntervalTimetable", "DeltaTriggerTimetable", "get_current_context", "Label",
    "setup", "teardown", "Variable", "Connection", "BaseHook", "Asset", "AssetAll",
    "AssetAny", "AssetAlias", "Metadata",
}  # fmt: skip
_PYTHON_OPS = {"PythonOperator", "BranchPythonOperator", "ShortCircuitOperator",
               "get_current_context"}  # fmt: skip

#: Airflow module -> the names the sandbox provides from it (Airflow 3 paths, and the
#: Airflow 2 paths that Airflow 3 still accepts or that older examples use).
SUPPORTED: dict[str, set[str]] = {
    "airflow": {"DAG", "XComArg"},
    "airflow.sdk": _SDK,
    "airflow.sdk.exceptions": _EXCEPTIONS,
    "airflow.exceptions": _EXCEPTIONS,
    "airflow.decorators": {"dag", "task", "task_group", "setup", "teardown"},
    "airflow.models": {"DAG", "BaseOperator", "Param"},
    "airflow.models.dag": {"DAG"},
    "airflow.models.baseoperator": {"BaseOperator", "chain", "cross_downstream"},
    "airflow.models.param": {"Param"},
    "airflow.models.xcom_arg": {"XComArg"},
    "airflow.sdk.bases.operator": {"BaseOperator", "chain", "cross_downstream"},
    "airflow.sdk.bases.sensor": {"BaseSensorOperator", "PokeReturnValue"},
    "airflow.sdk.bases.hook": {"BaseHook"},
    "airflow.sdk.definitions.asset": {"Asset", "AssetAll", "AssetAny", "AssetAlias"},
    "airflow.sdk.definitions.asset.metadata": {"Metadata"},
    "airflow.hooks.base": {"BaseHook"},
    "airflow.sensors.base": {"BaseSensorOperator", "PokeReturnValue"},
    "airflow.providers.standard.operators.python": _PYTHON_OPS,
    "airflow.providers.standard.operators.bash": {"BashOperator"},
    "airflow.providers.standard.operators.empty": {"EmptyOperator"},
    "airflow.providers.standard.operators.branch": {"BaseBranchOperator"},
    "airflow.providers.standard.operators.latest_only": {"LatestOnlyOperator"},
    "airflow.operators.latest_only": {"LatestOnlyOperator"},
    "airflow.providers.standard.sensors.python": {"PythonSensor"},
    "airflow.operators.python": _PYTHON_OPS,
    "airflow.operators.bash": {"BashOperator"},
    "airflow.operators.empty": {"EmptyOperator"},
    "airflow.sensors.python": {"PythonSensor"},
    "airflow.utils.trigger_rule": {"TriggerRule"},
    "airflow.task.trigger_rule": {"TriggerRule"},
    "airflow.utils.task_group": {"TaskGroup"},
    "airflow.utils.state": {"State", "TaskInstanceState", "DagRunState"},
    "airflow.utils.edgemodifier": {"Label"},
    "airflow.timetables.interval": {"CronDataIntervalTimetable", "DeltaDataIntervalTimetable"},
    "airflow.timetables.trigger": {"CronTriggerTimetable", "DeltaTriggerTimetable"},
}
#: Names Airflow 3.3 does not export from a module where one might look for them
#: (``from airflow.sdk import AirflowSkipException`` is an ImportError in Airflow): the
#: sandbox refuses them too, naming the module that has them.
ELSEWHERE: dict[tuple[str, str], str] = {
    **{("airflow.sdk", name): "airflow.sdk.exceptions" for name in _EXCEPTIONS},
    ("airflow.models", "XComArg"): "airflow.sdk",
    ("airflow.utils.helpers", "chain"): "airflow.sdk",
    ("airflow.utils.helpers", "cross_downstream"): "airflow.sdk",
}
_counter = itertools.count(1)


def _rewrite(tree: ast.Module, filename: str, notes: list[str]) -> ast.Module:
    from quizapp.sandbox.airflow2 import check_tree, deprecated_import

    check_tree(tree, filename)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            note = deprecated_import(node.module)
            if note:
                notes.append(f"{filename}:{node.lineno}: {note}")
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "airflow" or alias.name.startswith("airflow."):
                    raise UnsupportedImportError(
                        f"{filename}:{node.lineno}: 'import {alias.name}' is not supported by "
                        "the sandbox; import the names instead (from airflow.sdk import DAG, task)"
                    )
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            module = node.module
            if module != "airflow" and not module.startswith("airflow."):
                continue
            _check_names(module, node, filename)
            node.module = "quizapp.sandbox"
    return tree


def _check_names(module: str, node: ast.ImportFrom, filename: str) -> None:
    where = f"{filename}:{node.lineno}"
    for alias in node.names:
        if (module, alias.name) in ELSEWHERE:
            raise UnsupportedImportError(
                f"{where}: Airflow 3 has no '{alias.name}' in {module} (importing it fails "
                f"there too); import it from {ELSEWHERE[module, alias.name]}"
            )
    if module not in SUPPORTED:
        raise UnsupportedImportError(
            f"{where}: module {module!r} is not supported by the sandbox "
            f"(supported: {', '.join(sorted(SUPPORTED))})"
        )
    for alias in node.names:
        if alias.name == "*":
            raise UnsupportedImportError(f"{where}: 'from {module} import *' is not supported")
        if alias.name not in SUPPORTED[module]:
            raise UnsupportedImportError(
                f"{where}: '{alias.name}' (from {module}) is not supported by the sandbox "
                f"(supported from {module}: {', '.join(sorted(SUPPORTED[module]))})"
            )


def _error_line(exc: BaseException, filename: str) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    return f"{filename}:{frames[-1].lineno}" if frames else filename


def load_dag_source(source: str, filename: str = "<dag>") -> dict[str, DAG]:
    """Run DAG source text; return its DAGs by id. Errors are DagFileError with file:line."""
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as exc:
        raise DagFileError(f"{filename}:{exc.lineno}: syntax error: {exc.msg}") from None
    notes: list[str] = []
    code = compile(_rewrite(tree, filename, notes), filename, "exec")
    module = types.ModuleType(f"quizapp_dagfile_{next(_counter)}")
    module.__file__ = filename
    sys.modules[module.__name__] = module
    folder = str(Path(filename).resolve().parent) if Path(filename).is_file() else None
    if folder:
        sys.path.insert(0, folder)
    try:
        with dagcontext.collecting_dags() as found:
            exec(code, module.__dict__)
    except SandboxError as exc:
        raise DagFileError(f"{_error_line(exc, filename)}: {exc}") from None
    except SystemExit as exc:
        raise DagFileError(f"{filename}: the file called sys.exit({exc.code!r})") from None
    except Exception as exc:
        where = _error_line(exc, filename)
        raise DagFileError(f"{where}: {type(exc).__name__}: {exc}") from None
    finally:
        if folder and folder in sys.path:
            sys.path.remove(folder)
    pools = _declared_pools(module.__dict__.get("SANDBOX_POOLS"), filename)
    dags: dict[str, DAG] = {}
    for dag in found:
        if dag.dag_id in dags and dags[dag.dag_id] is not dag:
            raise DagFileError(f"{filename}: two DAGs have the dag_id {dag.dag_id!r}")
        dag.check_cycle()
        dag.sandbox_pools = dict(pools)
        dag.fileloc = filename
        dag.import_notes = list(notes)
        dags[dag.dag_id] = dag
    if not dags:
        raise DagFileError(f"{filename}: no DAG found (create one with DAG(...) or @dag)")
    return dags


def _declared_pools(value: Any, filename: str) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in value.items()
    ):
        raise DagFileError(f"{filename}: SANDBOX_POOLS must be a dict of pool name -> slots (> 0)")
    return value


def load_dag_file(path: str | Path) -> dict[str, DAG]:
    """Load a DAG file; return its DAGs by id (DagFileError when it cannot be used)."""
    file = Path(path)
    try:
        source = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DagFileError(f"{path}: cannot read the file: {exc}") from None
    return load_dag_source(source, str(file))


def pick_dag(dags: dict[str, DAG], dag_id: str | None, where: str) -> DAG:
    """The DAG named ``dag_id``, or the only one; SandboxError lists the choices."""
    if dag_id is not None:
        if dag_id not in dags:
            raise SandboxError(f"{where}: no DAG {dag_id!r} (found: {', '.join(dags)})")
        return dags[dag_id]
    if len(dags) > 1:
        raise SandboxError(f"{where} defines several DAGs ({', '.join(dags)}): pick one by dag_id")
    return next(iter(dags.values()))
