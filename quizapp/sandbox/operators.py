"""The standard provider's operators: Empty, Python, Branch, ShortCircuit, Bash."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
from collections.abc import Callable, Collection, Mapping
from typing import Any, ClassVar

from quizapp.sandbox.baseoperator import BaseOperator
from quizapp.sandbox.exceptions import AirflowException, AirflowSkipException, SandboxError
from quizapp.sandbox.skipmixin import BranchMixIn, SkipMixin


class EmptyOperator(BaseOperator):
    """Does nothing; useful as a start, join or end marker."""

    ui_color: ClassVar[str] = "#e8f7e4"

    def execute(self, context: dict[str, Any]) -> None:
        return None


def determine_kwargs(
    func: Callable[..., Any], op_args: Collection[Any], context: Mapping[str, Any]
) -> dict[str, Any]:
    """Airflow's ``KeywordParameters.determine``: what of the context a callable asked for."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return {}
    names = list(signature.parameters)
    for name in names[: len(op_args)]:
        if name in context:
            raise ValueError(
                f"The key {name!r} in args is a part of kwargs and therefore reserved."
            )
    if any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values()):
        return dict(context)
    return {name: context[name] for name in names if name in context}


class PythonOperator(BaseOperator):
    """Call ``python_callable(*op_args, **op_kwargs)``; the context fills named parameters."""

    template_fields: ClassVar[tuple[str, ...]] = ("templates_dict", "op_args", "op_kwargs")
    ui_color: ClassVar[str] = "#ffefeb"

    def __init__(
        self,
        *,
        python_callable: Callable[..., Any],
        op_args: Collection[Any] | None = None,
        op_kwargs: Mapping[str, Any] | None = None,
        templates_dict: dict[str, Any] | None = None,
        templates_exts: list[str] | None = None,
        show_return_value_in_logs: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not callable(python_callable):
            raise SandboxError(
                f"task {self.task_id!r}: `python_callable` param must be callable, "
                f"got {python_callable!r}"
            )
        self.python_callable = python_callable
        self.op_args = list(op_args or ())
        self.op_kwargs = dict(op_kwargs or {})
        self.templates_dict = templates_dict
        self.show_return_value_in_logs = show_return_value_in_logs

    def execute(self, context: dict[str, Any]) -> Any:
        context.update(self.op_kwargs)
        context["templates_dict"] = self.templates_dict
        kwargs = determine_kwargs(self.python_callable, self.op_args, context)
        from quizapp.sandbox.assets import run_callable

        value = run_callable(self.python_callable, self.op_args, kwargs, context)
        if self.show_return_value_in_logs:
            self.log.info("Done. Returned value was: %s", value)
        return value


class BaseBranchOperator(BaseOperator, BranchMixIn):
    """A branch: ``choose_branch(context)`` returns the task id(s) to follow."""

    def choose_branch(self, context: dict[str, Any]) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must implement choose_branch(context)")

    def execute(self, context: dict[str, Any]) -> Any:
        return self.do_branch(context, self.choose_branch(context))


class BranchPythonOperator(PythonOperator, BranchMixIn):
    """Follow the task id(s) (or TaskGroup ids) the callable returns; skip the other branches."""

    def execute(self, context: dict[str, Any]) -> Any:
        return self.do_branch(context, PythonOperator.execute(self, context))


class LatestOnlyOperator(BaseBranchOperator):
    """Skip the direct downstream tasks unless this run is the latest scheduled one.

    Airflow's (``providers/standard/operators/latest_only.py``): a manual run never
    skips; otherwise the downstream tasks run only when the wall clock is inside the
    window from this run's data interval start to the end of the next interval. A
    zero-length interval counts as the latest. So a backfill of past dates skips them.
    """

    def choose_branch(self, context: dict[str, Any]) -> Any:
        from datetime import UTC, datetime

        run = context["dag_run"]
        downstream = sorted(self.downstream_task_ids)
        if run.run_type == "manual":
            self.log.info("Manually triggered DAG_Run: allowing execution to proceed.")
            return downstream
        start, end = run.data_interval_start, run.data_interval_end
        if start == end:
            self.log.info("Last scheduled execution: allowing execution to proceed.")
            return downstream
        right = context["dag"].timetable.scheduled_interval(end).end
        now = datetime.now(UTC)
        self.log.info(
            "Checking latest only with left_window: %s right_window: %s now: %s", start, right, now
        )
        if not start < now <= right:
            self.log.info("Not latest execution, skipping downstream.")
            return []
        self.log.info("Latest, allowing execution to proceed.")
        return downstream


class ShortCircuitOperator(PythonOperator, SkipMixin):
    """Continue when the callable returns something truthy; otherwise skip downstream.

    With ``ignore_downstream_trigger_rules=True`` (the default) every task downstream is
    skipped whatever its trigger rule; with False only the direct downstream tasks are,
    and the rest follow their trigger rules.
    """

    def __init__(self, *, ignore_downstream_trigger_rules: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ignore_downstream_trigger_rules = ignore_downstream_trigger_rules

    def execute(self, context: dict[str, Any]) -> Any:
        condition = super().execute(context)
        self.log.info("Condition result is %s", condition)
        if condition or not self.downstream_task_ids:
            return condition
        task = context["task"]
        if self.ignore_downstream_trigger_rules:
            to_skip = task.get_flat_relatives(upstream=False)
        else:
            to_skip = task.get_direct_relatives(upstream=False)
        self.log.info("Skipping downstream tasks")
        self.skip(ti=context["ti"], tasks=to_skip)
        return condition


class BashOperator(BaseOperator):
    """Run ``bash_command`` with bash; the last output line is the XCom.

    Exit code 99 (``skip_on_exit_code``) skips the task; any other non-zero code fails it.
    """

    template_fields: ClassVar[tuple[str, ...]] = ("bash_command", "env", "cwd")
    #: A ``bash_command`` ending so names a template file (``"run.sh "``, with a space, does not).
    template_ext: ClassVar[tuple[str, ...]] = (".sh", ".bash")
    ui_color: ClassVar[str] = "#f0ede4"

    def __init__(
        self,
        *,
        bash_command: str,
        env: dict[str, str] | None = None,
        append_env: bool = False,
        output_encoding: str = "utf-8",
        skip_on_exit_code: int | Collection[int] | None = 99,
        cwd: str | None = None,
        output_processor: Callable[[str], Any] = lambda result: result,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.bash_command = bash_command
        self.env = env
        self.append_env = append_env
        self.output_encoding = output_encoding
        codes = skip_on_exit_code
        self.skip_on_exit_code = (
            [] if codes is None else [codes] if isinstance(codes, int) else list(codes)
        )
        self.cwd = cwd
        self.output_processor = output_processor
        self._process: subprocess.Popen[str] | None = None

    def _environment(self, context: dict[str, Any]) -> dict[str, str]:
        env = dict(os.environ) if self.env is None or self.append_env else {}
        env.update(self.env or {})
        env.update(
            {
                "AIRFLOW_CTX_DAG_ID": str(context["dag_run"].dag_id),
                "AIRFLOW_CTX_TASK_ID": str(self.task_id),
                "AIRFLOW_CTX_LOGICAL_DATE": context["ts"],
                "AIRFLOW_CTX_TRY_NUMBER": str(context["ti"].try_number),
                "AIRFLOW_CTX_DAG_RUN_ID": str(context["run_id"]),
            }
        )
        return env

    def execute(self, context: dict[str, Any]) -> Any:
        bash = shutil.which("bash")
        if bash is None:
            raise AirflowException("BashOperator needs bash, which is not installed here")
        if self.cwd is not None and not os.path.isdir(self.cwd):
            raise AirflowException(f"Can not find the cwd: {self.cwd}")
        self._process = subprocess.Popen(
            [bash, "-c", self.bash_command],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=self._environment(context),
            cwd=self.cwd,
            text=True,
            encoding=self.output_encoding,
            errors="replace",
        )
        last = ""
        assert self._process.stdout is not None
        with self._process.stdout:  # closed here, not whenever the Popen is collected
            for raw in self._process.stdout:
                last = raw.rstrip("\n")
                self.log.info("%s", last)
        code = self._process.wait()
        if code in self.skip_on_exit_code:
            raise AirflowSkipException(f"Bash command returned exit code {code}. Skipping.")
        if code != 0:
            raise AirflowException(
                f"Bash command failed. The command returned a non-zero exit code {code}."
            )
        return self.output_processor(last)

    def on_kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
