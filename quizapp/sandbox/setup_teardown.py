"""``with teardown_task:`` / ``with setup_task:``: wrap the work created inside a block.

Airflow's ``SetupTeardownContext`` (Task SDK ``definitions/_internal/setup_teardown.py``),
one block at a time: on leaving a teardown's block, the work tasks created in it
without a downstream become its upstreams and those without an upstream follow the
setups found upstream of the teardown; a setup's block is the mirror image.
``scope.add_task(task)`` adds a task created before the block.
"""

from __future__ import annotations

from typing import Any

from quizapp.sandbox import dagcontext
from quizapp.sandbox.exceptions import SandboxError


class SetupTeardownScope:
    """The work tasks of one ``with setup_or_teardown:`` block (``as scope`` gives it)."""

    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.tasks: list[Any] = []
        #: Computed on entering, as Airflow does: the other end of the pair.
        self.partners = _nearest(operator, upstream=not operator.is_setup)

    def add_task(self, task: Any) -> None:
        """Put a task (or a TaskFlow call's output) in the block."""
        task = getattr(task, "operator", task)
        if task not in self.tasks:
            self.tasks.append(task)


def enter(operator: Any) -> SetupTeardownScope:
    """Start a block for a setup or teardown task."""
    if not (operator.is_setup or operator.is_teardown):
        raise SandboxError("Only setup/teardown tasks can be used as context managers.")
    if dagcontext.current_scope() is not None:
        raise SandboxError(
            "nested setup/teardown blocks (a with block inside another) are not supported "
            "by the sandbox: link the inner pair with >> instead"
        )
    scope = SetupTeardownScope(operator)
    dagcontext.push_scope(scope)
    return scope


def leave() -> None:
    """End the innermost block: link its work between the setups and teardowns."""
    scope = dagcontext.pop_scope()
    work = [t for t in scope.tasks if not t.is_setup and not t.is_teardown]
    if not work:
        return
    roots = [t for t in work if not t.upstream_task_ids] or [work[0]]
    leaves = [t for t in work if not t.downstream_task_ids] or [work[-1]]
    if scope.operator.is_setup:
        setups, teardowns = [scope.operator], scope.partners
    else:
        setups, teardowns = scope.partners, [scope.operator]
    for teardown in teardowns:
        for leaf in leaves:
            leaf >> teardown
    for setup in setups:
        for root in roots:
            setup >> root


def register(task: Any) -> None:
    """Record a task created inside a block (called as each task is added to its DAG)."""
    scope = dagcontext.current_scope()
    if scope is not None:
        scope.add_task(task)


def _nearest(operator: Any, *, upstream: bool) -> list[Any]:
    """The teardowns (``upstream=False``) or setups nearest to ``operator`` in its graph.

    Airflow's ``_get_setups`` / ``_get_teardowns``: start from its direct upstreams
    (downstreams), then widen one step at a time through every neighbour.
    """
    wanted = "is_setup" if upstream else "is_teardown"
    level = operator.upstream_list if upstream else operator.downstream_list
    seen = {operator.task_id}
    while level:
        found = [t for t in level if getattr(t, wanted)]
        if found:
            return found
        seen.update(t.task_id for t in level)
        level = [
            n
            for t in level
            for n in [*t.downstream_list, *t.upstream_list]
            if n.task_id not in seen
        ]
    return []
