"""``ctrl+q`` with an answer typed and not submitted: ask before it is lost.

Screens that hold typed input define ``unsaved_input() -> str | None`` (what
would be lost, in a sentence) and may define ``keep_before_quit()`` (save what
can be kept, e.g. a mock interview's drafts, which resume with it). The app's
quit action calls both; see :meth:`quizapp.tui.app.QuizApp.action_quit`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmQuit(ModalScreen[bool]):
    """ "Quit quizapp?" naming what is typed and would be lost."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Stay"),
        Binding("y", "answer(True)", "Quit"),
    ]
    DEFAULT_CSS = """
    ConfirmQuit { align: center middle; }
    ConfirmQuit #confirm-quit { width: 60; height: auto; border: round $warning;
                                background: $surface; padding: 1 2; }
    ConfirmQuit #confirm-quit-buttons { height: auto; margin-top: 1; }
    ConfirmQuit Button { margin-right: 1; }
    """

    def __init__(self, unsaved: str) -> None:
        super().__init__()
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-quit"):
            yield Static(f"Quit quizapp?\n\n{self.unsaved}", id="confirm-quit-text")
            with Horizontal(id="confirm-quit-buttons"):
                yield Button("Quit (y)", id="confirm-quit-yes", variant="warning")
                yield Button("Stay (n)", id="confirm-quit-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-quit-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-quit-yes")

    def action_answer(self, quit_now: bool) -> None:
        """Close with the learner's choice."""
        self.dismiss(quit_now)
