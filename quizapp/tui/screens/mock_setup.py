"""Set up a mock interview: how many questions, how long, which topics and difficulties.

``quizapp mock --questions N --minutes M`` skips this form and starts at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, SelectionList, Static

from quizapp.core.mock import DEFAULT_MINUTES, DEFAULT_QUESTIONS, MockConfig, MockSession
from quizapp.core.models import DIFFICULTIES
from quizapp.core.predict import session_graders
from quizapp.core.sessions import Filters, SessionError
from quizapp.tui.context import StudyContext

QUICK_QUESTIONS = 5
QUICK_MINUTES = 8.0
MAX_QUESTIONS = 50
MAX_MINUTES = 180.0


def start_mock(context: StudyContext, config: MockConfig) -> MockSession:
    """Draw the questions and open the interview in the store."""
    return MockSession(
        context.store,
        context.catalog,
        config,
        clock=context.clock,
        graders=session_graders(context.catalog),
    )


class MockSetupScreen(Screen[None]):
    """The form before the interview; Start (or Quick) opens the interview itself."""

    HELP_TITLE = "Mock interview: set-up"
    HELP_NOTES = (
        "Nothing ticked in a list means all of it. During the interview no verdict or "
        "model answer is shown; everything is graded at the end."
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

    def compose(self) -> ComposeResult:
        options = self.context.options
        selection = self.context.selection
        questions = options.mock_questions or DEFAULT_QUESTIONS
        minutes = options.mock_minutes or DEFAULT_MINUTES
        yield Header()
        with Vertical(id="mock-setup"):
            with Horizontal(id="mock-numbers"):
                with Vertical():
                    yield Label("Questions")
                    yield Input(str(questions), type="integer", id="mock-count")
                with Vertical():
                    yield Label("Minutes in all")
                    yield Input(f"{minutes:g}", type="number", id="mock-minutes")
            with Horizontal(id="mock-lists"):
                with Vertical():
                    yield Label("Topics (none ticked: all)")
                    yield SelectionList[str](
                        *(
                            (f"{b.title} ({len(b.questions)})", b.id, b.id in selection.banks)
                            for b in self.context.catalog.banks
                        ),
                        id="mock-banks",
                    )
                with Vertical(id="mock-difficulty-column"):
                    yield Label("Difficulty mix")
                    yield SelectionList[str](
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
        yield Footer()

    def on_mount(self) -> None:
        options = self.context.options
        if options.mock_questions is not None or options.mock_minutes is not None:
            self.call_after_refresh(self.action_start)
        else:
            self.query_one("#mock-start", Button).focus()

    # -- the form ----------------------------------------------------------------

    def _filters(self) -> Filters:
        banks = self.query_one("#mock-banks", SelectionList).selected
        levels = self.query_one("#mock-difficulties", SelectionList).selected
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
        from quizapp.tui.screens.mock_interview import MockInterviewScreen

        try:
            session = start_mock(self.context, config)
        except SessionError as error:
            self._error(f"Cannot start: {error}.")
            return
        self.app.switch_screen(MockInterviewScreen(self.context, session))
