"""The free-text quiz: type an answer, submit, read the verdict, the points, the model answer.

A thin shell over :class:`quizapp.core.sessions.QuizSession`. Grading and the
commit run in a thread worker (``submit`` grades, then stores the review before
it returns), and the verdict is drawn only when both are done: whatever the
screen shows is already on disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Markdown, Static, TextArea

from quizapp.core.answers import MAX_ANSWER_CHARS, cap_message
from quizapp.core.models import DRILL_KINDS, Grade, Question
from quizapp.core.predict import session_graders
from quizapp.core.sessions import QuizResult, QuizSession
from quizapp.tui.context import Selection, StudyContext
from quizapp.tui.errors import database_errors
from quizapp.tui.messages import OpenExample
from quizapp.tui.screen_state import BindingsOnChange, KeptStyles, set_state_classes
from quizapp.tui.widgets.answer_area import AnswerArea
from quizapp.tui.widgets.answer_editor import prepare, question_markdown
from quizapp.tui.widgets.focus_scroll import FocusScroll
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.markdown_parser import shared_parser
from quizapp.tui.widgets.note import note_content
from quizapp.tui.widgets.predict_form import PredictForm
from quizapp.tui.widgets.verdict import (
    highlighted_answer,
    reason_text,
    verdict_details,
    verdict_line,
)

DEFAULT_QUESTIONS = 10
"""Questions in a quiz started from the home screen: the weakest, topped up with unseen ones."""


QUIZ_STATES = ("answering", "grading", "graded", "finished")

MODEL_ANSWER_DELAY = 0.15
"""Seconds after a question is shown before its (hidden) model answer is drawn."""


class QuizScreen(BindingsOnChange, KeptStyles, Screen[None]):
    """One question at a time: answering, then its verdict, until the quiz is over."""

    HELP_TITLE = "Quiz"
    HELP_NOTES = (
        "In the answer box Enter starts a new line and Tab moves to the Submit button; "
        "ctrl+s submits from anywhere. Your answer is graded on the question's key points: "
        "the words that matched are underlined in your own answer. Every answer is saved "
        "before its verdict is shown."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a priority one runs ahead of keys typed just before it
        # that are still queued in the answer box (a fast typist, a slow ssh link).
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("enter,n", "next", "Next question"),
        Binding("r", "override", "I was right"),
        Binding("e", "example", "Example source"),
        Binding("ctrl+t", "hint", "Hint"),
        Binding("escape", "leave", "Home"),
        Binding("f1", "help_while_typing", "Help"),  # "?" types a "?" in the answer box
    ]

    def __init__(
        self,
        context: StudyContext,
        question_ids: Sequence[str] | None = None,
        count: int = DEFAULT_QUESTIONS,
        **_arguments: Any,
    ) -> None:
        super().__init__()
        self.context = context
        self._count = count
        self.session = self._new_session(context, question_ids)
        self.grading = False
        self._leave_warned = False
        self._predict_form: PredictForm | None = None
        self._model_answer_for: str | None = None
        self._prompt_generation = 0
        self._reveal: asyncio.Task[None] | None = None

    def _new_session(
        self, context: StudyContext, question_ids: Sequence[str] | None = None
    ) -> QuizSession:
        graders = session_graders(context.catalog)
        if question_ids:
            chosen = [q for q in map(context.catalog.get, question_ids) if q is not None]
            return QuizSession(context.store, chosen, clock=context.clock, graders=graders)
        return QuizSession.weakest(
            context.store,
            context.catalog,
            count=self._count,
            filters=context.selection.filters(),
            clock=context.clock,
            graders=graders,
        )

    def renew(self, context: StudyContext) -> None:
        """Start a new quiz on this (kept) screen, as a new screen would: the app keeps it.

        Building the screen's widgets and laying them out is most of a first frame;
        a new session and its first question are a few milliseconds.
        """
        session = self._new_session(context)  # raises before anything changes
        self.context = context
        self.session = session
        self.grading = False
        self.query_one("#quiz-question", VerticalScroll).scroll_home(animate=False)
        prompt = self.query_one("#quiz-prompt", Markdown)
        question = session.current
        if question is None or prompt.source == question_markdown(question):
            self._show_question()
            return
        # The last quiz's question must not show, not even for a frame: the prompt is
        # hidden until its new blocks are in (a new screen's first frame has none either).
        prompt.visible = False
        self._prompt_generation += 1
        generation = self._prompt_generation
        update = self._show_question()

        async def reveal() -> None:
            try:
                await update
            finally:  # never leave the prompt hidden, even if its update failed
                if generation == self._prompt_generation:
                    prompt.visible = True

        self._reveal = asyncio.get_running_loop().create_task(reveal())

    def compose(self) -> ComposeResult:
        yield StableHeader()
        yield Static(id="quiz-status")
        with Vertical(id="quiz-body"):
            with VerticalScroll(id="quiz-question"):
                yield Markdown(id="quiz-prompt", parser_factory=shared_parser)
            with Vertical(id="quiz-answering"):
                yield AnswerArea(id="answer-input", soft_wrap=True, tab_behavior="focus")
                with Horizontal(id="quiz-buttons"):
                    yield Button("Submit  ctrl+s", id="submit", variant="primary")
                    yield Static("Enter = new line · Tab = to the button", id="quiz-hint")
            with FocusScroll(id="quiz-verdict"):
                yield Static(id="verdict-line")
                yield Static(id="verdict-reason")
                yield Static("Key points", classes="verdict-heading")
                yield Static(id="verdict-points")
                yield Static("Your answer", classes="verdict-heading")
                yield Static(id="verdict-answer")
                yield Static("Model answer", classes="verdict-heading")
                yield Markdown(id="model-answer", parser_factory=shared_parser)
                yield Static(id="quiz-note")
                yield Static(id="verdict-keys")
            yield Static(id="quiz-done")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#answer-input").border_title = "Your answer"
        self._show_question()

    # -- drawing ----------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        """``answering``, ``grading``, ``graded`` or ``finished`` (a CSS class each).

        The parts shown are switched directly (as the stylesheet's state rules
        would): restyling the whole screen for a class costs a frame or two.
        The Footer keeps the answering keys while grading (a few milliseconds:
        the actions refuse to run meanwhile), so it is rebuilt once, for the verdict.
        """
        set_state_classes(self, state, QUIZ_STATES, update=False)
        shown = {
            "#quiz-question": state != "finished",
            "#quiz-answering": state in ("answering", "grading"),
            "#quiz-verdict": state == "graded",
            "#quiz-done": state == "finished",
        }
        for selector, display in shown.items():
            self.query_one(selector).display = display
        if state != "grading":
            self.refresh_bindings()

    def _show_status(self) -> None:
        session = self.session
        where = (
            "finished" if session.done else f"question {session.position + 1} of {session.total}"
        )
        parts: list[str | tuple[str, str]] = [("Quiz", "bold"), f"  ·  {where}"]
        question = session.current
        if question is not None:
            parts.append(("  ·  " + f"{question.bank} · {question.difficulty}", "dim"))
        if self.context.selection != Selection():
            parts.append(("  ·  " + self.context.selection.describe(), "dim"))
        self.query_one("#quiz-status", Static).update(Content.assemble(*parts))

    def _show_question(self) -> AwaitComplete:
        """Show the current question (or the end); the result completes once its prompt is in."""
        question = self.session.current
        self._show_status()
        if question is None:
            self._show_finished()
            done: AwaitComplete = AwaitComplete.nothing()
            return done
        drill = question.kind in DRILL_KINDS
        self.set_class(drill, "drill")
        self.query_one("#quiz-hint", Static).update(
            "Tab indents · esc leaves the editor · ctrl+t hint"
            if drill
            else "Enter = new line · Tab = to the button"
        )
        prompt_update = self.query_one("#quiz-prompt", Markdown).update(question_markdown(question))
        answer = self.query_one("#answer-input", AnswerArea)
        prepare(answer, question)
        answer.frozen = False
        self._leave_warned = False
        self._set_state("answering")
        answer.focus()
        self._swap_answer_input(question)
        # The model answer is drawn (hidden) while the learner reads the question, so
        # that the verdict does not wait for its Markdown to be parsed and mounted: a
        # moment after the first frame, not on it, which also waits for the prompt's own
        # Markdown blocks (the verdict draws it then if it comes first).
        self.set_timer(MODEL_ANSWER_DELAY, lambda: self._prepare_model_answer(question))
        return prompt_update

    def _prepare_model_answer(self, question: Question) -> None:
        current = self.session.current
        if current is None or current.id != question.id:
            return  # skipped meanwhile: the next question's turn
        if self._model_answer_for != question.id:
            self._model_answer_for = question.id
            self.query_one("#model-answer", Markdown).update(question.answer)

    def _swap_answer_input(self, question: Question) -> None:
        """A predict question takes one prediction per task instead of free text."""
        if self._predict_form is not None:
            self._predict_form.remove()
            self._predict_form = None
        predict = question.kind == "predict"
        self.query_one("#answer-input", TextArea).display = not predict
        if predict:
            self._predict_form = PredictForm(question)
            self.query_one("#quiz-answering", Vertical).mount(self._predict_form, before=0)

    def _show_verdict(self, question: Question, result: QuizResult) -> None:
        grade: Grade = result.grade
        self.query_one("#verdict-line", Static).update(
            verdict_line(grade, overridden=result.overridden)
        )
        self.query_one("#verdict-reason", Static).update(reason_text(grade))
        self.query_one("#verdict-points", Static).update(verdict_details(grade))
        self.query_one("#verdict-answer", Static).update(
            highlighted_answer(result.answer, grade)
            if result.answer.strip()
            else Content.styled("(no answer)", "dim")
        )
        self._prepare_model_answer(question)
        note = self.query_one("#quiz-note", Static)
        note.update(note_content(question.note or ""))
        note.display = bool(question.note)
        self.query_one("#verdict-keys", Static).update(self._verdict_keys(question, result))
        self._set_state("graded")
        verdict = self.query_one("#quiz-verdict", FocusScroll)
        verdict.scroll_home(animate=False)
        verdict.focus()

    def _verdict_keys(self, question: Question, result: QuizResult) -> Content:
        parts: list[str | tuple[str, str]] = [("Enter", "bold"), " next question"]
        if (
            not result.overridden
            and result.grade.verdict != "correct"
            and self.session.override_refused() is None
        ):
            parts += ["   ", ("r", "bold"), " I was right"]
        if question.sandbox:
            parts += ["   ", ("e", "bold"), f" example source ({question.sandbox})"]
        parts += ["   ", ("Escape", "bold"), " home"]
        return Content.assemble(*parts)

    def _show_finished(self) -> None:
        results = self.session.results
        done = self.query_one("#quiz-done", Static)
        if not results:
            done.update(
                "No questions to ask in this selection. Choose other topics on the home "
                "screen (c).  Press escape to go back."
                if not self.session.total
                else "Quiz over: every question was skipped.  Press escape to go back."
            )
        else:
            counts = {v: 0 for v in ("correct", "partial", "incorrect")}
            for result in results:
                counts["correct" if result.overridden else result.grade.verdict] += 1
            lines: list[Content] = [
                Content.assemble(
                    ("Quiz finished. ", "bold"),
                    f"{len(results)} answered: {counts['correct']} correct, "
                    f"{counts['partial']} partly right, {counts['incorrect']} not yet. "
                    "All of it is saved.",
                ),
                Content(""),
            ]
            for result in results:
                mark = (
                    "✓"
                    if result.overridden or result.grade.verdict == "correct"
                    else ("~" if result.grade.verdict == "partial" else "✗")
                )
                lines.append(
                    Content(f"{mark} {result.grade.score:4.0%}  {result.question.prompt[:60]}")
                )
            lines += [Content(""), Content("Press escape to go home.")]
            done.update(Content("\n").join(lines))
        self._set_state("finished")

    # -- actions -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        answering = session.current is not None and not session.answered and not self.grading
        graded = session.current is not None and session.answered
        if action in ("submit", "skip", "help_while_typing"):
            return answering
        if action == "next":
            return graded
        if action == "override":
            last = session.last
            return (
                graded
                and last is not None
                and not last.overridden
                and last.grade.verdict != "correct"
                and session.override_refused() is None
            )
        if action == "hint":
            return answering and session.current is not None and bool(session.current.hint)
        if action == "example":
            return graded and session.current is not None and bool(session.current.sandbox)
        return True

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        """Grade the typed answer (and store it) in a worker; the verdict follows."""
        if self.session.current is None or self.session.answered or self.grading:
            return
        answer_box = self.query_one("#answer-input", AnswerArea)
        answer_box.frozen = True  # no edit while grading (cheaper than read_only)
        self.grading = True
        self._set_state("grading")
        form = self._predict_form
        text = form.answer_text if form is not None else answer_box.text
        if len(text) > MAX_ANSWER_CHARS:
            self.notify(cap_message(len(text)), severity="warning", timeout=8)
        self._grade(text)

    @work(thread=True, exclusive=True, group="grading", exit_on_error=False)
    def _grade(self, answer: str) -> None:
        question = self.session.current
        assert question is not None
        try:
            self.session.submit(answer)
        except Exception as error:  # shown, never a traceback; the answer stays editable
            self.app.call_from_thread(self._grading_failed, error)
            return
        result = self.session.last
        assert result is not None
        self.app.call_from_thread(self._graded, question, result)

    def _graded(self, question: Question, result: QuizResult) -> None:
        self.grading = False
        self._show_verdict(question, result)

    def _grading_failed(self, error: Exception) -> None:
        self.grading = False
        self.notify(f"Your answer could not be graded or saved: {error}", severity="error")
        self.query_one("#answer-input", AnswerArea).frozen = False
        self._set_state("answering")

    def action_next(self) -> None:
        """Go to the next question (or the end of the quiz)."""
        if not self.session.answered:
            return
        self.session.next()
        self._show_question()

    def action_skip(self) -> None:
        """Leave this question unanswered (nothing is saved) and move on."""
        if self.session.current is None or self.session.answered or self.grading:
            return
        self.session.skip()
        self._show_question()

    def action_override(self) -> None:
        """ "I was right": count the last answer as correct (recorded as an override)."""
        if not self.check_action("override", ()):
            return
        try:
            result = self.session.override()
        except database_errors() as error:
            self.notify(f"The override could not be saved: {error}", severity="error")
            return
        self._show_verdict(result.question, result)
        self.notify("Counted as correct; the card is rescheduled as Good.", title="I was right")

    def action_hint(self) -> None:
        """Show the question's hint (drills carry one)."""
        question = self.session.current
        if question is not None and question.hint:
            self.notify(question.hint, title="Hint", timeout=12)

    def action_example(self) -> None:
        """Open the question's sandbox example."""
        question = self.session.current
        if question is not None and question.sandbox:
            self.post_message(OpenExample(question.sandbox))

    async def action_help_while_typing(self) -> None:
        """The help screen (F1 while typing, where ``?`` is part of the answer)."""
        await self.run_action("app.help")

    def unsaved_input(self) -> str | None:
        """What quitting now would lose: an answer typed and not submitted (None: nothing)."""
        if self.session.current is None or self.session.answered or not self.has_class("answering"):
            return None
        form = self._predict_form
        typed = (
            form.answer_text if form is not None else self.query_one("#answer-input", TextArea).text
        )
        if not typed.strip():
            return None
        question = self.session.current
        if form is None and question.kind in DRILL_KINDS:
            from quizapp.drills.render import starter_text

            if typed == starter_text(question):
                return None  # the drill's starter, untouched
        return "Your answer to this quiz question is typed but not submitted: it would be lost."

    def action_leave(self) -> None:
        """Back to the home screen (answers already submitted are saved)."""
        if self.grading:
            self.notify("Saving your answer…")
            return
        if self.unsaved_input() is not None and not self._leave_warned:
            self._leave_warned = True
            self.notify("Press escape again to leave without submitting this answer.")
            return
        self.dismiss()
