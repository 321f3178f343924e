"""The mock interview itself: one question at a time against the clock, no verdicts.

The screen drives a :class:`~quizapp.core.mock.MockSession`: every answer is
stored the moment it is submitted; a once-a-second tick redraws the countdown
and, when the budget runs out, keeps what is typed and finishes. Quitting asks
first, then grades what was answered. The report replaces this screen.
"""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Markdown, Static, TextArea

from quizapp.core.answers import MAX_ANSWER_CHARS, cap_message
from quizapp.core.mock import MockSession
from quizapp.core.models import DRILL_KINDS, Question
from quizapp.core.report import MockReport
from quizapp.tui.context import StudyContext
from quizapp.tui.screen_state import BindingsOnChange
from quizapp.tui.widgets.answer_area import AnswerArea
from quizapp.tui.widgets.answer_editor import prepare, question_markdown
from quizapp.tui.widgets.countdown import Countdown, clock_text
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.markdown_parser import shared_parser
from quizapp.tui.widgets.predict_form import PredictForm

TICK_S = 1.0


class ConfirmStop(ModalScreen[bool]):
    """ "Stop the interview?" with the consequence spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Keep going"),
        Binding("y", "answer(True)", "Stop and grade"),
    ]
    DEFAULT_CSS = """
    ConfirmStop { align: center middle; }
    ConfirmStop #confirm { width: 60; height: auto; border: round $warning; background: $surface;
                           padding: 1 2; }
    ConfirmStop #confirm-buttons { height: auto; margin-top: 1; }
    ConfirmStop Button { margin-right: 1; }
    """

    def __init__(self, answered: int, total: int) -> None:
        super().__init__()
        self.answered = answered
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(
                f"Stop the interview now?\n\n{self.answered} of {self.total} questions are "
                "answered: they are kept and graded, and the rest score 0.",
            )
            with Horizontal(id="confirm-buttons"):
                yield Button("Stop and grade (y)", id="confirm-stop", variant="warning")
                yield Button("Keep going (n)", id="confirm-keep", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-stop")

    def action_answer(self, stop: bool) -> None:
        """Close with the learner's choice."""
        self.dismiss(stop)


def progress_strip(session: MockSession) -> Content:
    """``1✓ 2– 3▸ 4· 5·``: answered, skipped, current, not seen."""
    parts: list[str | tuple[str, str]] = []
    for index in range(len(session.questions)):
        label = str(index + 1)
        if index == session.index:
            parts.append((f"{label}▸", "bold reverse"))
        elif session.answer_of(index):
            parts.append((f"{label}✓", "$text-success"))
        elif not session.is_open(index):
            parts.append((f"{label}–", "$text-warning"))
        else:
            parts.append((f"{label}·", "dim"))
        parts.append(" ")
    return Content.assemble(*parts)


class MockInterviewScreen(BindingsOnChange, Screen[None]):
    """One question at a time; the countdown is always on screen."""

    HELP_TITLE = "Mock interview"
    HELP_NOTES = (
        "Answers are kept as you submit them and graded only at the end. Skipped "
        "questions come back after the others; Back revisits the previous one. What you "
        "type and do not submit is kept as a draft (across skip, back, ctrl+q and a crash) "
        "and counts as your answer when the interview ends. When time runs out, what you "
        "typed is submitted and the interview ends."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a priority one runs ahead of keys typed just before it
        # that are still queued in the answer box (a fast typist, a slow ssh link).
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+n", "skip", "Skip", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("ctrl+g", "finish", "Finish", priority=True),
        Binding("escape", "stop", "Stop"),
    ]
    DEFAULT_CSS = """
    MockInterviewScreen #mock-top { height: 1; }
    MockInterviewScreen #mock-position { width: 1fr; padding: 0 1; }
    MockInterviewScreen #mock-strip { height: 1; padding: 0 1; }
    MockInterviewScreen #mock-prompt { height: auto; max-height: 8; margin: 0 1;
                                       border: round $primary; }
    MockInterviewScreen #mock-question { padding: 0 1; }
    MockInterviewScreen #mock-question > MarkdownParagraph:last-child { margin: 0; }
    MockInterviewScreen #mock-answer-area { height: 1fr; }
    MockInterviewScreen #mock-answer { height: 1fr; }
    """

    def __init__(self, context: StudyContext, session: MockSession) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.report: MockReport | None = None
        self._shown: int | None = None
        self._redrawing = False
        """True while a question is being swapped in: its answer box is not there yet."""

    def compose(self) -> ComposeResult:
        yield StableHeader()
        with Horizontal(id="mock-top"):
            yield Static(id="mock-position")
            yield Countdown(id="mock-countdown")
        yield Static(id="mock-strip")
        with VerticalScroll(id="mock-prompt"):
            yield Markdown(id="mock-question", parser_factory=shared_parser)
        yield Vertical(id="mock-answer-area")
        yield QuietFooter()

    async def on_mount(self) -> None:
        self._list_predict_tasks()
        await self._show_question()
        self.set_interval(TICK_S, self.tick)
        session = self.session
        if session.resumed:
            answered = len(session.questions) - len(session.unanswered)
            self.notify(
                f"Resumed: {answered} of {len(session.questions)} answered, "
                f"{clock_text(session.time_left().total_seconds())} left.",
                title="Mock interview",
            )

    @work(thread=True, exclusive=True, group="mock-predict-tasks", exit_on_error=False)
    def _list_predict_tasks(self) -> None:
        """Run every predict question's DAG now, so its table is whole when it comes up."""
        from quizapp.core.predict import PredictError, predict_tasks

        for question in self.session.questions:
            if question.kind == "predict":
                with suppress(PredictError):  # its form says why when it is shown
                    predict_tasks(question)

    # -- drawing -------------------------------------------------------------------

    @property
    def question(self) -> Question:
        """The question on screen."""
        return self.session.current

    async def _show_question(self) -> None:
        self._redrawing = True
        try:
            await self._draw_question()
        finally:
            self._redrawing = False

    async def _draw_question(self) -> None:
        session = self.session
        question = session.current
        self._shown = session.index
        self.query_one("#mock-position", Static).update(
            Content.assemble(
                (f"Q{session.index + 1} of {len(session.questions)}", "bold"),
                (f"  ·  {question.bank}  ·  {question.difficulty}", "dim"),
            )
        )
        self.query_one("#mock-strip", Static).update(progress_strip(session))
        prompt = question_markdown(question)
        if question.kind == "predict":
            prompt += f"\n\n*Predict each task's final {question.ask.replace('_', ' ')}.*"
        self.query_one("#mock-question", Markdown).update(prompt)
        area = self.query_one("#mock-answer-area", Vertical)
        await area.remove_children()
        previous = session.draft_of(session.index) or ""
        if question.kind == "predict":
            form = PredictForm(question, previous, id="mock-predict")
            await area.mount(form)
            self.call_after_refresh(form.focus_table)
        else:
            editor = AnswerArea(id="mock-answer")
            prepare(editor, question, session.draft_of(session.index))
            editor.border_title = f"{editor.border_title} (ctrl+s submits)"
            await area.mount(editor)
            self.call_after_refresh(editor.focus)
        self._draw_clock()

    def _draw_clock(self) -> None:
        self.query_one(Countdown).show(
            self.session.time_left().total_seconds(), self.session.question_time_left()
        )

    def draft(self) -> str:
        """What is typed (or predicted) for the current question right now."""
        if self.query("#mock-predict"):
            return self.query_one("#mock-predict", PredictForm).answer_text
        editors = self.query("#mock-answer").results(TextArea)
        return next((e.text for e in editors), "")

    # -- the clock -------------------------------------------------------------------

    def _keep_draft(self) -> None:
        """Keep what is typed for the question on screen (saved with the interview).

        Not while a question is being swapped in (the box on screen is not its
        own yet), and a drill's untouched starter is no draft.
        """
        if self._redrawing or self.report is not None:
            return
        text = self.draft()
        question = self.session.current
        if question.kind in DRILL_KINDS:
            from quizapp.drills.render import starter_text

            if text == starter_text(question):
                text = ""
        self.session.keep_draft(text)

    def tick(self) -> None:
        """Redraw the countdown; when the budget is used up, submit the draft and finish."""
        if self.report is not None or self._redrawing:
            return
        draft = self.draft()
        if not self.session.expired:
            self._keep_draft()  # saved with the interview: a crash keeps it
        report = self.session.tick(draft)
        if report is not None:
            self._show_report(report, "Time is up: what you typed was submitted.")
            return
        self._draw_clock()

    # -- actions -------------------------------------------------------------------------

    async def action_submit(self) -> None:
        """Keep the answer and go to the next open question."""
        text = self.draft()
        if not text.strip():
            self.notify("Type an answer first, or skip (ctrl+n).", severity="warning")
            return
        if len(text) > MAX_ANSWER_CHARS:
            self.notify(cap_message(len(text)), severity="warning", timeout=8)
        self.session.answer(text)
        await self._after_move()

    def keep_before_quit(self) -> None:
        """``ctrl+q``: the draft is saved with the interview, which resumes next time."""
        self._keep_draft()

    async def action_skip(self) -> None:
        """Leave this question for later (its draft is kept); it comes back after the open ones."""
        self._keep_draft()
        self.session.skip()
        await self._after_move()

    async def action_back(self) -> None:
        """Revisit the previous question (this one's draft is kept)."""
        self._keep_draft()
        self.session.back()
        await self._show_question()

    async def _after_move(self) -> None:
        if not self.session.unanswered:
            self._finish()
            return
        await self._show_question()

    def action_finish(self) -> None:
        """Grade now (asks first while questions are still unanswered)."""
        self.action_stop()

    def action_stop(self) -> None:
        """Ask, then stop and grade what was answered."""
        total = len(self.session.questions)
        answered = total - len(self.session.unanswered)

        def chosen(stop: bool | None) -> None:
            if stop:
                self._finish()

        self.app.push_screen(ConfirmStop(answered, total), chosen)

    def _finish(self) -> None:
        self._keep_draft()
        draft = self.draft()
        if draft.strip() and draft != self.session.answer_of(self.session.index):
            self.session.answer(draft)
        self._show_report(self.session.finish())

    def _show_report(self, report: MockReport, note: str | None = None) -> None:
        from quizapp.tui.screens.mock_report import MockReportScreen

        self.report = report
        while self.app.screen is not self:  # time ran out under the "stop?" question
            self.app.pop_screen()
        self.app.switch_screen(MockReportScreen(self.context, report, note=note))
