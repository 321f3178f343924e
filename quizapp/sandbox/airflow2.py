"""Airflow 2 code that Airflow 3 no longer runs: each refusal names its Airflow 3 form.

Airflow 3.3 fails such a DAG file at import (an unknown argument is a TypeError, a
removed module an ImportError) or the task at run time (a removed template variable
is undefined). The sandbox fails in the same place and says what the Airflow 3 code
is, so the refusal teaches the migration:

- :func:`check_tree` reads a DAG file's syntax tree before it runs: removed modules
  (``airflow.operators.subdag``, ``airflow.operators.dummy``...) and removed arguments
  (``schedule_interval=``, ``provide_context=``, ``concurrency=``...), with file:line;
- :func:`template_hint` explains a template variable Airflow 3 removed
  (``{{ execution_date }}``, ``{{ next_ds }}``...) when rendering finds it undefined.

Paths Airflow 3.3 still imports with a ``DeprecatedImportWarning``
(``airflow.operators.python``, ``airflow.operators.bash``...) run as they do there;
:func:`deprecated_import` gives the warning text.
"""

from __future__ import annotations

import ast

from quizapp.sandbox.exceptions import UnsupportedImportError

#: Modules Airflow 3 removed -> what to write instead.
REMOVED_MODULES: dict[str, str] = {
    "airflow.operators.subdag": (
        "SubDagOperator was removed in Airflow 3: group the tasks with a TaskGroup "
        "(from airflow.sdk import TaskGroup; with TaskGroup('section'): ...)"
    ),
    "airflow.operators.subdag_operator": (
        "SubDagOperator was removed in Airflow 3: use a TaskGroup (from airflow.sdk import "
        "TaskGroup)"
    ),
    "airflow.operators.dummy": (
        "DummyOperator was removed in Airflow 3: use EmptyOperator "
        "(from airflow.providers.standard.operators.empty import EmptyOperator)"
    ),
    "airflow.operators.dummy_operator": (
        "DummyOperator was removed in Airflow 3: use EmptyOperator "
        "(from airflow.providers.standard.operators.empty import EmptyOperator)"
    ),
    "airflow.operators.python_operator": (
        "airflow.operators.python_operator is gone in Airflow 3: use "
        "from airflow.providers.standard.operators.python import PythonOperator"
    ),
    "airflow.operators.bash_operator": (
        "airflow.operators.bash_operator is gone in Airflow 3: use "
        "from airflow.providers.standard.operators.bash import BashOperator"
    ),
    "airflow.contrib": (
        "airflow.contrib was removed (in Airflow 2 already): operators live in provider "
        "packages (airflow.providers...)"
    ),
}

#: Call arguments Airflow 3 refuses -> what to write instead.
REMOVED_ARGUMENTS: dict[str, str] = {
    "schedule_interval": (
        "Airflow 3 removed DAG(schedule_interval=...): write schedule=... "
        "(schedule='@daily', schedule=timedelta(hours=1), schedule=None)"
    ),
    "timetable": "Airflow 3 removed DAG(timetable=...): pass the timetable as schedule=...",
    "concurrency": "Airflow 3 removed DAG(concurrency=...): write max_active_tasks=...",
    "task_concurrency": (
        "Airflow 3 removed task_concurrency=...: write max_active_tis_per_dag=..."
    ),
    "provide_context": (
        "Airflow 3 removed provide_context=True: the context is always passed; declare "
        "the names you need (def f(ds, ti): ...) or **context in the callable"
    ),
    "full_filepath": "Airflow 3 removed DAG(full_filepath=...): drop it",
}

#: Template (and context) variables Airflow 3 removed -> their Airflow 3 form.
REMOVED_TEMPLATE_VARIABLES: dict[str, str] = {
    "execution_date": "{{ logical_date }} (or {{ data_interval_start }})",
    "next_execution_date": "{{ data_interval_end }}",
    "prev_execution_date": "{{ prev_data_interval_start_success }}",
    "next_ds": "{{ data_interval_end | ds }}",
    "next_ds_nodash": "{{ data_interval_end | ds_nodash }}",
    "prev_ds": "{{ prev_data_interval_start_success | ds }}",
    "prev_ds_nodash": "{{ prev_data_interval_start_success | ds_nodash }}",
    "tomorrow_ds": "{{ macros.ds_add(ds, 1) }}",
    "tomorrow_ds_nodash": "{{ macros.ds_add(ds, 1) | replace('-', '') }}",
    "yesterday_ds": "{{ macros.ds_add(ds, -1) }}",
    "yesterday_ds_nodash": "{{ macros.ds_add(ds, -1) | replace('-', '') }}",
    "prev_execution_date_success": "{{ prev_data_interval_start_success }}",
}

#: Airflow 2 paths Airflow 3.3 still imports (with a DeprecatedImportWarning) -> Airflow 3.
DEPRECATED_MODULES: dict[str, str] = {
    "airflow.operators.python": "airflow.providers.standard.operators.python",
    "airflow.operators.bash": "airflow.providers.standard.operators.bash",
    "airflow.operators.empty": "airflow.providers.standard.operators.empty",
    "airflow.sensors.python": "airflow.providers.standard.sensors.python",
    "airflow.decorators": "airflow.sdk",
    "airflow.models.dag": "airflow.sdk",
    "airflow.models.baseoperator": "airflow.sdk",
    "airflow.utils.task_group": "airflow.sdk",
    "airflow.utils.edgemodifier": "airflow.sdk",
    "airflow.sensors.base": "airflow.sdk",
}


def _removed_module(module: str) -> str | None:
    for name, hint in REMOVED_MODULES.items():
        if module == name or module.startswith(name + "."):
            return hint
    return None


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _refuses_arguments(name: str) -> bool:
    """Calls whose removed arguments Airflow 3 refuses: DAGs, operators, sensors, @task."""
    return name in {"DAG", "dag", "task", "partial"} or name.endswith(("Operator", "Sensor"))


def check_tree(tree: ast.Module, filename: str) -> None:
    """Refuse Airflow 2 code in a DAG file with ``file:line`` and the Airflow 3 form."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            hint = _removed_module(node.module)
            if hint:
                raise UnsupportedImportError(f"{filename}:{node.lineno}: {hint}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                hint = _removed_module(alias.name)
                if hint:
                    raise UnsupportedImportError(f"{filename}:{node.lineno}: {hint}")
        elif isinstance(node, ast.Call) and _refuses_arguments(_callee(node)):
            for keyword in node.keywords:
                if keyword.arg in REMOVED_ARGUMENTS:
                    raise UnsupportedImportError(
                        f"{filename}:{node.lineno}: {REMOVED_ARGUMENTS[keyword.arg]}"
                    )


def template_hint(name: str) -> str:
    """What to write instead of a template variable Airflow 3 removed ('' if not one)."""
    replacement = REMOVED_TEMPLATE_VARIABLES.get(name)
    if replacement is None:
        return ""
    return f"Airflow 3 removed {{{{ {name} }}}} from the context: use {replacement}"


def deprecated_import(module: str) -> str:
    """Airflow 3.3's warning for an Airflow 2 path it still imports ('' if none)."""
    new = DEPRECATED_MODULES.get(module)
    if new is None:
        return ""
    return f"{module} is deprecated in Airflow 3 (it still imports): use {new}"
