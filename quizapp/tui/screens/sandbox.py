"""The sandbox: pick an example (or open a DAG file), read it, run it, watch it run.

The run happens in a child process (:func:`quizapp.sandbox.isolate.run_isolated`)
driven from a thread worker, so a task that raises, calls ``sys.exit`` or never
ends cannot take the app down: it shows as failed (with the reason in its log)
and the screen goes on. Events arrive one by one and recolour the grid as they
come; when the run ends, the final result fills in the timeline, logs and XComs.
"""

from __future__ import annotations

import json
import math
import threading
import time
from pathlib import Path
from typing import ClassVar

from rich.syntax import Syntax
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    DataTable,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from quizapp.sandbox.catalog import example_names, example_path, example_summary
from quizapp.sandbox.events import Event, LogLine, RunFinished, RunStarted, TaskEvent
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.isolate import DEFAULT_TIME_LIMIT, run_isolated
from quizapp.sandbox.report import offset_text
from quizapp.sandbox.result import RunResult
from quizapp.tui.context import StudyContext
from quizapp.tui.screen_state import BindingsOnChange, KeptStyles
from quizapp.tui.widgets.dag_grid import DagGrid
from quizapp.tui.widgets.dag_states import state_text
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.timeline import Timeline

#: Event kinds that set a task instance's state, and the state they set.
EVENT_STATES = {
    "queued": "queued",
    "running": "running",
    "up_for_retry": "up_for_retry",
    "up_for_reschedule": "up_for_reschedule",
    "success": "success",
    "failed": "failed",
    "skipped": "skipped",
    "upstream_failed": "upstream_failed",
}


class OpenFileScreen(ModalScreen[Path | None]):
    """Ask for the path of a DAG file."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    OpenFileScreen { align: center middle; }
    OpenFileScreen #open-file { width: 70; height: auto; border: round $primary;
                                background: $surface; padding: 0 1; }
    OpenFileScreen #open-error { color: $text-error; height: auto; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="open-file"):
            yield Label("Path of a DAG file (Enter opens it, Escape cancels)")
            yield Input(placeholder="~/dags/my_dag.py", id="open-path")
            yield Static(id="open-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not path.is_file():
            self.query_one("#open-error", Static).update(f"No such file: {path}")
            return
        self.dismiss(path)


def xcom_text(xcom: dict[str, dict[str, object]], label: str | None) -> Content:
    """The XComs of one task (or of every task when ``label`` has none)."""
    chosen = {label: xcom[label]} if label in xcom else xcom
    if not chosen:
        return Content.styled("No XCom values.", "dim")
    lines = []
    for task, values in chosen.items():
        for key, value in values.items():
            shown = json.dumps(value, default=repr)
            if len(shown) > 200:
                shown = shown[:199] + "…"
            lines.append(Content.assemble((task, "bold"), (f"  {key}", "dim"), "  ", shown))
    return Content("\n").join(lines)


class SandboxScreen(BindingsOnChange, KeptStyles, Screen[None]):
    """Read and run the sandbox's examples, or any DAG file."""

    HELP_TITLE = "Sandbox"
    HELP_NOTES = (
        "Runs happen in a separate process on a virtual clock: retry delays and sensor "
        "pokes take no real time, and the timeline shows when each try would have "
        "started. A task that crashes, exits or hangs is marked failed; the app goes on. "
        "A run has a time limit (the countdown beside the status); c cancels it at once."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "run", "Run"),
        Binding("c", "cancel_run", "Cancel run"),
        Binding("o", "open_file", "Open file"),
        Binding("p", "predict", "Predict the run"),
        Binding("1", "tab('sandbox-source')", "Source"),
        Binding("2", "tab('sandbox-grid')", "Grid"),
        Binding("3", "tab('sandbox-timeline')", "Timeline"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    SandboxScreen #sandbox-examples { width: 20; border: round $surface-lighten-2; }
    SandboxScreen #sandbox-examples:focus { border: round $primary; }
    SandboxScreen #sandbox-status-row { height: 1; background: $boost; }
    SandboxScreen #sandbox-status { width: 1fr; height: 1; padding: 0 1; }
    SandboxScreen #sandbox-countdown { width: auto; height: 1; padding: 0 1; color: $warning; }
    SandboxScreen DagGrid { height: 1fr; }
    SandboxScreen #sandbox-detail { height: 8; border-top: solid $surface-lighten-2; }
    SandboxScreen #sandbox-log, SandboxScreen #sandbox-xcom { width: 1fr; padding: 0 1; }
    SandboxScreen #sandbox-xcom { border-left: solid $surface-lighten-2; }
    """

    def __init__(
        self,
        context: StudyContext | None = None,
        example: str | None = None,
        path: str | Path | None = None,
        time_limit: float = DEFAULT_TIME_LIMIT,
        **_arguments: object,
    ) -> None:
        super().__init__()
        self.context = context
        self.target: Path | None = Path(path) if path else None
        self.example = example if self.target is None else None
        self.time_limit = time_limit
        self.autorun = example is not None or path is not None
        self.result: RunResult | None = None
        self.logs: dict[str, list[str]] = {}
        self.running = False
        self._cancel = threading.Event()
        if self.target is not None:  # an opened file keeps the keyboard off the example list
            self.AUTO_FOCUS = "#sandbox-dag"  # type: ignore[misc]  # per screen, not per class
        self._deadline: float | None = None
        #: The run stopped with ``c``: its (cancelled) result is still shown.
        self._cancelled_by_key: threading.Event | None = None

    def compose(self) -> ComposeResult:
        names = example_names()
        yield StableHeader()
        with Horizontal():
            yield OptionList(*(Option(name, id=name) for name in names), id="sandbox-examples")
            with Vertical():
                with Horizontal(id="sandbox-status-row"):
                    yield Static(id="sandbox-status")
                    yield Static(id="sandbox-countdown")
                with TabbedContent(initial="sandbox-source", id="sandbox-tabs"):
                    with TabPane("Source", id="sandbox-source"):
                        yield VerticalScroll(Static(id="sandbox-code"), id="sandbox-code-scroll")
                    with TabPane("Grid", id="sandbox-grid"), Vertical():
                        yield DagGrid(id="sandbox-dag")
                        with Horizontal(id="sandbox-detail"):
                            yield VerticalScroll(Static(id="sandbox-log-text"), id="sandbox-log")
                            yield VerticalScroll(Static(id="sandbox-xcom-text"), id="sandbox-xcom")
                    with TabPane("Timeline", id="sandbox-timeline"), VerticalScroll():
                        yield Timeline(id="sandbox-timeline-view")
        yield QuietFooter()

    def on_mount(self) -> None:
        names = example_names()
        examples = self.query_one("#sandbox-examples", OptionList)
        if self.target is None and self.example not in names:
            if self.example is not None:
                self.notify(f"There is no example called {self.example!r}.", severity="warning")
            self.example = names[0] if names else None
        if self.example in names:
            examples.highlighted = names.index(self.example)
        if self.target is None:
            examples.focus()
        self.query_one("#sandbox-countdown", Static).display = False
        self.set_interval(0.5, self._tick)
        self._load_source()
        if self.autorun:
            self.action_run()

    def on_unmount(self) -> None:
        """Leaving the screen stops a run still in progress (its child process is killed)."""
        self._cancel.set()

    def on_screen_suspend(self) -> None:
        """Closed (the app keeps it for the next visit; not merely covered): stop the run."""
        if self not in self.app.screen_stack and self.running:
            self._cancel.set()
            self._set_running(False)
            self._status(Content.assemble(("Stopped", "bold"), "  r: run again"))

    # -- what to run -------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The DAG file shown: an opened file, or the chosen example's."""
        if self.target is not None:
            return self.target
        if self.example is None:
            return None
        try:
            return example_path(self.example)
        except SandboxError:
            return None

    def _load_source(self) -> None:
        path = self.path
        code = self.query_one("#sandbox-code", Static)
        if path is None:
            code.update("No DAG chosen.")
            return
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            code.update(Content.styled(f"Cannot read {path}: {error}", "$text-error"))
            return
        code.update(
            Syntax(source, "python", line_numbers=True, background_color="default", word_wrap=True)
        )
        what = self.example if self.target is None else str(path)
        summary = example_summary(self.example) if self.target is None and self.example else ""
        self._status(Content.assemble((what or "", "bold"), (f"  {summary}", "dim"), "  r: run"))

    def _status(self, content: Content | str) -> None:
        self.query_one("#sandbox-status", Static).update(content)

    @on(OptionList.OptionHighlighted, "#sandbox-examples")
    def _example_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.target is not None and not event.option_list.has_focus:
            return  # the list's own first highlight: an opened file stays (predict's "watch")
        if event.option.id and (self.target is not None or event.option.id != self.example):
            self.target = None
            self.example = event.option.id
            self._load_source()
            if not self.running:
                self._clear_run()
                self.action_tab("sandbox-source")

    def _clear_run(self) -> None:
        """Forget the last run's drawing (another DAG is chosen)."""
        self.result = None
        self.logs = {}
        self.query_one(DagGrid).set_shape({})
        self.query_one("#sandbox-log-text", Static).update("")
        self.query_one("#sandbox-xcom-text", Static).update("")
        self.query_one(Timeline).show([])

    @on(OptionList.OptionSelected, "#sandbox-examples")
    def _example_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_run()

    def action_open_file(self) -> None:
        """Open a DAG file by path."""

        def opened(path: Path | None) -> None:
            if path is not None:
                self.target = path
                self.example = None
                self._load_source()
                self.action_run()

        self.app.push_screen(OpenFileScreen(), opened)

    def action_tab(self, tab: str) -> None:
        """Show one tab."""
        self.query_one("#sandbox-tabs", TabbedContent).active = tab

    def action_predict(self) -> None:
        """Predict-the-run questions: guess each task's outcome, then check it."""
        from quizapp.tui.screens.predict import PredictScreen

        if self.context is None:
            return
        self.app.push_screen(PredictScreen(self.context))

    # -- running -------------------------------------------------------------------

    def action_run(self) -> None:
        """Run the DAG in a child process and draw it as it goes."""
        path = self.path
        if path is None or self.running:
            return
        self._set_running(True)
        if self._cancel.is_set():  # the last run was stopped (the screen closed, or c)
            self._cancel = threading.Event()
        self._clear_run()
        self.action_tab("sandbox-grid")
        self.query_one(DagGrid).focus()
        self._status(Content.assemble(("Running ", "bold"), str(path.name), "…"))
        # Not a logical date: the runs are planned as `quizapp sandbox run` plans them (a
        # DAG with catchup and an end_date gets its catch-up runs); "now" is the app's clock.
        now = self.context.clock.now().isoformat() if self.context else None
        self._run(path, now)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self._deadline = time.monotonic() + self.time_limit if running and self.time_limit else None
        countdown = self.query_one("#sandbox-countdown", Static)
        countdown.display = running
        self._tick()
        self.refresh_bindings()

    def _tick(self) -> None:
        """Redraw the countdown of the run in progress."""
        if not self.running:
            return
        countdown = self.query_one("#sandbox-countdown", Static)
        if self._deadline is None:
            countdown.update("no time limit · c cancel")
            return
        left = max(0, math.ceil(self._deadline - time.monotonic()))
        countdown.update(f"{left} s left · c cancel")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Cancel is offered only while a run is in progress."""
        if action == "cancel_run":
            return self.running
        return True

    def action_cancel_run(self) -> None:
        """Stop the run in progress now (its child process and what it started are killed)."""
        if self.running:
            self._cancelled_by_key = self._cancel
            self._cancel.set()

    def _reports(self, cancel: threading.Event) -> bool:
        """Whether a run's events and result are still drawn (not once the screen closed)."""
        return not cancel.is_set() or cancel is self._cancelled_by_key

    @work(thread=True, exclusive=True, group="sandbox-run", exit_on_error=False)
    def _run(self, path: Path, now: str | None) -> None:
        cancel = self._cancel  # this run's: a later run gets its own

        def sink(event: Event) -> None:
            if self._reports(cancel):
                self.app.call_from_thread(self._event, event)

        try:
            results = run_isolated(
                path=path,
                now=now,
                sink=sink,
                time_limit=self.time_limit,
                cancel=cancel,
                confined=self._confined(path),
            )
        except SandboxError as error:
            if self._reports(cancel):
                self.app.call_from_thread(self._failed, str(error))
            return
        if self._reports(cancel):
            self.app.call_from_thread(self._finished, results)

    @staticmethod
    def _confined(path: Path) -> bool:
        """A predict question's DAG (written to the data folder to watch it) runs confined."""
        from quizapp.paths import data_dir

        try:
            path.resolve().relative_to((data_dir() / "predict").resolve())
        except (ValueError, OSError):
            return False
        return True

    def _event(self, event: Event) -> None:
        grid = self.query_one(DagGrid)
        if isinstance(event, RunStarted):
            shape = dict(event.upstream) or {task: () for task in event.task_ids}
            grid.set_shape(shape, dict(event.roles))
            self.logs = {}
        elif isinstance(event, LogLine):
            self.logs.setdefault(event.label, []).append(event.line)
            if grid.selected_label == event.label:
                self._show_task(event.label)
        elif isinstance(event, TaskEvent) and event.kind in EVENT_STATES:
            grid.set_state(
                event.task_id, event.map_index, EVENT_STATES[event.kind], event.try_number
            )
        elif isinstance(event, RunFinished):
            self._status(Content.assemble(("Finished ", "bold"), state_text(event.state)))

    def _failed(self, error: str) -> None:
        self._set_running(False)
        self._status(Content.styled(f"Cannot run: {error}", "$text-error"))
        self.notify(error, title="Sandbox", severity="error", timeout=8)

    def _finished(self, results: list[RunResult]) -> None:
        self._set_running(False)
        if not results:
            self._failed("the file planned no run")
            return
        result = results[-1]
        self.result = result
        grid = self.query_one(DagGrid)
        for task in result.tasks.values():
            grid.set_state(task.task_id, task.map_index, task.state, task.try_number)
            self.logs[task.label] = task.log + ([f"! {task.reason}"] if task.reason else [])
        timeline = result.timeline
        self.query_one(Timeline).show(timeline)
        span = offset_text(max((e.offset for e in timeline), default=0.0))
        parts: list[str | tuple[str, str] | Content] = [
            (f"{result.dag_id} ", "bold"),
            state_text(result.state),
            (f"  virtual time {span}", "dim"),
        ]
        if result.error:
            parts.append((f"  {result.error}", "$text-error"))
        if len(results) > 1:
            parts.append((f"  (last of {len(results)} runs)", "dim"))
        self._status(Content.assemble(*parts))
        self._show_task(grid.selected_label)

    @on(DataTable.RowHighlighted, "#sandbox-dag")
    def _task_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_task(event.row_key.value)

    def _show_task(self, label: str | None) -> None:
        log = self.logs.get(label or "", [])
        title = Content.styled(f"log of {label}" if label else "log", "bold")
        body = Content("\n").join([title, *(Content(line) for line in log)])
        if not log:
            body = Content("\n").join([title, Content.styled("(nothing logged)", "dim")])
        self.query_one("#sandbox-log-text", Static).update(body)
        if self.result is not None:
            self.query_one("#sandbox-xcom-text", Static).update(
                Content("\n").join(
                    [Content.styled("XCom", "bold"), xcom_text(self.result.xcom, label)]
                )
            )
