"""``TaskGroup``: a box of tasks; ``group >> task`` links each leaf, ``task >> group`` each root."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizapp.sandbox import dagcontext
from quizapp.sandbox.dependencies import DependencyMixin
from quizapp.sandbox.exceptions import DuplicateTaskIdFound, SandboxError

if TYPE_CHECKING:
    from quizapp.sandbox.dag import DAG


class TaskGroup(DependencyMixin):
    """Airflow's TaskGroup: ids inside get the prefix ``group_id.`` (``prefix_group_id=True``)."""

    def __init__(
        self,
        group_id: str,
        prefix_group_id: bool = True,
        parent_group: TaskGroup | None = None,
        dag: DAG | None = None,
        default_args: dict[str, Any] | None = None,
        tooltip: str = "",
        ui_color: str = "CornflowerBlue",
        ui_fgcolor: str = "#000",
        add_suffix_on_collision: bool = False,
        group_display_name: str = "",
    ) -> None:
        self.parent_group = parent_group or dagcontext.current_group()
        self.dag: DAG | None = dag or (self.parent_group.dag if self.parent_group else None)
        self.dag = self.dag or dagcontext.current_dag()
        if self.dag is None:
            raise SandboxError(f"TaskGroup {group_id!r} must be created inside a DAG")
        self.prefix_group_id = prefix_group_id
        self.default_args = dict(default_args or {})
        self.tooltip = tooltip
        base = self.parent_group.child_id(group_id) if self.parent_group else group_id
        if base in self.dag.task_group_dict:
            if not add_suffix_on_collision:
                raise DuplicateTaskIdFound(
                    f"TaskGroup id {base!r} has already been added to the DAG {self.dag.dag_id!r}"
                )
            n = 1
            while f"{base}__{n}" in self.dag.task_group_dict:
                n += 1
            base = f"{base}__{n}"
        self.group_id = base
        self.children: list[Any] = []
        #: A mapped group's ``expand()`` arguments (None: not mapped).
        self.expand_input: Any = None
        #: ``expand_kwargs()``: ``expand_input`` is a list of dicts (or a task's output).
        self.expand_kwargs_list = False
        self.dag.task_group_dict[self.group_id] = self
        if self.parent_group is not None:
            self.parent_group.add(self)

    def child_id(self, label: str) -> str:
        """The full id of a task or group labelled ``label`` inside this group."""
        if self.prefix_group_id:
            return f"{self.group_id}.{label}"
        if self.parent_group is not None:
            return self.parent_group.child_id(label)
        return label

    def all_default_args(self) -> dict[str, Any]:
        """default_args of the enclosing groups, innermost winning."""
        merged = self.parent_group.all_default_args() if self.parent_group else {}
        merged.update(self.default_args)
        return merged

    def add(self, node: Any) -> None:
        """Add a task or a nested group."""
        self.children.append(node)

    def iter_tasks(self) -> list[Any]:
        """Every task in the group, nested groups included."""
        tasks: list[Any] = []
        for child in self.children:
            tasks.extend(child.iter_tasks() if isinstance(child, TaskGroup) else [child])
        return tasks

    def roots(self) -> list[Any]:
        tasks = self.iter_tasks()
        ids = {t.task_id for t in tasks}
        return [t for t in tasks if not (t.upstream_task_ids & ids)]

    def leaves(self) -> list[Any]:
        """Tasks without downstreams in the group; a teardown leaf gives way to the work
        tasks before it (Airflow's ``get_leaves``), so ``group >> next`` waits for the
        work, not for the cleanup."""
        tasks = self.iter_tasks()
        ids = {t.task_id for t in tasks}
        leaves: list[Any] = []
        for task in tasks:
            if task.downstream_task_ids & ids:
                continue
            if task.is_teardown:
                leaves.extend(_work_before(task, ids))
            else:
                leaves.append(task)
        return leaves

    def get_roots(self) -> list[Any]:
        """Airflow's name for :meth:`roots`."""
        return self.roots()

    def get_leaves(self) -> list[Any]:
        """Airflow's name for :meth:`leaves`."""
        return self.leaves()

    def expand(self, **_: Any) -> Any:
        raise SandboxError("mapping over a TaskGroup (expand on a task group) is not supported")

    def __enter__(self) -> TaskGroup:
        dagcontext.push_group(self)
        return self

    def __exit__(self, *exc: object) -> None:
        dagcontext.pop_group()

    def __repr__(self) -> str:
        return f"<TaskGroup: {self.group_id}>"


def _has_work_downstream(task: Any, ids: set[str], exclude: str) -> bool:
    """Whether ``task`` has a downstream in the group, other than ``exclude``, that is
    not a teardown."""
    return any(
        down.task_id != exclude and down.task_id in ids and not down.is_teardown
        for down in task.downstream_list
    )


def _work_before(task: Any, ids: set[str]) -> list[Any]:
    """Airflow's ``recurse_for_first_non_teardown``: the work tasks a teardown leaf
    stands for (through chained teardowns, never from a teardown back to a setup)."""
    found: list[Any] = []
    for up in task.upstream_list:
        if up.task_id not in ids:
            continue
        if up.is_teardown:
            found.extend(_work_before(up, ids))
        elif task.is_teardown and up.is_setup:
            continue
        elif not _has_work_downstream(up, ids, exclude=task.task_id):
            found.append(up)
    return found
