"""Set up a mock interview: how many questions, how long, which topics and difficulties.

``quizapp mock --questions N --minutes M`` skips this form and starts at once.
An interview left unfinished by a quizapp that ended early is offered first
(:class:`ResumeOffer`); ones that cannot be resumed are closed, with a note.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.widgets import Button, Input, Label, SelectionList, Static

from quizapp.core.mock import (
    DEFAULT_MINUTES,
    DEFAULT_QUESTIONS,
    MockConfig,
    MockSession,
    UnfinishedMock,
    abandon,
    settle_unfinished,
)
from quizapp.core.models import DIFFICULTIES
from quizapp.core.predict import session_graders
from quizapp.core.sessions import Filters, SessionError
from quizapp.tui.context import StudyContext
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader

QUICK_QUESTIONS = 5
QUICK_MINUTES = 8.0
MAX_QUESTIONS = 50
MAX_MINUTES = 180.0


TICKED, UNTICKED = "✓", " "
"""What a choice's box shows: ticked and unticked differ by a glyph, not only by colour."""
FOCUS_MARK = "▸ "
"""Put before the label of the field (or the button) that has the keyboard."""


class TickList(SelectionList[str]):
    """A selection list whose boxes show ✓ when ticked, and ▸ on the cursor row when focused."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or not 0 <= index < self.option_count:
            return line
        option = self.get_option_at_index(index)
        ticked = option.value in self._selected
        segments[1] = Segment(TICKED if ticked else UNTICKED, segments[1].style)
        cursor = self.has_focus and self.highlighted == index
        segments[3] = Segment("▸" if cursor else " ", segments[3].style)
        return Strip(segments, line.cell_length)


def start_mock(context: StudyContext, config: MockConfig) -> MockSession:
    """Draw the questions and open the interview in the store."""
    return MockSession(
        context.store,
        context.catalog,
        config,
        clock=context.clock,
        graders=session_graders(context.catalog),
    )


def resume_mock(context: StudyContext, unfinished: UnfinishedMock) -> MockSession:
    """Continue an unfinished interview where it stopped."""
    return MockSession(
        context.store,
        context.catalog,
        clock=context.clock,
        graders=session_graders(context.catalog),
        resume=unfinished,
    )


class ResumeOffer(ModalScreen[bool]):
    """ "Resume the interview you started ... (k of N answered, m:ss left)" or start a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose(True)", "Resume"),
        Binding("n,escape", "choose(False)", "Start a new one"),
    ]
    DEFAULT_CSS = """
    ResumeOffer { align: center middle; }
    ResumeOffer #resume-offer { width: 64; height: auto; border: round $primary;
                                background: $surface; padding: 1 2; }
    ResumeOffer #resume-note { color: $text-muted; margin-top: 1; }
    ResumeOffer #resume-buttons { height: auto; margin-top: 1; }
    ResumeOffer Button { margin-right: 1; }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-offer"):
            yield Static(f"{self.text}?", id="resume-text")
            yield Static(
                "Starting a new one instead marks it abandoned (its answers are not graded).",
                id="resume-note",
            )
            with Horizontal(id="resume-buttons"):
                yield Button("Resume (r)", id="resume-yes", variant="primary")
                yield Button("Start a new one (n)", id="resume-no")

    def on_mount(self) -> None:
        self.query_one("#resume-yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume-yes")

    def action_choose(self, resume: bool) -> None:
        """Close with the learner's choice."""
        self.dismiss(resume)


class MockSetupScreen(Screen[None]):
    """The form before the interview; Start (or Quick) opens the interview itself."""

    HELP_TITLE = "Mock interview: set-up"
    HELP_NOTES = (
        "Nothing ticked in a list means all of it. During the interview no verdict or "
        "model answer is shown; everything is graded at the end. An interview left "
        "unfinished (quizapp closed or killed) is offered for resuming with the time its "
        "saved answers left; one that cannot go on is graded on what was answered."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start"),
        Binding("ctrl+t", "quick", "Quick (5 q, 8 min)"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    MockSetupScreen #mock-setup { padding: 0 2; }
    MockSetupScreen #mock-numbers { height: auto; }
    MockSetupScreen #mock-numbers Vertical { width: 24; height: auto; margin-right: 2; }
    MockSetupScreen #mock-numbers Input { width: 20; }
    MockSetupScreen #mock-lists { height: 1fr; }
    MockSetupScreen #mock-lists SelectionList { height: 1fr; }
    MockSetupScreen #mock-difficulty-column { width: 20; }
    MockSetupScreen #mock-buttons { height: auto; }
    MockSetupScreen #mock-buttons Button { margin-right: 1; }
    MockSetupScreen #mock-error { color: $text-error; height: auto; }
    """

    def __init__(self, context: StudyContext, **_arguments: object) -> None:
        super().__init__()
        self.context = context
        self.unfinished: UnfinishedMock | None = None
        """An interview offered for resuming and declined: abandoned once a new one starts."""

    def compose(self) -> ComposeResult:
        options = self.context.options
        selection = self.context.selection
        questions = options.mock_questions or DEFAULT_QUESTIONS
        minutes = options.mock_minutes or DEFAULT_MINUTES
        yield StableHeader()
        with Vertical(id="mock-setup"):
            with Horizontal(id="mock-numbers"):
                with Vertical():
                    yield Label("  Questions", id="mock-count-label")
                    yield Input(str(questions), type="integer", id="mock-count")
                with Vertical():
                    yield Label("  Minutes in all", id="mock-minutes-label")
                    yield Input(f"{minutes:g}", type="number", id="mock-minutes")
            with Horizontal(id="mock-lists"):
                with Vertical():
                    yield Label("  Topics (none ticked: all)", id="mock-banks-label")
                    yield TickList(
                        *(
                            (f"{b.title} ({len(b.questions)})", b.id, b.id in selection.banks)
                            for b in self.context.catalog.banks
                        ),
                        id="mock-banks",
                    )
                with Vertical(id="mock-difficulty-column"):
                    yield Label("  Difficulty mix", id="mock-difficulties-label")
                    yield TickList(
                        *((d, d, d in selection.difficulties) for d in DIFFICULTIES),
                        id="mock-difficulties",
                    )
            yield Static(id="mock-error")
            with Horizontal(id="mock-buttons"):
                yield Button("Start", id="mock-start", variant="primary")
                yield Button(
                    f"Quick: {QUICK_QUESTIONS} questions, {QUICK_MINUTES:g} minutes",
                    id="mock-quick",
                )
        yield QuietFooter()

    def on_mount(self) -> None:
        options = self.context.options
        autostart = options.mock_questions is not None or options.mock_minutes is not None
        if not autostart:  # typed numbers go straight into the first field
            self.query_one("#mock-count", Input).focus()
        context = self.context
        settled = settle_unfinished(
            context.store,
            context.catalog,
            clock=context.clock,
            graders=session_graders(context.catalog),
        )
        for closed in settled.closed:
            self.notify(
                f"Interview {closed.mock_id} was left unfinished and could not be resumed: "
                f"graded on what was answered ({closed.score:.0%}); it is in Progress › Mocks.",
                title="Unfinished interview closed",
                timeout=10,
            )
        offer = settled.offer
        if offer is None:
            if autostart:
                self.call_after_refresh(self.action_start)
            return

        def chosen(resume: bool | None) -> None:
            if resume:
                self.app.switch_screen(_interview_screen(context, resume_mock(context, offer)))
                return
            self.unfinished = offer
            self._error(
                f"Starting a new interview marks the unfinished one ({offer.mock_id}) abandoned."
            )
            if autostart:
                self.action_start()

        self.app.push_screen(
            ResumeOffer(offer.offer(context.clock.now(), context.store.tz)), chosen
        )

    # -- the form ----------------------------------------------------------------

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self._mark_focus()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self._mark_focus()

    def _mark_focus(self) -> None:
        """``▸`` before the focused field's label or button, so focus is not only a colour."""
        focused = self.focused
        for field in ("mock-count", "mock-minutes", "mock-banks", "mock-difficulties"):
            label = self.query_one(f"#{field}-label", Label)
            text = str(label.content).removeprefix(FOCUS_MARK).removeprefix("  ")
            mark = FOCUS_MARK if focused is not None and focused.id == field else "  "
            label.update(mark + text)
        for button in self.query("#mock-buttons Button").results(Button):
            text = str(button.label).removeprefix(FOCUS_MARK)
            button.label = (FOCUS_MARK + text) if button is focused else text

    def _filters(self) -> Filters:
        banks = self.query_one("#mock-banks", TickList).selected
        levels = self.query_one("#mock-difficulties", TickList).selected
        return Filters(
            banks=frozenset(banks),
            tags=self.context.selection.tags,
            difficulties=frozenset(levels),
        )

    def _numbers(self) -> tuple[int, float] | None:
        count_text = self.query_one("#mock-count", Input).value.strip()
        minutes_text = self.query_one("#mock-minutes", Input).value.strip()
        try:
            count, minutes = int(count_text), float(minutes_text)
        except ValueError:
            count, minutes = 0, 0.0
        if not (1 <= count <= MAX_QUESTIONS and 0 < minutes <= MAX_MINUTES):
            self._error(f"Choose 1 to {MAX_QUESTIONS} questions and up to {MAX_MINUTES:g} minutes.")
            return None
        return count, minutes

    def _error(self, text: str) -> None:
        self.query_one("#mock-error", Static).update(text)

    @on(Button.Pressed, "#mock-start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        """Start with the numbers in the form."""
        numbers = self._numbers()
        if numbers is not None:
            self._begin(
                MockConfig(questions=numbers[0], minutes=numbers[1], filters=self._filters())
            )

    @on(Button.Pressed, "#mock-quick")
    def action_quick(self) -> None:
        """Start a quick interview: five questions in eight minutes."""
        self._begin(
            MockConfig(questions=QUICK_QUESTIONS, minutes=QUICK_MINUTES, filters=self._filters())
        )

    def _begin(self, config: MockConfig) -> None:
        try:
            session = start_mock(self.context, config)
        except SessionError as error:
            self._error(f"Cannot start: {error}.")
            return
        if self.unfinished is not None:
            abandon(self.context.store, self.unfinished, self.context.clock)
        self.app.switch_screen(_interview_screen(self.context, session))


def _interview_screen(context: StudyContext, session: MockSession) -> Screen[None]:
    from quizapp.tui.screens.mock_interview import MockInterviewScreen

    return MockInterviewScreen(context, session)
