"""``BaseOperator``: task arguments with Airflow's names, defaults and ``default_args``."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar, cast

from quizapp.sandbox import dagcontext, setup_teardown
from quizapp.sandbox.dependencies import DependencyMixin
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.trigger_rules import TriggerRule

if TYPE_CHECKING:
    from quizapp.sandbox.dag import DAG
    from quizapp.sandbox.mapped import OperatorPartial
    from quizapp.sandbox.task_group import TaskGroup
    from quizapp.sandbox.xcom import XComArg

DEFAULT_POOL = "default_pool"
#: Airflow's ``[operators] default_owner``.
DEFAULT_OWNER = "airflow"
#: Airflow's ``[core] default_task_retry_delay`` (300 s).
DEFAULT_RETRY_DELAY = timedelta(seconds=300)
#: Other arguments Airflow accepts, kept as attributes (only max_active_tis_* change a run).
_ACCEPTED_NOOP = (
    "owner", "email", "email_on_failure", "email_on_retry", "depends_on_past",
    "wait_for_downstream", "ignore_first_depends_on_past", "wait_for_past_depends_before_skipping",
    "queue", "priority_weight", "weight_rule", "max_active_tis_per_dag",
    "max_active_tis_per_dagrun", "executor_config", "executor", "doc", "doc_md", "doc_rst",
    "doc_json", "doc_yaml", "task_display_name", "resources", "run_as_user", "inlets",
    "outlets", "start_date", "end_date", "sla", "map_index_template",
)  # fmt: skip


#: What Airflow 3.3's BaseOperator has for some of those when they are not given.
_NOOP_DEFAULTS: dict[str, Any] = {
    "queue": "default", "priority_weight": 1, "depends_on_past": False,
    "wait_for_downstream": False,
}  # fmt: skip


def _collect_init_params(cls: type) -> frozenset[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for name, param in inspect.signature(inspect.unwrap(init)).parameters.items():
            if param.kind not in (param.VAR_KEYWORD, param.VAR_POSITIONAL) and name != "self":
                names.add(name)
    return frozenset(names)


# Cached per class; typed by hand because the cache wrapper types its argument as Hashable.
_init_params: Callable[[type], frozenset[str]] = functools.cache(_collect_init_params)


def _apply_defaults(init: Callable[..., None]) -> Callable[..., None]:
    """Wrap an operator ``__init__`` as Airflow's metaclass does: keywords only, default_args."""

    @functools.wraps(init)
    def wrapper(self: BaseOperator, *args: Any, **kwargs: Any) -> None:
        if self.__dict__.get("_in_init"):
            init(self, *args, **kwargs)
            return
        if args:
            raise SandboxError(
                f"{type(self).__name__} takes keyword arguments only (task_id=..., ...), "
                f"got {len(args)} positional"
            )
        self.__dict__["_in_init"] = True
        try:
            merge_default_args(type(self), kwargs)
            init(self, **kwargs)
        finally:
            del self.__dict__["_in_init"]
        self._finish_init()

    return wrapper


def merged_default_args(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The DAG's, the TaskGroup's and the task's own ``default_args`` (``kwargs``'s), merged."""
    dag = kwargs.get("dag") or dagcontext.current_dag()
    group = kwargs.get("task_group") or dagcontext.current_group()
    defaults: dict[str, Any] = {}
    if dag is not None:
        defaults.update(dag.default_args)
    if group is not None:
        defaults.update(group.all_default_args())
    defaults.update(kwargs.get("default_args") or {})
    return defaults


def merge_default_args(cls: type, kwargs: dict[str, Any]) -> None:
    """Fill ``kwargs`` from the DAG's, the TaskGroup's and the task's own ``default_args``."""
    defaults = merged_default_args(kwargs)
    kwargs.pop("default_args", None)
    params = _init_params(cls) | set(_ACCEPTED_NOOP)
    for key, value in defaults.items():
        if key in params and key not in kwargs:
            kwargs[key] = value


class TaskNode(DependencyMixin):
    """Graph behaviour shared by operators and mapped operators."""

    task_id: str
    dag: DAG | None
    upstream_task_ids: set[str]
    downstream_task_ids: set[str]
    trigger_rule: TriggerRule
    #: A setup task (``@setup``, ``.as_setup()``): creates what the work between it and
    #: its teardown needs.
    is_setup: bool = False
    #: A teardown task (``@teardown``, ``.as_teardown()``): trigger rule
    #: ``all_done_setup_success``, and ignored for the run's state unless
    #: ``on_failure_fail_dagrun``.
    is_teardown: bool = False
    _on_failure_fail_dagrun: bool = False

    @property
    def on_failure_fail_dagrun(self) -> bool:
        """Whether this teardown's failure fails the DAG run (it counts as a leaf)."""
        return self._on_failure_fail_dagrun

    @on_failure_fail_dagrun.setter
    def on_failure_fail_dagrun(self, value: bool) -> None:
        if value is True and self.is_teardown is not True:
            raise SandboxError(
                f"Cannot set task on_failure_fail_dagrun for '{self.task_id}' because it is "
                "not a teardown task."
            )
        self._on_failure_fail_dagrun = value

    def as_setup(self) -> TaskNode:
        """Mark this task a setup task (Airflow's ``as_setup``); returns the task."""
        self.is_setup = True
        return self

    def as_teardown(
        self,
        *,
        setups: Any = None,
        on_failure_fail_dagrun: bool | None = None,
    ) -> TaskNode:
        """Mark this task a teardown of ``setups`` (each made a setup and linked ``>> self``).

        As Airflow's ``as_teardown``: the trigger rule becomes ``all_done_setup_success``.
        """
        self.is_teardown = True
        self.trigger_rule = TriggerRule.ALL_DONE_SETUP_SUCCESS
        if on_failure_fail_dagrun is not None:
            self.on_failure_fail_dagrun = on_failure_fail_dagrun
        if setups is not None:
            for setup in [setups] if isinstance(setups, DependencyMixin) else setups:
                cast(Any, setup).as_setup()
                setup >> self
        return self

    def __enter__(self) -> setup_teardown.SetupTeardownScope:
        """``with teardown_task:`` (or a setup): the work created inside goes in between."""
        return setup_teardown.enter(self)

    def __exit__(self, *exc: object) -> None:
        setup_teardown.leave()

    def roots(self) -> list[Any]:
        return [self]

    def leaves(self) -> list[Any]:
        return [self]

    def add_edge_to(self, other: Any) -> None:
        """Record ``self >> other`` (both tasks), joining them to one DAG."""
        if self.dag is None and other.dag is not None:
            other.dag.add_task(self)
        elif other.dag is None and self.dag is not None:
            self.dag.add_task(other)
        elif self.dag is not other.dag:
            raise SandboxError(
                f"tasks {self.task_id!r} and {other.task_id!r} belong to different DAGs"
            )
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)

    @property
    def upstream_list(self) -> list[Any]:
        """The direct upstream tasks."""
        return [self.dag.get_task(t) for t in sorted(self.upstream_task_ids)] if self.dag else []

    @property
    def downstream_list(self) -> list[Any]:
        """The direct downstream tasks."""
        return [self.dag.get_task(t) for t in sorted(self.downstream_task_ids)] if self.dag else []

    def get_direct_relatives(self, upstream: bool = False) -> list[Any]:
        """Direct upstream or downstream tasks."""
        return self.upstream_list if upstream else self.downstream_list

    def get_flat_relative_ids(self, upstream: bool = False) -> set[str]:
        """Every task upstream (or downstream) of this one, transitively."""
        if self.dag is None:
            return set()
        found: set[str] = set()
        todo = list(self.upstream_task_ids if upstream else self.downstream_task_ids)
        while todo:
            task_id = todo.pop()
            if task_id not in found:
                found.add(task_id)
                task = self.dag.get_task(task_id)
                todo.extend(task.upstream_task_ids if upstream else task.downstream_task_ids)
        return found

    def get_flat_relatives(self, upstream: bool = False) -> list[Any]:
        """Every task upstream (or downstream) of this one, transitively."""
        ids = self.get_flat_relative_ids(upstream)
        return [self.dag.get_task(t) for t in sorted(ids)] if self.dag else []

    @property
    def output(self) -> XComArg:
        """This task's return value, as an XComArg to pass to other tasks."""
        from quizapp.sandbox.xcom import XComArg

        return XComArg(self)


class BaseOperator(TaskNode):
    """Base of every task. ``execute(context)`` does the work; its return value is an XCom."""

    template_fields: ClassVar[Sequence[str]] = ()
    template_ext: ClassVar[Sequence[str]] = ()
    ui_color: ClassVar[str] = "#fff"
    _is_sensor: ClassVar[bool] = False
    _is_mapped: ClassVar[bool] = False
    #: TaskFlow tasks get ``__1``, ``__2``... when their id is taken; classic ones are errors.
    _auto_suffix_ids: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _apply_defaults(cls.__dict__["__init__"])  # type: ignore[method-assign]

    def __init__(
        self,
        *,
        task_id: str,
        retries: int | None = 0,
        retry_delay: timedelta | float = DEFAULT_RETRY_DELAY,
        retry_exponential_backoff: float | bool = 0,
        max_retry_delay: timedelta | float | None = None,
        execution_timeout: timedelta | None = None,
        trigger_rule: str = TriggerRule.ALL_SUCCESS,
        pool: str | None = None,
        pool_slots: int = 1,
        params: dict[str, Any] | None = None,
        do_xcom_push: bool = True,
        multiple_outputs: bool = False,
        dag: DAG | None = None,
        task_group: TaskGroup | None = None,
        on_execute_callback: Callable[..., Any] | None = None,
        on_failure_callback: Callable[..., Any] | None = None,
        on_success_callback: Callable[..., Any] | None = None,
        on_retry_callback: Callable[..., Any] | None = None,
        on_skipped_callback: Callable[..., Any] | None = None,
        **kwargs: Any,
    ) -> None:
        unknown = {k: v for k, v in kwargs.items() if k not in _ACCEPTED_NOOP}
        if unknown:
            raise SandboxError(
                f"Invalid arguments were passed to {type(self).__name__} (task_id: {task_id}). "
                f"Invalid arguments were: {unknown}"
            )
        self.owner = DEFAULT_OWNER
        for key, value in _NOOP_DEFAULTS.items():
            setattr(self, key, value)
        for key, value in kwargs.items():
            setattr(self, key, value)
        if not isinstance(task_id, str) or not task_id:
            raise SandboxError(f"task_id must be a non-empty string, got {task_id!r}")
        if not TriggerRule.is_valid(str(getattr(trigger_rule, "value", trigger_rule))):
            raise SandboxError(
                f"task {task_id!r}: unknown trigger_rule {trigger_rule!r} "
                f"(known: {', '.join(r.value for r in TriggerRule)})"
            )
        self._pending_dag = dag
        self._set_ids(task_id, task_group)
        self.retries = int(retries or 0)
        self.retry_delay = _as_delta(retry_delay)
        backoff = retry_exponential_backoff
        self.retry_exponential_backoff = 2.0 if backoff is True else float(backoff or 0)
        self.max_retry_delay = None if max_retry_delay is None else _as_delta(max_retry_delay)
        self.execution_timeout = execution_timeout
        self.trigger_rule = TriggerRule(str(getattr(trigger_rule, "value", trigger_rule)))
        self.pool = pool or DEFAULT_POOL
        self.pool_slots = int(pool_slots)
        if self.pool_slots < 1:
            raise SandboxError(f"task {task_id!r}: pool_slots must be at least 1")
        self.params = dict(params or {})
        self.do_xcom_push = do_xcom_push
        self.multiple_outputs = multiple_outputs
        self.on_execute_callback = on_execute_callback
        self.on_failure_callback = on_failure_callback
        self.on_success_callback = on_success_callback
        self.on_retry_callback = on_retry_callback
        self.on_skipped_callback = on_skipped_callback
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        self.dag: DAG | None = None

    @property
    def label(self) -> str:
        """The task id without its group prefix (read-only, as in Airflow 3: setting
        ``self.label`` in an operator fails the DAG file's import)."""
        group = getattr(self, "task_group", None)
        prefix = getattr(group, "group_id", None)
        if group is not None and prefix and getattr(group, "prefix_group_id", True):
            return self.task_id[len(prefix) + 1 :]
        return self.task_id

    def _set_ids(self, task_id: str, task_group: TaskGroup | None) -> None:
        if dagcontext.building_unmapped():
            self.task_id = task_id
            self.task_group = None
            return
        group = task_group or dagcontext.current_group()
        self.task_group = group
        self.task_id = group.child_id(task_id) if group is not None else task_id
        dag = self._pending_dag or dagcontext.current_dag()
        if self._auto_suffix_ids and dag is not None:
            self.task_id = dag.unique_task_id(self.task_id)

    def _finish_init(self) -> None:
        if dagcontext.building_unmapped():
            return
        dag = self._pending_dag or dagcontext.current_dag()
        if dag is not None:
            dag.add_task(self)
        if self.task_group is not None:
            self.task_group.add(self)
        setup_teardown.register(self)
        from quizapp.sandbox.xcom import iter_xcom_args

        for name in self.template_fields:
            for arg in iter_xcom_args(getattr(self, name, None)):
                arg.operator.set_downstream(self)

    # running -------------------------------------------------------------
    @property
    def log(self) -> logging.Logger:
        """The task's logger (its lines appear in the task log)."""
        return logging.getLogger(f"airflow.task.operators.{type(self).__name__}")

    @property
    def max_tries(self) -> int:
        """How many retries the task has (Airflow's ``max_tries``)."""
        return self.retries

    def execute(self, context: dict[str, Any]) -> Any:
        """Do the task's work. Subclasses override this."""
        raise NotImplementedError(f"{type(self).__name__} must implement execute(context)")

    def on_kill(self) -> None:
        """Stop external work (a subprocess) when the try times out."""

    @classmethod
    def partial(cls, **kwargs: Any) -> OperatorPartial:
        """Fix the arguments shared by every element of a mapped task; then ``.expand(...)``."""
        from quizapp.sandbox.mapped import OperatorPartial

        return OperatorPartial(cls, kwargs)

    def expand(self, **_: Any) -> Any:
        raise SandboxError(
            f"{type(self).__name__}(...).expand() is not how mapping works: use "
            f"{type(self).__name__}.partial(task_id=..., ...).expand(arg=[...])"
        )

    def __repr__(self) -> str:
        return f"<Task({type(self).__name__}): {self.task_id}>"


def _as_delta(value: timedelta | float) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


BaseOperator.__init__ = _apply_defaults(BaseOperator.__init__)  # type: ignore[method-assign]
