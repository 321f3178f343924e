"""``DAG`` and ``@dag``: the graph, its schedule, and ``dag.test()``."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from quizapp.sandbox import dagcontext
from quizapp.sandbox.exceptions import DagCycleError, DuplicateTaskIdFound, SandboxError
from quizapp.sandbox.timetables import Timetable, timetable_for

if TYPE_CHECKING:
    from quizapp.sandbox.result import RunResult
    from quizapp.sandbox.task_group import TaskGroup

#: Airflow's ``[core] max_active_tasks_per_dag``.
DEFAULT_MAX_ACTIVE_TASKS = 16
_ACCEPTED_NOOP = (
    "description", "max_active_runs", "tags", "doc_md", "dagrun_timeout", "template_searchpath",
    "render_template_as_native_obj", "on_success_callback", "on_failure_callback",
    "is_paused_upon_creation", "owner_links", "access_control", "fail_fast", "dag_display_name",
    "jinja_environment_kwargs", "max_consecutive_failed_dag_runs", "auto_register",
    "sla_miss_callback", "deadline", "disable_bundle_versioning", "allowed_run_types",
    "rerun_with_latest_version",
)  # fmt: skip
"""Arguments Airflow 3.3's DAG takes that do not change a ``dag.test()`` run. Airflow 2's
``default_view``/``orientation`` are not among them: Airflow 3 refuses them (TypeError)."""


class DAG:
    """A DAG: tasks, their dependencies, a schedule and defaults for its tasks."""

    @property
    def owner(self) -> str:
        """Airflow's ``DAG.owner``: the owners of its tasks, joined with commas."""
        return ", ".join(sorted({task.owner for task in self.tasks}))

    def __init__(
        self,
        dag_id: str,
        *,
        schedule: Any = None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
        catchup: bool = False,
        default_args: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        max_active_tasks: int = DEFAULT_MAX_ACTIVE_TASKS,
        user_defined_macros: dict[str, Any] | None = None,
        user_defined_filters: dict[str, Callable[..., Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        unknown = sorted(k for k in kwargs if k not in _ACCEPTED_NOOP)
        if unknown:
            raise SandboxError(f"DAG {dag_id!r}: unknown or unsupported argument(s): {unknown}")
        if kwargs.get("fail_fast"):
            raise SandboxError(
                f"DAG {dag_id!r}: fail_fast=True is not supported by the sandbox (in Airflow, "
                "when a task fails the running tasks are failed and every other task not yet "
                "done is skipped, teardowns aside); remove it to run this DAG here"
            )
        if not isinstance(dag_id, str) or not dag_id:
            raise SandboxError(f"dag_id must be a non-empty string, got {dag_id!r}")
        self.max_active_runs = 16  # Airflow's [core] max_active_runs_per_dag
        for key, value in kwargs.items():
            setattr(self, key, value)
        self.dag_id = dag_id
        self.schedule = schedule
        try:
            self.timetable: Timetable = timetable_for(schedule)
        except ValueError as exc:
            raise SandboxError(f"DAG {dag_id!r}: {exc}") from None
        self.start_date = start_date
        self.end_date = end_date
        self.catchup = catchup
        self.default_args = dict(default_args or {})
        self.params = dict(params or {})
        self.max_active_tasks = max_active_tasks
        self.user_defined_macros = dict(user_defined_macros or {})
        self.user_defined_filters = dict(user_defined_filters or {})
        self.task_dict: dict[str, Any] = {}
        self.task_group_dict: dict[str, TaskGroup] = {}
        #: Pools a sandbox file declares (``SANDBOX_POOLS``); runs may add more.
        self.sandbox_pools: dict[str, int] = {}
        #: Warnings Airflow gives for the DAG file (deprecated Airflow 2 import paths).
        self.import_notes: list[str] = []
        #: The file that defined the DAG (the loader sets it); template files are found there.
        self.fileloc: str | None = None
        dagcontext.register_dag(self)

    # building ------------------------------------------------------------
    def __enter__(self) -> DAG:
        dagcontext.push_dag(self)
        return self

    def __exit__(self, *exc: object) -> None:
        dagcontext.pop_dag()

    def add_task(self, task: Any) -> None:
        """Add a task; a second task with the same id is an error, as in Airflow."""
        existing = self.task_dict.get(task.task_id)
        if existing is task:
            return
        if existing is not None:
            raise DuplicateTaskIdFound(
                f"Task id {task.task_id!r} has already been added to the DAG {self.dag_id!r}"
            )
        self.task_dict[task.task_id] = task
        task.dag = self

    def unique_task_id(self, task_id: str) -> str:
        """``task_id`` or, when taken, ``task_id__1``, ``task_id__2``... (TaskFlow's rule)."""
        if task_id not in self.task_dict:
            return task_id
        core = task_id.rsplit("__", 1)[0] if task_id.rsplit("__", 1)[-1].isdigit() else task_id
        n = 1
        while f"{core}__{n}" in self.task_dict:
            n += 1
        return f"{core}__{n}"

    # reading -------------------------------------------------------------
    @property
    def tasks(self) -> list[Any]:
        """Every task, in the order they were defined."""
        return list(self.task_dict.values())

    @property
    def task_ids(self) -> list[str]:
        """Every task id, in definition order."""
        return list(self.task_dict)

    def get_task(self, task_id: str) -> Any:
        """The task with this id; KeyError names the DAG when it does not exist."""
        try:
            return self.task_dict[task_id]
        except KeyError:
            raise KeyError(f"Task {task_id!r} not found in DAG {self.dag_id!r}") from None

    def has_task(self, task_id: str) -> bool:
        """Whether the DAG has a task with this id."""
        return task_id in self.task_dict

    @property
    def roots(self) -> list[Any]:
        """Tasks without upstreams."""
        return [t for t in self.tasks if not t.upstream_task_ids]

    @property
    def leaves(self) -> list[Any]:
        """Tasks without downstreams."""
        return [t for t in self.tasks if not t.downstream_task_ids]

    def effective_leaves(self) -> list[Any]:
        """The tasks whose states decide the run's (Airflow's ``_tis_for_dagrun_state``).

        A teardown is ignored (unless ``on_failure_fail_dagrun``), and so the tasks whose
        only downstreams are ignored teardowns are leaves; a DAG of teardowns only falls
        back to its plain leaves.
        """

        def ignorable(task: Any) -> bool:
            return bool(task.is_teardown and not task.on_failure_fail_dagrun)

        if not any(task.is_teardown for task in self.tasks):
            return self.leaves
        leaves = [
            task
            for task in self.tasks
            if not ignorable(task)
            and all(ignorable(self.task_dict[d]) for d in task.downstream_task_ids)
        ]
        return leaves or self.leaves

    def validate_setup_teardown(self) -> None:
        """Airflow's check: a setup's direct downstream tasks, teardowns aside, keep the
        trigger rule ``all_success``."""
        for task in self.tasks:
            if not task.is_setup:
                continue
            for down in task.downstream_list:
                if not down.is_teardown and down.trigger_rule != "all_success":
                    raise SandboxError(
                        f"DAG {self.dag_id!r}: Setup tasks must be followed with trigger rule "
                        f"ALL_SUCCESS ({task.task_id!r} >> {down.task_id!r}, which has "
                        f"trigger rule {down.trigger_rule.value})."
                    )

    def topological_order(self) -> list[str]:
        """Task ids, upstreams first; DagCycleError names a cycle when there is one."""
        order: list[str] = []
        mark: dict[str, int] = {}
        for start in self.task_dict:
            if start in mark:
                continue
            stack: list[tuple[str, list[str]]] = [
                (start, sorted(self.task_dict[start].downstream_task_ids))
            ]
            path = [start]
            mark[start] = 1
            while stack:
                node, todo = stack[-1]
                if todo:
                    nxt = todo.pop(0)
                    if mark.get(nxt) == 1:
                        cycle = [*path[path.index(nxt) :], nxt]
                        raise DagCycleError(
                            f"DAG {self.dag_id!r} has a cycle: {' -> '.join(cycle)}"
                        )
                    if nxt not in mark:
                        mark[nxt] = 1
                        path.append(nxt)
                        stack.append((nxt, sorted(self.task_dict[nxt].downstream_task_ids)))
                else:
                    stack.pop()
                    path.pop()
                    mark[node] = 2
                    order.append(node)
        order.reverse()
        return order

    def check_cycle(self) -> None:
        """Raise DagCycleError naming the cycle, if the dependencies have one."""
        self.topological_order()

    # running -------------------------------------------------------------
    def test(
        self,
        logical_date: datetime | str | None = None,
        *,
        run_conf: dict[str, Any] | None = None,
        variable_file_path: str | None = None,
        conn_file_path: str | None = None,
        **options: Any,
    ) -> RunResult:
        """Run the DAG once, as Airflow 3's ``dag.test()``; returns the run's result.

        ``logical_date`` defaults to now. ``variable_file_path`` / ``conn_file_path``:
        JSON or YAML files of variables and connections for this run, as in Airflow.
        ``options`` go to :func:`quizapp.sandbox.runner.run_dag` (``executor``, ``sink``,
        ``pools``).
        """
        from quizapp.sandbox import secrets
        from quizapp.sandbox.runner import run_dag

        if variable_file_path is None and conn_file_path is None:
            return run_dag(self, logical_date=logical_date, run_conf=run_conf, **options)
        before = secrets.current()
        store = secrets.SecretsStore(stored=before.stored)
        if variable_file_path is not None:
            store.file_variables = secrets.load_variables(variable_file_path)
        if conn_file_path is not None:
            store.file_connections = secrets.load_connections(conn_file_path)
        secrets.use(store)
        try:
            return run_dag(self, logical_date=logical_date, run_conf=run_conf, **options)
        finally:
            secrets.use(before)

    def __repr__(self) -> str:
        return f"<DAG: {self.dag_id}>"


def dag(dag_id: str | Callable[..., Any] | None = None, **dag_kwargs: Any) -> Callable[..., Any]:
    """``@dag(...)``: calling the function builds the DAG (its id is the function name)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., DAG]:
        @functools.wraps(func)
        def factory(*args: Any, **kwargs: Any) -> DAG:
            params = dict(dag_kwargs.get("params") or {})
            bound = inspect.signature(func).bind_partial(*args, **kwargs)
            bound.apply_defaults()
            for name, value in bound.arguments.items():
                params.setdefault(name, value)
            options = {**dag_kwargs, "params": params}
            the_id = dag_id if isinstance(dag_id, str) else func.__name__
            with DAG(the_id, **options) as new_dag:
                func(*args, **kwargs)
            new_dag.doc_md = getattr(new_dag, "doc_md", None) or func.__doc__  # type: ignore[attr-defined]
            return new_dag

        return factory

    if callable(dag_id):
        func, dag_id = dag_id, None
        return decorate(func)
    return decorate
