"""Predict the run: read a small DAG, predict each task's final state (or try number).

A quiz over ``kind: predict`` questions, driven by a
:class:`~quizapp.core.sessions.QuizSession` with the predict grader, so every
prediction is graded, stored and scheduled like any answer: the questions due
come first, then new ones (the home menu's ``r``, the sandbox's ``p``). After the check,
``w`` opens the sandbox on the same DAG to watch the run that decided it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Markdown, Static

from quizapp.core.models import Question
from quizapp.core.predict import (
    check_prediction,
    parse_prediction,
    retried_tries,
    session_graders,
)
from quizapp.core.sessions import QuizResult, QuizSession
from quizapp.paths import data_dir
from quizapp.tui.context import StudyContext
from quizapp.tui.screen_state import BindingsOnChange
from quizapp.tui.widgets.dag_states import state_text
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.markdown_parser import shared_parser
from quizapp.tui.widgets.predict_form import PredictForm
from quizapp.tui.widgets.verdict import verdict_line


def prediction_lines(question: Question, answer: str) -> Content:
    """``✓ extract   you: failed   run: failed`` for every task."""
    result = check_prediction(question, parse_prediction(answer))
    tries = retried_tries(question)
    width = max((len(c.task) for c in result.checks), default=4)
    lines = []
    for check in result.checks:
        mark = ("✓ ", "bold $text-success") if check.hit else ("✗ ", "bold $text-error")
        you = check.predicted or "?"
        if question.ask == "state":
            shown_you: Content = state_text(you) if check.predicted else Content.styled("?", "dim")
            shown_run = state_text(check.expected)
        else:
            shown_you, shown_run = Content(you), Content.styled(check.expected, "bold")
        lines.append(
            Content.assemble(
                mark,
                f"{check.task:<{width}}   ",
                ("you ", "dim"),
                shown_you,
                ("   run ", "dim"),
                shown_run,
            )
        )
        for step in tries.get(check.task, "").split("; ") if check.task in tries else ():
            lines.append(Content.styled(f"  {'':<{width}}   {step}", "dim"))  # one try a line
    return Content("\n").join(lines)


def dag_file_for(question: Question) -> Path:
    """The question's DAG written to a file the sandbox screen can run."""
    folder = data_dir() / "predict"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{question.id}.py"
    path.write_text(question.dag or "", encoding="utf-8")
    return path


class PredictScreen(BindingsOnChange, Screen[None]):
    """One DAG at a time: predict, check against the sandbox's run, read why."""

    HELP_TITLE = "Predict the run"
    AUTO_FOCUS = None
    HELP_NOTES = (
        "Move through the tasks with the arrow keys and set each prediction: s success, "
        "f failed, k skipped, u upstream_failed (or a digit for a try number). ctrl+s "
        "checks it against a real run in the sandbox; the answer is saved and scheduled "
        "like any quiz answer. The DAGs due for review come first, then new ones; one "
        "you predicted comes back when it is due."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: the keys that set the prediction are table bindings,
        # resolved as they bubble up; ctrl+s must come behind them, not overtake them.
        Binding("ctrl+s", "check", "Check"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("enter,n", "next", "Next"),
        Binding("w", "watch", "Watch the run"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    PredictScreen #predict-status { height: 1; padding: 0 1; background: $boost; }
    PredictScreen #predict-prompt { height: auto; max-height: 5; margin: 0 1; padding: 0 1; }
    PredictScreen #predict-prompt > MarkdownParagraph:last-child { margin: 0; }
    PredictScreen #predict-answer { height: 1fr; }
    PredictScreen #predict-result { height: 1fr; padding: 0 1; display: none; }
    PredictScreen.-graded #predict-result { display: block; }
    PredictScreen.-graded #predict-answer { display: none; }
    PredictScreen #predict-result-verdict { margin-bottom: 1; }
    PredictScreen #predict-result-tasks { margin-bottom: 1; }
    """

    def __init__(
        self,
        context: StudyContext,
        question_ids: Sequence[str] | None = None,
        **_arguments: Any,
    ) -> None:
        super().__init__()
        self.context = context
        catalog = context.catalog
        graders = session_graders(catalog)
        if question_ids:
            chosen = [q for q in map(catalog.get, question_ids) if q is not None]
            self.session = QuizSession(context.store, chosen, clock=context.clock, graders=graders)
        else:
            self.session = QuizSession.due_then_new(
                context.store,
                catalog,
                kinds=("predict",),
                filters=context.selection.filters(),
                clock=context.clock,
                graders=graders,
            )
        self.checking = False

    def compose(self) -> ComposeResult:
        yield StableHeader()
        yield Static(id="predict-status")
        yield Markdown(id="predict-prompt", parser_factory=shared_parser)
        yield Vertical(id="predict-answer")
        with VerticalScroll(id="predict-result"):
            yield Static(id="predict-result-verdict")
            yield Static(id="predict-result-tasks")
            yield Markdown(id="predict-result-answer", parser_factory=shared_parser)
        yield QuietFooter()

    async def on_mount(self) -> None:
        await self._show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question = self.session.current
        answering = question is not None and not self.session.answered and not self.checking
        if action in ("check", "skip"):
            return answering
        if action in ("next", "watch"):
            return question is not None and self.session.answered
        return True

    async def _show_question(self) -> None:
        session = self.session
        question = session.current
        self.set_class(False, "-graded")
        area = self.query_one("#predict-answer", Vertical)
        await area.remove_children()
        status = self.query_one("#predict-status", Static)
        if question is None:
            done = len(session.results)
            right = sum(1 for r in session.results if r.grade.verdict == "correct")
            status.update(Content.styled("Predict the run: done", "bold"))
            self.query_one("#predict-prompt", Markdown).update(
                f"{right} of {done} runs predicted exactly. Everything is saved. "
                "Press escape to go back."
                if session.total
                else self._nothing_to_ask()
            )
            self.refresh_bindings()
            return
        status.update(
            Content.assemble(
                ("Predict the run", "bold"),
                f"  ·  {min(session.position + 1, session.total)} of {session.total}",
                (f"  ·  {question.bank} · {question.difficulty}", "dim"),
            )
        )
        self.query_one("#predict-prompt", Markdown).update(question.prompt)
        form = PredictForm(question, id="predict-form")
        await area.mount(form)
        self.call_after_refresh(form.focus_table)
        self.refresh_bindings()

    def _nothing_to_ask(self) -> str:
        """Why the drill is empty: no predict question chosen, or none due yet."""
        chosen = {q.id for q in self.context.selected_questions() if q.kind == "predict"}
        if not chosen:
            return (
                "There are no predict questions in this selection. Choose other topics "
                "on the home screen (c)."
            )
        due = [card.due for qid, card in self.context.store.cards().items() if qid in chosen]
        when = min(due).astimezone().strftime("%a %d %b %H:%M") if due else "later"
        return (
            f"Nothing to predict now: you have met all {len(chosen)} predict questions in "
            f"this selection and none is due. The next one is due {when}."
        )

    def unsaved_input(self) -> str | None:
        """What quitting now would lose: a prediction made and not checked (None: nothing)."""
        if self.session.current is None or self.session.answered or self.checking:
            return None
        forms = self.query(PredictForm).results(PredictForm)
        if not any(form.answer_text.strip() for form in forms):
            return None
        return "Your prediction for this DAG is not checked yet: it would be lost."

    # -- actions -------------------------------------------------------------------

    def action_check(self) -> None:
        """Grade the prediction against the sandbox's run (in a worker), then show why."""
        if not self.check_action("check", ()):
            return
        form = self.query_one(PredictForm)
        if form.error:
            self.notify(form.error, severity="error")
            return
        if not form.tasks:
            self.notify("The tasks are still loading.")
            return
        if not form.complete:
            self.notify("Predict every task first.", severity="warning")
            return
        self.checking = True
        self._grade(form.answer_text)

    @work(thread=True, exclusive=True, group="predict-grade", exit_on_error=False)
    def _grade(self, answer: str) -> None:
        question = self.session.current
        assert question is not None
        try:
            self.session.submit(answer)
        except Exception as error:  # shown, never a traceback; the prediction stays
            self.app.call_from_thread(self._failed, error)
            return
        result = self.session.last
        assert result is not None
        self.app.call_from_thread(self._show_result, question, result)

    def _failed(self, error: Exception) -> None:
        self.checking = False
        self.notify(f"Your prediction could not be checked or saved: {error}", severity="error")

    def _show_result(self, question: Question, result: QuizResult) -> None:
        self.checking = False
        self.query_one("#predict-result-verdict", Static).update(verdict_line(result.grade))
        self.query_one("#predict-result-tasks", Static).update(
            prediction_lines(question, result.answer)
        )
        self.query_one("#predict-result-answer", Markdown).update(
            "**Why**\n\n" + question.answer + "\n\n*Enter: next · w: watch the run*"
        )
        self.set_class(True, "-graded")
        self.query_one("#predict-result", VerticalScroll).focus()
        self.refresh_bindings()

    async def action_next(self) -> None:
        """The next DAG."""
        if self.session.answered:
            self.session.next()
            await self._show_question()

    async def action_skip(self) -> None:
        """Leave this DAG unanswered (nothing is saved)."""
        if self.check_action("skip", ()):
            self.session.skip()
            await self._show_question()

    def action_watch(self) -> None:
        """Run this DAG in the sandbox screen."""
        from quizapp.tui.screens.sandbox import SandboxScreen

        question = self.session.current
        if question is not None and question.dag:
            self.app.push_screen(SandboxScreen(self.context, path=dag_file_for(question)))
