"""A predict-the-run answer: the DAG's source beside one prediction per task.

The tasks to predict come from a sandbox run (see :mod:`quizapp.core.predict`),
done in a thread worker so the form never blocks the screen. The learner moves
through the tasks with the arrow keys and sets each one:

- ``ask: state``: ``s`` success, ``f`` failed, ``k`` skipped, ``u``
  upstream_failed, space cycles through them;
- ``ask: try_number``: a digit sets it, space adds one.

:attr:`PredictForm.answer_text` is the prediction as text (``task: value``
lines), which is what sessions grade and store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.syntax import Syntax
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from quizapp.core.models import Question
from quizapp.core.predict import (
    FINAL_STATES,
    PredictError,
    format_prediction,
    known_tasks,
    parse_prediction,
    predict_tasks,
)
from quizapp.tui.widgets.dag_states import state_chip

if TYPE_CHECKING:
    from quizapp.core.trust import UntrustedBankError

STATE_KEYS = {"s": "success", "f": "failed", "k": "skipped", "u": "upstream_failed"}
MOVE_KEYS = frozenset({"up", "down", "pageup", "pagedown", "home", "end"})
"""Moving the cursor ends a refusal: the learner is back to picking tasks."""
PASS_KEYS = frozenset({"question_mark", "tab", "shift+tab", "escape", "enter"})
"""Printable or not, these keep their app-wide meaning in the table."""


class PredictionTable(DataTable[Text]):
    """Task rows with the learner's prediction; keys set the value of the row under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, f"set_value('{value}')", show=False) for key, value in STATE_KEYS.items()),
        *(Binding(str(d), f"set_value('{d}')", show=False) for d in range(10)),
        Binding("space", "cycle", "Next value", show=False),
    ]

    class Refused(Message):
        """A key outside the table's vocabulary (typed prose): nothing was set."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, ask: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.ask = ask
        self.values: dict[str, str] = {}
        self.refusing = False
        """After a key outside the vocabulary, value keys are ignored until the cursor moves
        (prose typed into the table must not turn into predictions)."""

    def in_vocabulary(self, key: str) -> bool:
        """Whether ``key`` sets or cycles a value for this question's ``ask``."""
        if key == "space":
            return True
        return key in STATE_KEYS if self.ask == "state" else key.isdigit()

    def on_key(self, event: events.Key) -> None:
        """Refuse printable keys the table does not use (and the prose typed after them)."""
        if event.key in MOVE_KEYS:
            self.refusing = False
            return
        if event.key in PASS_KEYS or not (event.is_printable or event.key == "space"):
            return
        if self.in_vocabulary(event.key) and not self.refusing:
            return
        event.stop()
        event.prevent_default()
        if not self.refusing:
            self.post_message(self.Refused(event.key))
        self.refusing = True

    def on_mount(self) -> None:
        self.add_column("task", key="task")
        self.add_column("your prediction", key="value", width=17)

    def load(self, tasks: list[str], values: dict[str, str]) -> None:
        """One row per task, with any values already given."""
        self.clear()
        self.values = {task: values.get(task, "") for task in tasks}
        for task in tasks:
            self.add_row(Text(task), self._cell(self.values[task]), key=task)

    def _cell(self, value: str) -> Text:
        if not value:
            return Text("?", style="dim")
        return state_chip(value) if self.ask == "state" else Text(value, style="bold")

    def _current_task(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return key

    def action_set_value(self, value: str) -> None:
        """Set the prediction of the task under the cursor."""
        task = self._current_task()
        if task is None:
            return
        if (self.ask == "state") != (value in FINAL_STATES):
            return
        self.values[task] = value
        self.update_cell(task, "value", self._cell(value))
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1)

    def action_cycle(self) -> None:
        """Move the task under the cursor to the next value."""
        task = self._current_task()
        if task is None:
            return
        current = self.values.get(task, "")
        if self.ask == "state":
            index = FINAL_STATES.index(current) + 1 if current in FINAL_STATES else 0
            value = FINAL_STATES[index % len(FINAL_STATES)]
        else:
            value = str(int(current) + 1 if current.isdigit() else 1)
        self.values[task] = value
        self.update_cell(task, "value", self._cell(value))


class PredictForm(Vertical):
    """The DAG source and the prediction table, side by side."""

    DEFAULT_CSS = """
    PredictForm { height: 1fr; }
    PredictForm #predict-body { height: 1fr; }
    PredictForm #predict-source { width: 1fr; border: round $surface-lighten-2; }
    PredictForm #predict-side { width: 34; }
    PredictForm PredictionTable { height: 1fr; border: round $surface-lighten-2; }
    PredictForm PredictionTable:focus { border: round $primary; }
    PredictForm #predict-keys { height: auto; color: $text-muted; padding: 0 1; }
    """

    def __init__(
        self,
        question: Question,
        answer: str = "",
        *,
        autofocus: bool = True,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.autofocus = autofocus
        self.initial = parse_prediction(answer)
        self.tasks: list[str] = []
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="predict-body"):
            with VerticalScroll(id="predict-source"):
                yield Static(
                    Syntax(
                        self.question.dag or "",
                        "python",
                        background_color="default",
                        word_wrap=True,
                    ),
                )
            with Vertical(id="predict-side"):
                yield PredictionTable(self.question.ask, id="predict-table")
                yield Static(self._keys_text(), id="predict-keys")

    def _keys_text(self) -> str:
        if self.question.ask == "state":
            return "s success  f failed  k skipped\nu upstream_failed  space: next"
        return "type the try number (0-9)\nspace: one more"

    @on(PredictionTable.Refused)
    def _refused(self, event: PredictionTable.Refused) -> None:
        keys = "s, f, k, u or space" if self.question.ask == "state" else "a digit or space"
        hint = (
            f"Not a text box: {event.key!r} does nothing here. Pick a task with the arrow "
            f"keys, then press {keys}. Keys are ignored until you move."
        )
        self.query_one("#predict-keys", Static).update(Content.styled(hint, "$text-warning"))
        self.notify(hint, title="Predict each task", severity="warning", timeout=4)

    def on_mount(self) -> None:
        known = known_tasks(self.question)
        if known is not None:  # listed already: the table is whole on its first frame
            self._show_tasks(known)
            return
        self.query_one(PredictionTable).loading = True
        self._load_tasks()

    @work(thread=True, exclusive=True, group="predict-tasks", exit_on_error=False)
    def _load_tasks(self) -> None:
        from quizapp.core.trust import UntrustedBankError

        try:
            tasks = predict_tasks(self.question)
        except UntrustedBankError as error:
            self.app.call_from_thread(self._ask_trust, error)
            return
        except PredictError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self._show_tasks, tasks)

    def _ask_trust(self, error: UntrustedBankError) -> None:
        """Show the code and ask before a DAG from an untrusted bank runs."""
        from quizapp.tui.screens.trust import TrustPrompt

        self._failed(str(error))

        def answered(yes: bool | None) -> None:
            if yes:
                self.error = None
                self.query_one("#predict-keys", Static).update(self._keys_text())
                self.query_one(PredictionTable).loading = True
                self._load_tasks()

        self.app.push_screen(TrustPrompt(error), answered)

    def _show_tasks(self, tasks: list[str]) -> None:
        self.tasks = tasks
        table = self.query_one(PredictionTable)
        table.load(tasks, self.initial)
        table.loading = False
        if self.autofocus:
            table.focus()

    def _failed(self, error: str) -> None:
        self.error = error
        table = self.query_one(PredictionTable)
        table.loading = False
        self.query_one("#predict-keys", Static).update(Content.styled(error, "$text-error"))

    @property
    def prediction(self) -> dict[str, str]:
        """Each task's predicted value ("" when not set yet)."""
        tables = list(self.query(PredictionTable))
        return dict(tables[0].values) if tables and tables[0].values else dict(self.initial)

    @property
    def answer_text(self) -> str:
        """The prediction as sessions grade it (``task: value`` lines)."""
        return format_prediction(self.prediction)

    @property
    def complete(self) -> bool:
        """Whether every task has a prediction."""
        values = self.prediction
        return bool(values) and all(values.values())

    def focus_table(self) -> None:
        """Put the keyboard in the prediction table."""
        self.query_one(PredictionTable).focus()
