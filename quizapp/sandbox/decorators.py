"""TaskFlow: ``@task`` and its variants; ``@task_group``."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any, ClassVar

from quizapp.sandbox.baseoperator import BaseOperator, _init_params, merged_default_args
from quizapp.sandbox.context import CONTEXT_KEYS
from quizapp.sandbox.dependencies import DependencyMixin
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.mapped import (
    MappedOperator,
    check_expand_kwargs,
    check_expand_values,
    merge_default_args,
    prevent_duplicates,
)
from quizapp.sandbox.operators import (
    BashOperator,
    PythonOperator,
    ShortCircuitOperator,
    determine_kwargs,
)
from quizapp.sandbox.sensors import PythonSensor
from quizapp.sandbox.skipmixin import BranchMixIn
from quizapp.sandbox.task_group import TaskGroup
from quizapp.sandbox.trigger_rules import TriggerRule
from quizapp.sandbox.xcom import XComArg


class _PythonDecoratedOperator(PythonOperator):
    """The operator behind a ``@task`` function."""

    _auto_suffix_ids: ClassVar[bool] = True


class _BranchPythonDecoratedOperator(_PythonDecoratedOperator, BranchMixIn):
    """``@task.branch``."""

    def execute(self, context: dict[str, Any]) -> Any:
        return self.do_branch(context, PythonOperator.execute(self, context))


class _ShortCircuitDecoratedOperator(_PythonDecoratedOperator, ShortCircuitOperator):
    """``@task.short_circuit``."""


class _DecoratedSensorOperator(PythonSensor):
    """``@task.sensor``: the function is the poke."""

    _auto_suffix_ids: ClassVar[bool] = True


class _BashDecoratedOperator(BashOperator):
    """``@task.bash``: the function returns the command to run."""

    _auto_suffix_ids: ClassVar[bool] = True
    template_fields: ClassVar[tuple[str, ...]] = (
        "bash_command",
        "env",
        "cwd",
        "op_args",
        "op_kwargs",
    )

    def __init__(
        self,
        *,
        python_callable: Callable[..., Any],
        op_args: list[Any] | None = None,
        op_kwargs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(bash_command="", **kwargs)
        self.python_callable = python_callable
        self.op_args = list(op_args or ())
        self.op_kwargs = dict(op_kwargs or {})

    def execute(self, context: dict[str, Any]) -> Any:
        from quizapp.sandbox.templating import environment, render_string

        context.update(self.op_kwargs)
        kwargs = determine_kwargs(self.python_callable, self.op_args, context)
        command = self.python_callable(*self.op_args, **kwargs)
        if not isinstance(command, str) or not command.strip():
            raise TypeError(
                f"@task.bash function {self.python_callable.__name__!r} must return a "
                f"non-empty string (the command), got {command!r}"
            )
        self.bash_command = render_string(command, context, environment())
        return super().execute(context)


def _infer_multiple_outputs(func: Callable[..., Any]) -> bool:
    try:
        hint = typing.get_type_hints(func).get("return")
    except Exception:
        hint = inspect.signature(func).return_annotation
        if isinstance(hint, str):
            return hint.replace("typing.", "").startswith(("dict", "Dict"))
    return hint is dict or typing.get_origin(hint) is dict


class _TaskDecorator:
    """A decorated function: call it to add a task; ``.override``, ``.partial``, ``.expand``."""

    def __init__(
        self,
        function: Callable[..., Any],
        operator_class: type[BaseOperator],
        kwargs: dict[str, Any],
        partial_kwargs: dict[str, Any] | None = None,
    ) -> None:
        if not callable(function):
            raise SandboxError(f"@task needs a function, got {function!r}")
        self.function = function
        self.operator_class = operator_class
        self.kwargs = kwargs
        self.partial_kwargs = partial_kwargs or {}
        #: Set by ``@setup`` / ``@teardown`` (Airflow marks the decorator, then each task).
        self.is_setup = False
        self.is_teardown = False
        self.on_failure_fail_dagrun = False
        functools.update_wrapper(self, function)

    def _copy(self, kwargs: dict[str, Any], partial_kwargs: dict[str, Any]) -> _TaskDecorator:
        """The same function with other task or partial arguments (setup/teardown kept)."""
        copy = _TaskDecorator(self.function, self.operator_class, kwargs, partial_kwargs)
        copy.is_setup = self.is_setup
        copy.is_teardown = self.is_teardown
        copy.on_failure_fail_dagrun = self.on_failure_fail_dagrun
        return copy

    def _operator_kwargs(self) -> dict[str, Any]:
        kwargs = dict(self.kwargs)
        kwargs.setdefault("task_id", self.function.__name__)
        if "multiple_outputs" not in kwargs and issubclass(self.operator_class, PythonOperator):
            kwargs["multiple_outputs"] = _infer_multiple_outputs(self.function)
        return kwargs

    def _check_args(self, args: tuple[Any, ...], kwargs: dict[str, Any], partial: bool) -> None:
        """Bind the call as Airflow does: context keys may be left out (they arrive at run time)."""
        signature = inspect.signature(self.function)
        for param in signature.parameters.values():
            if param.name in CONTEXT_KEYS and param.default not in (None, param.empty):
                raise SandboxError(
                    f"task {self.function.__name__!r}: context key parameter {param.name!r} "
                    "can't have a default other than None"
                )
        parameters = [
            p.replace(default=None) if p.name in CONTEXT_KEYS else p
            for p in signature.parameters.values()
        ]
        try:
            signature = signature.replace(parameters=parameters)
        except ValueError as exc:
            raise SandboxError(
                f"task {self.function.__name__!r}: the function signature broke while "
                f"giving context key parameters a default of None ({exc}); put parameters "
                "named like context keys (ds, ti, params...) last, or rename them"
            ) from None
        try:
            if partial:
                signature.bind_partial(*args, **kwargs)
            else:
                signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise SandboxError(f"task {self.function.__name__!r}: {exc}") from None

    def _with_default_args(self, op_kwargs: dict[str, Any]) -> dict[str, Any]:
        """Airflow's ``_hook_apply_defaults``: a ``default_args`` key named like one of the
        function's parameters fills that keyword argument (positional ones are not seen)."""
        defaults = merged_default_args(self.kwargs)
        filled = dict(op_kwargs)
        for name in inspect.signature(self.function).parameters:
            if name not in filled and name in defaults:
                filled[name] = defaults[name]
        return filled

    def __call__(self, *args: Any, **kwargs: Any) -> XComArg:
        op_kwargs = self._with_default_args({**self.partial_kwargs, **kwargs})
        self._check_args(args, op_kwargs, partial=False)
        task_kwargs = self._operator_kwargs()
        if self.is_teardown:
            task_kwargs["trigger_rule"] = self._teardown_rule()
        operator = self.operator_class(
            python_callable=self.function,
            op_args=list(args),
            op_kwargs=op_kwargs,
            **task_kwargs,
        )
        return self._mark(operator)

    def override(self, **kwargs: Any) -> _TaskDecorator:
        """The same task function with other task arguments (``task_id``, ``retries``...)."""
        return self._copy({**self.kwargs, **kwargs}, self.partial_kwargs)

    def _check_mapping_names(self, method: str, kwargs: dict[str, Any]) -> None:
        """Airflow's ``_validate_arg_names``: no context keys, only the function's arguments."""
        context_keys = sorted(CONTEXT_KEYS & set(kwargs))
        if context_keys:
            names = ", ".join(repr(n) for n in context_keys)
            plural = "s" if len(context_keys) > 1 else ""
            raise SandboxError(
                f"task {self.function.__name__!r}: cannot call {method}() on task context "
                f"variable{plural} {names}"
            )
        parameters = inspect.signature(self.function).parameters
        if any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
            return
        unknown = [name for name in kwargs if name not in parameters]
        if not unknown:
            return
        names = ", ".join(repr(n) for n in unknown)
        message = (
            f"task {self.function.__name__!r}: {method}() got unexpected keyword arguments {names}"
        )
        task_args = [name for name in unknown if name in _init_params(self.operator_class)]
        if task_args:
            example = task_args[0]
            message += (
                f" ({', '.join(task_args)}: task arguments, not the function's; give them to "
                f"@task({example}=...) or {self.function.__name__}.override({example}=...), "
                "then call .partial()/.expand())"
            )
        raise SandboxError(message)

    def partial(self, **kwargs: Any) -> _TaskDecorator:
        """Fix some function arguments for every mapped element; then ``.expand``."""
        self._check_mapping_names("partial", kwargs)
        prevent_duplicates(self.partial_kwargs, kwargs, "duplicate partial")
        self._check_args((), {**self.partial_kwargs, **kwargs}, partial=True)
        return self._copy(self.kwargs, {**self.partial_kwargs, **kwargs})

    def expand(self, **mapped: Any) -> XComArg:
        """Run the function once per element of each mapped argument."""
        if not mapped:
            raise SandboxError(f"task {self.function.__name__!r}: no arguments to expand against")
        self._check_not_always("expand", any(isinstance(v, XComArg) for v in mapped.values()))
        self._check_mapping_names("expand", mapped)
        prevent_duplicates(self._operator_kwargs(), mapped, "mapping already partial")
        self._check_args((), {**self.partial_kwargs, **mapped}, partial=True)
        kwargs = self._mapped_kwargs()
        check_expand_values(str(kwargs["task_id"]), mapped)
        operator = MappedOperator(self.operator_class, kwargs, mapped, into_op_kwargs=True)
        return self._mark(operator)

    def expand_kwargs(self, kwargs: Any, *, strict: bool = True) -> XComArg:
        """Run the function once per dict of arguments (a list of dicts or a task's output)."""
        task_kwargs = self._mapped_kwargs()
        items = check_expand_kwargs(str(task_kwargs["task_id"]), kwargs)
        self._check_not_always(
            "expand_kwargs",
            isinstance(items, list)
            and any(
                isinstance(v, XComArg) for i in items if isinstance(i, dict) for v in i.values()
            ),
        )
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                self._check_mapping_names("expand_kwargs", item)
        operator = MappedOperator(
            self.operator_class,
            task_kwargs,
            items,
            into_op_kwargs=True,
            kwargs_list=True,
            strict=strict,
            explicit_op_kwargs=self.partial_kwargs,
        )
        return self._mark(operator)

    def _check_not_always(self, method: str, task_generated: bool) -> None:
        """Airflow refuses task-generated mapping on a task with trigger rule ``always``."""
        rule = self.kwargs.get("trigger_rule")
        if task_generated and str(getattr(rule, "value", rule)) == "always":
            raise SandboxError(
                f"task {self.function.__name__!r}: Task-generated mapping within a task using "
                f"{method!r} is not allowed with trigger rule 'always'."
            )

    def _mapped_kwargs(self) -> dict[str, Any]:
        kwargs = {
            "python_callable": self.function,
            "op_args": [],
            "op_kwargs": self._with_default_args(self.partial_kwargs),
            **self._operator_kwargs(),
        }
        if self.is_teardown:
            kwargs["trigger_rule"] = self._teardown_rule()
        merge_default_args(self.operator_class, kwargs)
        return kwargs

    def _teardown_rule(self) -> TriggerRule:
        """A teardown's trigger rule, which may not be given."""
        if "trigger_rule" in self.kwargs:
            raise SandboxError(
                f"task {self.function.__name__!r}: Trigger rule not configurable for "
                "teardown tasks."
            )
        return TriggerRule.ALL_DONE_SETUP_SUCCESS

    def _mark(self, operator: Any) -> XComArg:
        """Mark a (mapped) operator setup or teardown as the decorator says."""
        operator.is_setup = self.is_setup
        operator.is_teardown = self.is_teardown
        operator.on_failure_fail_dagrun = self.on_failure_fail_dagrun
        return XComArg(operator)


class _TaskNamespace:
    """``task``: ``@task``, ``@task(...)``, ``@task.branch``, ``@task.short_circuit``..."""

    _kinds: ClassVar[dict[str, type[BaseOperator]]] = {
        "python": _PythonDecoratedOperator,
        "branch": _BranchPythonDecoratedOperator,
        "short_circuit": _ShortCircuitDecoratedOperator,
        "sensor": _DecoratedSensorOperator,
        "bash": _BashDecoratedOperator,
    }

    def __init__(self, kind: str = "python") -> None:
        self._kind = kind

    def __call__(self, python_callable: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
        operator_class = self._kinds[self._kind]
        if python_callable is not None:
            return _TaskDecorator(python_callable, operator_class, kwargs)
        return lambda func: _TaskDecorator(func, operator_class, kwargs)

    def __getattr__(self, name: str) -> _TaskNamespace:
        if name in self._kinds:
            return _TaskNamespace(name)
        raise AttributeError(
            f"@task.{name} is not supported by the sandbox "
            f"(supported: @task, {', '.join('@task.' + k for k in self._kinds)})"
        )


task = _TaskNamespace()


class _TaskGroupFactory:
    """A ``@task_group`` function: calling it builds the group."""

    def __init__(self, function: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        self.function = function
        self.kwargs = {"group_id": function.__name__, **kwargs}
        #: ``.partial()`` arguments of a mapped group.
        self.partial_kwargs: dict[str, Any] = {}
        functools.update_wrapper(self, function)

    def __call__(self, *args: Any, **kwargs: Any) -> DependencyMixin:
        with TaskGroup(add_suffix_on_collision=True, **self.kwargs) as group:
            if self.function.__doc__ and not group.tooltip:
                group.tooltip = self.function.__doc__
            result = self.function(*args, **kwargs)
        return result if result is not None else group

    def override(self, **kwargs: Any) -> _TaskGroupFactory:
        """The same group function with other TaskGroup arguments."""
        return _TaskGroupFactory(self.function, {**self.kwargs, **kwargs})

    def partial(self, **kwargs: Any) -> _TaskGroupFactory:
        """Fix some arguments; ``.expand()`` maps over the others."""
        factory = _TaskGroupFactory(self.function, self.kwargs)
        factory.partial_kwargs = {**self.partial_kwargs, **kwargs}
        return factory

    def expand_kwargs(self, kwargs: Any) -> DependencyMixin:
        """One instance of every task in the group per dict of arguments (a list of
        dicts, or a task's output that is one)."""
        from quizapp.sandbox.xcom import XComArg

        group_id = self.kwargs["group_id"]
        items = kwargs if isinstance(kwargs, (list, tuple)) else None
        if items is not None:
            if not all(isinstance(i, (XComArg, dict)) for i in items):
                raise SandboxError(
                    f"task group {group_id!r}: expected XComArg or list[dict], not "
                    f"{type(kwargs).__name__}"
                )
        elif not isinstance(kwargs, XComArg):
            raise SandboxError(
                f"task group {group_id!r}: expected XComArg or list[dict], not "
                f"{type(kwargs).__name__}"
            )
        params = inspect.signature(self.function).parameters.values()
        if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
            raise SandboxError(
                f"task group {group_id!r}: calling expand_kwargs() on task group function "
                "with * or ** is not supported"
            )
        names = [p.name for p in params if p.name not in self.partial_kwargs]
        return self._mapped_group(list(items) if items is not None else kwargs, names, True)

    def expand(self, **mapped: Any) -> DependencyMixin:
        """One instance of every task in the group per element of ``mapped``."""
        if not mapped:
            raise SandboxError(f"task group {self.kwargs['group_id']!r}: expand() needs arguments")
        return self._mapped_group(dict(mapped), list(mapped), False)

    def _mapped_group(
        self, expand_input: Any, names: list[str], kwargs_list: bool
    ) -> DependencyMixin:
        from quizapp.sandbox.mapped_group import MappedArgument, uses_mapped_argument
        from quizapp.sandbox.xcom import iter_xcom_args

        with TaskGroup(add_suffix_on_collision=True, **self.kwargs) as group:
            group.expand_input = expand_input
            group.expand_kwargs_list = kwargs_list
            args = dict(self.partial_kwargs)
            args.update({name: MappedArgument(group, name) for name in names})
            result = self.function(**args)
        sources = [arg.operator for arg in iter_xcom_args(expand_input)]
        for member in _group_tasks(group):
            if uses_mapped_argument(member):
                for source in sources:
                    source.set_downstream(member)
        return result if result is not None else group


def _group_tasks(group: TaskGroup) -> list[Any]:
    out: list[Any] = []
    for child in group.children:
        if isinstance(child, TaskGroup):
            out.extend(_group_tasks(child))
        else:
            out.append(child)
    return out


def task_group(python_callable: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    """``@task_group`` / ``@task_group(group_id=..., default_args=...)``."""
    if python_callable is not None:
        return _TaskGroupFactory(python_callable, kwargs)
    return lambda func: _TaskGroupFactory(func, kwargs)


def setup(python_callable: Callable[..., Any]) -> _TaskDecorator:
    """``@setup``: a TaskFlow task (or ``@task...``-decorated function) marked a setup task."""
    func = task(python_callable) if inspect.isfunction(python_callable) else python_callable
    if isinstance(func, _TaskGroupFactory):
        raise SandboxError("Task groups cannot be marked as setup or teardown.")
    if not isinstance(func, _TaskDecorator):
        raise SandboxError(f"@setup needs a function or a @task function, got {func!r}")
    func.is_setup = True
    return func


def teardown(
    python_callable: Callable[..., Any] | None = None, *, on_failure_fail_dagrun: bool = False
) -> Any:
    """``@teardown`` / ``@teardown(on_failure_fail_dagrun=True)``: a teardown TaskFlow task.

    Its trigger rule is ``all_done_setup_success`` (giving another is an error, as in
    Airflow); with ``on_failure_fail_dagrun`` its failure fails the DAG run.
    """

    def mark(func: Any) -> _TaskDecorator:
        func = task(func) if inspect.isfunction(func) else func
        if isinstance(func, _TaskGroupFactory):
            raise SandboxError("Task groups cannot be marked as setup or teardown.")
        if not isinstance(func, _TaskDecorator):
            raise SandboxError(f"@teardown needs a function or a @task function, got {func!r}")
        func.is_teardown = True
        func.on_failure_fail_dagrun = on_failure_fail_dagrun
        return func

    return mark if python_callable is None else mark(python_callable)
