"""``SkipMixin`` and ``BranchMixIn``: how branches and short-circuits skip downstream tasks.

Mirrors Airflow 3's Task SDK (``airflow/sdk/bases/skipmixin.py``): the operator pushes
the ``skipmixin_key`` XCom (``{"followed": [...]}`` or ``{"skipped": [...]}``) and raises
``DownstreamTasksSkipped``; the runner marks those tasks ``skipped`` and the operator
``success``. Because execute() ends with that exception, a branch that skips
something pushes no ``return_value``.

A *mapped* branch or short-circuit instance (``map_index`` >= 0) raises nothing: it only
pushes the XCom, and the scheduler's ``NotPreviouslySkippedDep`` reads it when it
evaluates a direct downstream task instance (:func:`skip_decided_by`).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import GeneratorType
from typing import Any

from quizapp.sandbox.exceptions import AirflowException, DownstreamTasksSkipped
from quizapp.sandbox.xcom import XCOM_SKIPMIXIN_KEY

XCOM_SKIPMIXIN_SKIPPED = "skipped"
XCOM_SKIPMIXIN_FOLLOWED = "followed"


def inherits_from_skipmixin(task: Any) -> bool:
    """Whether a task (or a mapped task's operator class) is a SkipMixin (branch, short-circuit)."""
    return issubclass(task.operator_class if task._is_mapped else type(task), SkipMixin)


def skip_decided_by(result: Any, task_id: str) -> bool:
    """Whether a SkipMixin parent's ``skipmixin_key`` XCom says to skip ``task_id``.

    Airflow's ``NotPreviouslySkippedDep``: skip a task missing from ``followed``, or
    named in ``skipped``; no XCom (the parent skipped nothing, failed, or its map index
    does not exist) decides nothing.
    """
    if not isinstance(result, dict):
        return False
    if XCOM_SKIPMIXIN_FOLLOWED in result and task_id not in result[XCOM_SKIPMIXIN_FOLLOWED]:
        return True
    return XCOM_SKIPMIXIN_SKIPPED in result and task_id in result[XCOM_SKIPMIXIN_SKIPPED]


class SkipMixin:
    """Skip task instances of the same run."""

    def skip(self, ti: Any, tasks: Iterable[Any]) -> None:
        """Skip ``tasks`` (operators), recording them in the ``skipmixin_key`` XCom."""
        task_ids = [t.task_id for t in tasks if not getattr(t, "is_teardown", False)]
        if not task_ids:
            return
        ti.xcom_push(key=XCOM_SKIPMIXIN_KEY, value={XCOM_SKIPMIXIN_SKIPPED: task_ids})
        if ti.map_index == -1:
            raise DownstreamTasksSkipped(tasks=task_ids)

    def skip_all_except(self, ti: Any, branch_task_ids: str | Iterable[str] | None) -> None:
        """Follow ``branch_task_ids``; skip every other direct downstream task."""
        if isinstance(branch_task_ids, GeneratorType):
            branch_task_ids = list(branch_task_ids)
        if isinstance(branch_task_ids, str):
            chosen = {branch_task_ids}
        elif branch_task_ids is None:
            chosen = set()
        elif isinstance(branch_task_ids, Iterable):
            chosen = set(branch_task_ids)
            bad = sorted(repr(b) for b in chosen if not isinstance(b, str))
            if bad:
                raise AirflowException(
                    f"Branch task {ti.task_id!r} returned invalid 'branch_task_ids': {bad}; "
                    "return a task id, a list of task ids, or None"
                )
        else:
            raise AirflowException(
                f"Branch task {ti.task_id!r}: 'branch_task_ids' must be either None, a task ID, "
                f"or an Iterable of IDs, but got {type(branch_task_ids).__name__!r}."
            )
        dag = ti.task.dag
        invalid = sorted(chosen - set(dag.task_ids))
        if invalid:
            raise AirflowException(
                f"Branch task {ti.task_id!r} returned task ids that are not in DAG "
                f"{dag.dag_id!r}: {invalid}. Valid downstream tasks: "
                f"{sorted(ti.task.downstream_task_ids)}"
            )
        downstream = ti.task.downstream_list
        if not downstream:
            return
        for task_id in list(chosen):
            chosen.update(dag.get_task(task_id).get_flat_relative_ids(upstream=False))
        skip = [t.task_id for t in downstream if t.task_id not in chosen]
        followed = [t.task_id for t in downstream if t.task_id in chosen]
        ti.xcom_push(key=XCOM_SKIPMIXIN_KEY, value={XCOM_SKIPMIXIN_FOLLOWED: followed})
        if skip and ti.map_index == -1:
            raise DownstreamTasksSkipped(tasks=skip)


class BranchMixIn(SkipMixin):
    """Turn what a branch callable returned into followed and skipped tasks."""

    def do_branch(self, context: dict[str, Any], branches: Any) -> Any:
        """Follow ``branches`` (task ids or TaskGroup ids); skip the other downstream tasks."""
        ti = context["ti"]
        self.skip_all_except(ti, self._expand_task_group_roots(ti, branches))
        return branches

    @staticmethod
    def _expand_task_group_roots(ti: Any, branches: Any) -> Any:
        if branches is None:
            return None
        if isinstance(branches, str) or not isinstance(branches, Iterable):
            branches = [branches]
        groups = ti.task.dag.task_group_dict
        expanded: list[Any] = []
        for branch in branches:
            if isinstance(branch, str) and branch in groups:
                expanded.extend(t.task_id for t in groups[branch].roots())
            else:
                expanded.append(branch)
        return expanded
