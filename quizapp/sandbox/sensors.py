"""Sensors: ``poke`` until true. The runner drives the pokes on the virtual clock.

Airflow's loop (``BaseSensorOperator.execute``): poke; if done, stop; if the time
since the try started (in reschedule mode: since the first try started, as retrying
does not reset the timeout) is more than ``timeout``, fail with ``AirflowSensorTimeout``
(no retries) or, with ``soft_fail=True``, skip; else wait ``poke_interval`` and poke
again. ``mode="poke"`` keeps the worker slot while waiting; ``mode="reschedule"``
frees it (state ``up_for_reschedule``) and keeps the same try number.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

from quizapp.sandbox.baseoperator import BaseOperator
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.operators import determine_kwargs

#: Airflow's defaults: poke every 60 s, give up after 7 days.
DEFAULT_POKE_INTERVAL = 60.0
DEFAULT_TIMEOUT = 60 * 60 * 24 * 7.0


@dataclass
class PokeReturnValue:
    """What a poke may return: done or not, and the XCom to push when done."""

    is_done: bool
    xcom_value: Any = None

    def __bool__(self) -> bool:
        return bool(self.is_done)


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class BaseSensorOperator(BaseOperator):
    """Base of sensors: implement ``poke(context)``."""

    _is_sensor: ClassVar[bool] = True
    ui_color: ClassVar[str] = "#e6f1f2"

    def __init__(
        self,
        *,
        poke_interval: timedelta | float = DEFAULT_POKE_INTERVAL,
        timeout: timedelta | float = DEFAULT_TIMEOUT,
        soft_fail: bool = False,
        mode: str = "poke",
        exponential_backoff: bool = False,
        max_wait: timedelta | float | None = None,
        silent_fail: bool = False,
        never_fail: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if mode not in ("poke", "reschedule"):
            raise SandboxError(f"sensor {self.task_id!r}: mode must be 'poke' or 'reschedule'")
        self.poke_interval = _seconds(poke_interval)
        self.timeout = _seconds(timeout)
        if self.poke_interval < 0 or self.timeout < 0:
            raise SandboxError(f"sensor {self.task_id!r}: poke_interval and timeout must be >= 0")
        self.soft_fail = soft_fail
        self.mode = mode
        self.exponential_backoff = exponential_backoff
        self.max_wait = None if max_wait is None else _seconds(max_wait)
        self.silent_fail = silent_fail
        self.never_fail = never_fail

    @property
    def reschedule(self) -> bool:
        """Whether the sensor frees its slot between pokes."""
        return self.mode == "reschedule"

    def poke(self, context: dict[str, Any]) -> bool | PokeReturnValue:
        """Check the condition once."""
        raise NotImplementedError(f"{type(self).__name__} must implement poke(context)")


class PythonSensor(BaseSensorOperator):
    """Poke by calling ``python_callable``; a truthy result (or PokeReturnValue) ends the wait."""

    template_fields: ClassVar[tuple[str, ...]] = ("templates_dict", "op_args", "op_kwargs")

    def __init__(
        self,
        *,
        python_callable: Callable[..., Any],
        op_args: Collection[Any] | None = None,
        op_kwargs: Mapping[str, Any] | None = None,
        templates_dict: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not callable(python_callable):
            raise SandboxError(f"sensor {self.task_id!r}: `python_callable` must be callable")
        self.python_callable = python_callable
        self.op_args = list(op_args or ())
        self.op_kwargs = dict(op_kwargs or {})
        self.templates_dict = templates_dict

    def poke(self, context: dict[str, Any]) -> bool | PokeReturnValue:
        context.update(self.op_kwargs)
        context["templates_dict"] = self.templates_dict
        kwargs = determine_kwargs(self.python_callable, self.op_args, context)
        result = self.python_callable(*self.op_args, **kwargs)
        return result if isinstance(result, PokeReturnValue) else PokeReturnValue(bool(result))
