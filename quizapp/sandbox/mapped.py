"""Dynamic task mapping: ``.partial(...)`` and ``.expand(...)``.

A mapped task has one placeholder instance until its upstreams are done; then it
expands into one instance per element (the cartesian product when several
arguments are expanded, the last argument varying fastest, as in Airflow). An
empty expansion marks the task ``skipped``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, ClassVar

from quizapp.sandbox import dagcontext, setup_teardown
from quizapp.sandbox.baseoperator import (
    BaseOperator,
    TaskNode,
    _init_params,
    merge_default_args,
)
from quizapp.sandbox.exceptions import AirflowException, SandboxError
from quizapp.sandbox.xcom import XComArg, XComStore, iter_xcom_args

#: What the runner reads from a mapped task before it expands (Airflow's defaults apply).
_SCHEDULING = (
    "retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay",
    "execution_timeout", "trigger_rule", "pool", "pool_slots", "params", "do_xcom_push",
    "multiple_outputs",
)  # fmt: skip
#: Arguments Airflow's ``partial()`` always fills (``_PARTIAL_DEFAULTS``): never expandable.
_PARTIAL_DEFAULTS = (
    "task_id", "owner", "trigger_rule", "depends_on_past", "ignore_first_depends_on_past",
    "wait_for_past_depends_before_skipping", "wait_for_downstream", "retries", "queue",
    "pool_slots", "execution_timeout", "retry_delay", "retry_exponential_backoff",
    "priority_weight", "weight_rule", "inlets", "outlets", "map_index_template",
)  # fmt: skip


def prevent_duplicates(given: Mapping[str, Any], mapped: Mapping[str, Any], reason: str) -> None:
    """Airflow's ``prevent_duplicates``: an argument is either fixed or mapped, not both."""
    duplicated = sorted(set(given) & set(mapped))
    if len(duplicated) == 1:
        raise SandboxError(f"{reason} argument: {duplicated[0]}")
    if duplicated:
        raise SandboxError(f"{reason} arguments: {', '.join(duplicated)}")


class MissingMapValues(AirflowException):
    """An upstream the task maps over pushed nothing (it was skipped or failed).

    Airflow's scheduler cannot expand such a task (``NotFullyPopulated``) and marks it
    ``upstream_failed`` (``expand_mapped_task``).
    """


class OperatorPartial:
    """``SomeOperator.partial(task_id=..., ...)``: call ``.expand(arg=[...])`` next."""

    def __init__(self, operator_class: type[BaseOperator], kwargs: dict[str, Any]) -> None:
        if "task_id" not in kwargs:
            raise SandboxError(f"{operator_class.__name__}.partial() needs a task_id")
        merge_default_args(operator_class, kwargs)
        self.operator_class = operator_class
        self.kwargs = kwargs

    def expand(self, **mapped: Any) -> MappedOperator:
        """Create one task instance per element of the mapped arguments."""
        params = _init_params(self.operator_class)
        for name in mapped:
            if name not in params:
                raise SandboxError(
                    f"{self.operator_class.__name__}.expand() got an unexpected keyword "
                    f"argument {name!r}"
                )
        fixed = {**dict.fromkeys(_PARTIAL_DEFAULTS), **self.kwargs}
        prevent_duplicates(fixed, mapped, "unmappable or already specified")
        return MappedOperator(self.operator_class, dict(self.kwargs), mapped, into_op_kwargs=False)

    def expand_kwargs(self, kwargs: Any, *, strict: bool = True) -> MappedOperator:
        """One task instance per dict of keyword arguments (a list of dicts or a task's output)."""
        return MappedOperator(
            self.operator_class,
            dict(self.kwargs),
            check_expand_kwargs(str(self.kwargs["task_id"]), kwargs),
            into_op_kwargs=False,
            kwargs_list=True,
            strict=strict,
        )


def check_expand_values(task_id: str, mapped: Mapping[str, Any]) -> None:
    """Each expanded argument must be a list, tuple, dict or an upstream's output."""
    if not mapped:
        raise SandboxError(f"task {task_id!r}: expand() needs at least one argument")
    for name, value in mapped.items():
        if not isinstance(value, (list, tuple, dict, XComArg)):
            raise SandboxError(
                f"task {task_id!r}: expand() got an unexpected type {type(value).__name__!r} "
                f"for keyword argument {name!r} (expected a list, a dict or a task's output)"
            )


def check_expand_kwargs(task_id: str, kwargs: Any) -> Any:
    """``expand_kwargs()`` takes a list of dicts (or of task outputs) or a task's output."""
    if isinstance(kwargs, XComArg):
        return kwargs
    if isinstance(kwargs, (list, tuple)) and all(
        isinstance(item, (Mapping, XComArg)) for item in kwargs
    ):
        return list(kwargs)
    raise SandboxError(
        f"task {task_id!r}: expand_kwargs() expected XComArg or list[dict], "
        f"not {type(kwargs).__name__}"
    )


class MappedOperator(TaskNode):
    """A task that runs once per element of its expanded arguments."""

    _is_mapped: ClassVar[bool] = True

    def __init__(
        self,
        operator_class: type[BaseOperator],
        partial_kwargs: dict[str, Any],
        expand_input: Any,
        *,
        into_op_kwargs: bool,
        kwargs_list: bool = False,
        strict: bool = False,
        explicit_op_kwargs: dict[str, Any] | None = None,
    ) -> None:
        label = partial_kwargs.pop("task_id")
        dag = partial_kwargs.pop("dag", None) or dagcontext.current_dag()
        group = partial_kwargs.pop("task_group", None) or dagcontext.current_group()
        self.task_group = group
        task_id = group.child_id(label) if group is not None else label
        if getattr(operator_class, "_auto_suffix_ids", False) and dag is not None:
            task_id = dag.unique_task_id(task_id)
        if not kwargs_list:
            check_expand_values(task_id, expand_input)
        self.task_id = task_id
        self.operator_class = operator_class
        self.partial_kwargs = partial_kwargs
        self.expand_input = expand_input
        self.into_op_kwargs = into_op_kwargs
        #: ``expand_kwargs()``: ``expand_input`` is a list of dicts (or an XComArg of one).
        self.kwargs_list = kwargs_list
        #: ``expand_kwargs(strict=True)``: a mapped argument may not repeat a partial one.
        self.strict = strict
        #: TaskFlow: the arguments ``.partial()`` gave (not those default_args filled in).
        self.explicit_op_kwargs = dict(explicit_op_kwargs or {})
        self.upstream_task_ids = set()
        self.downstream_task_ids = set()
        self.dag = None
        self._is_sensor = bool(getattr(operator_class, "_is_sensor", False))
        base = {k: v for k, v in partial_kwargs.items() if k in _SCHEDULING}
        with dagcontext.unmapped_building():
            template = BaseOperator(task_id=task_id, **base)
        for name in _SCHEDULING:
            setattr(self, name, getattr(template, name))
        if dag is not None:
            dag.add_task(self)
        if group is not None:
            group.add(self)
        setup_teardown.register(self)
        for arg in iter_xcom_args([expand_input, partial_kwargs]):
            arg.operator.set_downstream(self)

    def __repr__(self) -> str:
        return f"<Mapped({self.operator_class.__name__}): {self.task_id}>"

    def parse_time_count(self) -> int | None:
        """How many instances the DAG run starts with, when only literal values are mapped.

        Airflow's ``DagRun._create_tasks`` expands such a task as the run is created
        (``get_mapped_ti_count``); a task mapped over an upstream's output (or over
        nothing) starts as one unexpanded instance. None: not known before the run.
        """
        if any(True for _ in iter_xcom_args(self.expand_input)):
            return None
        try:
            return len(self.expand_elements(XComStore()))
        except Exception:
            return None  # the run-time expansion reports the error

    def mapped_over(self) -> list[XComArg]:
        """The upstream outputs this task expands over (each must be a list or dict)."""
        if self.kwargs_list:
            items = self.expand_input
            return [items] if isinstance(items, XComArg) else []
        return list(iter_xcom_args(self.expand_input))

    def expand_elements(self, store: XComStore) -> list[dict[str, Any]]:
        """The keyword arguments of each element, resolving upstream outputs."""
        if self.kwargs_list:
            return self._kwargs_elements(store)
        columns: list[list[Any]] = []
        for name, value in self.expand_input.items():
            if isinstance(value, XComArg):
                source = value.operator.task_id
                value = value.resolve(store)
                if value is None:
                    raise MissingMapValues(
                        f"task {self.task_id!r} maps over the output of {source!r}, "
                        "which pushed nothing to map over"
                    )
            if isinstance(value, dict):
                value = list(value.items())
            if not isinstance(value, (list, tuple)):
                raise AirflowException(
                    f"task {self.task_id!r} cannot map over argument {name!r}: "
                    f"expected a list or dict, got {type(value).__name__}"
                )
            columns.append(list(value))
        names = list(self.expand_input)
        return [dict(zip(names, combo, strict=False)) for combo in itertools.product(*columns)]

    def _kwargs_elements(self, store: XComStore) -> list[dict[str, Any]]:
        items = self.expand_input
        if isinstance(items, XComArg):
            source = items.operator.task_id
            items = items.resolve(store)
            if items is None:
                raise MissingMapValues(
                    f"task {self.task_id!r} maps over the output of {source!r}, "
                    "which pushed nothing to map over"
                )
        if not isinstance(items, (list, tuple)):
            raise AirflowException(
                f"task {self.task_id!r}: expand_kwargs() expected a list of dicts, "
                f"got {type(items).__name__}"
            )
        elements = []
        for item in items:
            if isinstance(item, XComArg):
                item = item.resolve(store)
            if not isinstance(item, Mapping) or not all(isinstance(k, str) for k in item):
                raise AirflowException(
                    f"task {self.task_id!r}: expand_kwargs() expected a list of dicts with "
                    f"string keys, got an item of type {type(item).__name__}"
                )
            elements.append(
                {k: v.resolve(store) if isinstance(v, XComArg) else v for k, v in item.items()}
            )
        return elements

    def unmap(self, element: dict[str, Any]) -> BaseOperator:
        """A plain operator for one element (not added to the DAG)."""
        kwargs = dict(self.partial_kwargs)
        if self.strict and self.into_op_kwargs:
            prevent_duplicates(self.explicit_op_kwargs, element, "mapping already partial")
        elif self.strict:
            fixed = {**dict.fromkeys(_PARTIAL_DEFAULTS), **kwargs}
            prevent_duplicates(fixed, element, "unmappable or already specified")
        if self.into_op_kwargs:
            kwargs["op_kwargs"] = {**kwargs.get("op_kwargs", {}), **element}
        else:
            kwargs.update(element)
        with dagcontext.unmapped_building():
            operator = self.operator_class(task_id=self.task_id, **kwargs)
        field = ("op_kwargs",) if self.into_op_kwargs else ()
        not_rendered = frozenset((*field, key) for key in self._resolved_keys(element))
        operator._not_rendered = not_rendered  # type: ignore[attr-defined]
        operator.dag = self.dag
        operator.task_group = self.task_group
        operator.upstream_task_ids = self.upstream_task_ids
        operator.downstream_task_ids = self.downstream_task_ids
        operator.is_setup, operator.is_teardown = self.is_setup, self.is_teardown
        return operator

    def _resolved_keys(self, element: dict[str, Any]) -> set[str]:
        """Mapped arguments Airflow does not render as templates (its ``resolved_oids``).

        ``expand()``: those taken from an upstream's output (literal lists are rendered);
        ``expand_kwargs()``: every value but a list or dict (``_is_parse_time_mappable``).
        """
        if self.kwargs_list:
            return {k for k, v in element.items() if not isinstance(v, (list, dict))}
        return {k for k, v in self.expand_input.items() if isinstance(v, XComArg)}

    @property
    def max_tries(self) -> int:
        """The retries each element has."""
        return int(self.retries)  # type: ignore[attr-defined]
