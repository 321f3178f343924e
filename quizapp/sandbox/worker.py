"""Running one try (or one sensor poke) of a task: context, templates, execute, XComs, logs."""

from __future__ import annotations

import copy
import os
import time
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quizapp.sandbox.context import RuntimeTaskInstance, build_context, set_current_context
from quizapp.sandbox.exceptions import (
    AirflowFailException,
    AirflowSensorTimeout,
    AirflowSkipException,
    AirflowTaskTimeout,
    DownstreamTasksSkipped,
)
from quizapp.sandbox.executors import Outcome
from quizapp.sandbox.logcapture import TryCapture, capturing
from quizapp.sandbox.sensors import PokeReturnValue
from quizapp.sandbox.serde import stored_xcom_value
from quizapp.sandbox.templating import render_fields
from quizapp.sandbox.xcom import XCOM_RETURN_KEY, materialize

if TYPE_CHECKING:
    from quizapp.sandbox.runner import DagRunner, _Instance

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
_EXAMPLES_DIR = os.path.join(_PACKAGE_DIR, "examples")


class TaskCodeError(Exception):
    """A task's result cannot be stored (e.g. multiple_outputs without a dict)."""


#: Airflow's ``[core] max_map_length``: the most values an unmapped task may return for
#: a mapped task to expand over (the Execution API refuses a longer push).
MAX_MAP_LENGTH = 1024


def _is_mappable(value: Any) -> bool:
    """Airflow's ``is_mappable_value``: an ordered collection (or dict), not a string."""
    return isinstance(value, (Sequence, dict)) and not isinstance(value, (str, bytes, bytearray))


def _is_user_file(filename: str) -> bool:
    path = os.path.abspath(filename)
    return path.startswith(_EXAMPLES_DIR) or not path.startswith(_PACKAGE_DIR)


def _user_traceback(exc: BaseException) -> list[str]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_user_file(f.filename)]
    lines = ["Traceback (most recent call last):"]
    lines += [line.rstrip("\n") for line in traceback.format_list(frames)]
    lines += [line.rstrip("\n") for line in traceback.format_exception_only(type(exc), exc)]
    return [part for line in lines for part in line.split("\n")]


class TryRunner:
    """Executes units of work for one run (called from executor threads)."""

    def __init__(self, runner: DagRunner) -> None:
        self.runner = runner

    def run(self, inst: _Instance, try_number: int, first: bool) -> Outcome:
        """One try (or, for a sensor, one poke)."""
        runner = self.runner
        capture = TryCapture(lambda line: runner.log_line(inst, try_number, line))
        started = time.perf_counter()
        with capturing(capture):
            try:
                outcome = self._guarded(inst, try_number, first)
            finally:
                set_current_context(None)
        capture.close()
        outcome.duration = time.perf_counter() - started
        return outcome

    def timed_out(self, inst: _Instance, try_number: int, timeout: float) -> Outcome:
        """The outcome of a try that ran past ``execution_timeout`` (real time)."""
        message = f"AirflowTaskTimeout: Timeout after {timeout:g} seconds (execution_timeout)"
        self.runner.log_line(inst, try_number, "ERROR - " + message)
        return Outcome(inst.key, "failed", error=message)

    def _guarded(self, inst: _Instance, try_number: int, first: bool) -> Outcome:
        context: dict[str, Any] | None = None
        op = inst.operator
        try:
            if first or inst.live is None or getattr(inst.operator, "reschedule", False):
                inst.live = self._prepare(inst, try_number)
            op, context = inst.live  # poke mode: one operator object for the whole try
            set_current_context(context)
            if first and op.on_execute_callback:
                op.on_execute_callback(context)
            if getattr(op, "_is_sensor", False):
                outcome = self._poke(inst, op, context)
            else:
                value = op.execute(context)
                self._push(inst, op, value)
                outcome = Outcome(inst.key, "success", value)
        except DownstreamTasksSkipped as exc:
            outcome = Outcome(inst.key, "success", skip_tasks=exc.tasks)
        except AirflowSkipException as exc:
            print(f"INFO - Skipping: {exc}")
            outcome = Outcome(inst.key, "skipped", error=str(exc) or "AirflowSkipException")
        except (AirflowFailException, AirflowSensorTimeout) as exc:
            outcome = self._failure(inst, exc, "failed_no_retry")
        except SystemExit as exc:
            print(f"ERROR - task called sys.exit({exc.code!r})")
            outcome = Outcome(inst.key, "failed", error=f"SystemExit: sys.exit({exc.code!r})")
        except Exception as exc:
            outcome = self._failure(inst, exc, "failed")
        self._callbacks(inst, op, context, outcome, try_number)
        return outcome

    def _prepare(self, inst: _Instance, try_number: int) -> tuple[Any, dict[str, Any]]:
        runner = self.runner
        op = copy.copy(inst.operator)
        ti = RuntimeTaskInstance(
            task=op,
            run=runner.dag_run,
            try_number=try_number,
            map_index=inst.map_index,
            store=runner.store,
            start_date=runner.clock,
        )
        context = build_context(op, ti, runner.dag_run)
        set_current_context(context)
        render_fields(op, context, runner.store)
        return op, context

    def _poke(self, inst: _Instance, op: Any, context: dict[str, Any]) -> Outcome:
        """One poke, with Airflow's ``soft_fail`` / ``never_fail`` / ``silent_fail`` handling."""
        try:
            result = op.poke(context)
        except (AirflowSensorTimeout, AirflowTaskTimeout, AirflowFailException) as exc:
            if op.soft_fail or op.never_fail:
                flag = "soft_fail" if op.soft_fail else "never_fail"
                raise AirflowSkipException(f"Skipping due to {flag} is set to True.") from exc
            raise
        except AirflowSkipException:
            raise
        except Exception as exc:
            if op.silent_fail:
                print(f"ERROR - Sensor poke failed: {type(exc).__name__}: {exc}")
                result = False
            elif op.never_fail:
                raise AirflowSkipException("Skipping due to never_fail is set to True.") from exc
            else:
                raise
        if not result:
            print(f"INFO - Poking {inst.task.task_id}: condition not met")
            return Outcome(inst.key, "poke_false")
        value = result.xcom_value if isinstance(result, PokeReturnValue) else None
        print("INFO - Success criteria met. Exiting.")
        self._push(inst, op, value)
        return Outcome(inst.key, "success", value)

    def _push(self, inst: _Instance, op: Any, value: Any) -> None:
        store = self.runner.store
        value = materialize(value)  # a reduce task may return its LazyXComSequence input
        if not op.do_xcom_push:
            value = None
        if (
            inst.task.task_id in self.runner._map_sources
            and not getattr(inst.task, "_is_mapped", False)
            and not _is_mappable(value)
        ):
            # As Airflow's task_runner._push_xcom_if_needed: only an unmapped task's value is
            # expanded; a mapped task's instances are collected, whatever each returned.
            if value is None:
                raise TaskCodeError(
                    f"task {inst.task.task_id!r} did not push an XCom for task mapping "
                    "(a mapped task expands over its return value)"
                )
            raise TaskCodeError(
                f"unmappable return type {type(value).__name__!r}: task {inst.task.task_id!r} "
                "feeds a mapped task, so it must return a list or a dict"
            )
        if (
            inst.task.task_id in self.runner._map_sources
            and not getattr(inst.task, "_is_mapped", False)
            and len(value) > MAX_MAP_LENGTH
        ):
            raise TaskCodeError(
                f"task {inst.task.task_id!r} returned {len(value)} values to map over: more than "
                f"[core] max_map_length ({MAX_MAP_LENGTH}); Airflow fails the task (pushed value "
                "is too large to map as a downstream's dependency)"
            )
        if value is None:
            return
        if op.multiple_outputs:
            if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
                raise TaskCodeError(
                    f"Returned output was type {type(value).__name__} expected dictionary "
                    "with string keys for multiple_outputs"
                )
            for key, item in value.items():
                store.push(inst.task.task_id, inst.map_index, key, stored_xcom_value(item))
        store.push(inst.task.task_id, inst.map_index, XCOM_RETURN_KEY, stored_xcom_value(value))

    def _failure(self, inst: _Instance, exc: BaseException, kind: str) -> Outcome:
        print("ERROR - Task failed with exception")
        for line in _user_traceback(exc):
            print(line)
        return Outcome(inst.key, kind, error=f"{type(exc).__name__}: {exc}")

    def _callbacks(
        self,
        inst: _Instance,
        op: Any,
        context: dict[str, Any] | None,
        outcome: Outcome,
        try_number: int,
    ) -> None:
        if context is None or outcome.kind == "poke_false":
            return
        if outcome.kind == "success":
            callback = op.on_success_callback
        elif outcome.kind == "skipped":
            callback = op.on_skipped_callback
        elif outcome.kind == "failed" and try_number <= inst.max_tries:
            callback = op.on_retry_callback
        elif outcome.kind.startswith("failed"):
            callback = op.on_failure_callback
        else:
            return
        if callback is None:
            return
        context["exception"] = outcome.error
        try:
            callback(context)
        except Exception as exc:
            print(f"ERROR - callback {getattr(callback, '__name__', callback)!r} failed: {exc}")
