"""What a task instance reads besides its direct upstreams' states: branch parents' XComs
and the setups whose scope holds it; and each task's role (setup, teardown, work)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from quizapp.sandbox.skipmixin import inherits_from_skipmixin

if TYPE_CHECKING:
    from quizapp.sandbox.dag import DAG


def task_role(task: Any) -> str:
    """``"setup"``, ``"teardown"`` or ``""`` (a work task)."""
    return "setup" if task.is_setup else "teardown" if task.is_teardown else ""


def skip_parents(dag: DAG) -> dict[str, list[str]]:
    """For each task with any, its direct upstreams that are branches or short-circuits."""
    skippers = {task.task_id for task in dag.tasks if inherits_from_skipmixin(task)}
    parents: dict[str, list[str]] = {}
    for task in dag.tasks if skippers else ():
        found = task.upstream_task_ids & skippers
        if found:
            parents[task.task_id] = sorted(found)
    return parents


def indirect_setups(dag: DAG) -> dict[str, list[str]]:
    """For each task with any, the setups whose scope holds it but are not its upstreams.

    Airflow's ``get_upstreams_only_setups``: a setup upstream of the task that has no
    teardown, or has a teardown downstream of the task. Teardowns have none.
    """
    found: defaultdict[str, list[str]] = defaultdict(list)
    for setup in dag.tasks:
        if not setup.is_setup:
            continue
        scope = setup.get_flat_relative_ids(upstream=False)
        teardowns = [t for t in setup.downstream_list if t.is_teardown]
        if teardowns:
            inside: set[str] = set()
            for teardown in teardowns:
                inside |= teardown.get_flat_relative_ids(upstream=True)
            scope &= inside
        for task_id in sorted(scope):
            task = dag.task_dict[task_id]
            if not task.is_teardown and setup.task_id not in task.upstream_task_ids:
                found[task_id].append(setup.task_id)
    return dict(found)
