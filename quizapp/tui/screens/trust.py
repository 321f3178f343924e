""" "Trust this bank?": shown before a DAG from a bank that does not ship with quizapp runs.

The code is shown first, with the bank's file and how many of its questions carry
code; ``y`` trusts the bank (as ``quizapp bank trust PATH`` does), ``n``/Escape
leaves it untrusted and nothing runs.
"""

from __future__ import annotations

from typing import ClassVar

from rich.syntax import Syntax
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quizapp.core.trust import UntrustedBankError


class TrustPrompt(ModalScreen[bool]):
    """The DAG's code, then trust the bank (True) or not (False)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Do not run"),
        Binding("y", "answer(True)", "Trust and run"),
    ]
    DEFAULT_CSS = """
    TrustPrompt { align: center middle; }
    TrustPrompt #trust { width: 90%; height: 90%; border: round $warning; background: $surface;
                         padding: 0 1; }
    TrustPrompt #trust-code { height: 1fr; border: round $surface-lighten-2; }
    TrustPrompt #trust-buttons { height: auto; }
    TrustPrompt Button { margin-right: 1; }
    """

    def __init__(self, error: UntrustedBankError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        question = self.error.question
        why = "changed since you trusted it" if self.error.status == "changed" else "not trusted"
        with Vertical(id="trust"):
            yield Static(
                f"This DAG is code from the bank '{question.bank}' ({self.error.path}), which "
                f"is {why}. Read it first: trusting the bank lets its DAGs run on this "
                "machine (in a child process with limits and no access to your progress).",
                id="trust-text",
            )
            with VerticalScroll(id="trust-code"):
                yield Static(Syntax(question.dag or "", "python", background_color="default"))
            with Horizontal(id="trust-buttons"):
                yield Button("Trust this bank and run (y)", id="trust-yes", variant="warning")
                yield Button("Do not run (n)", id="trust-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#trust-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "trust-yes")

    def action_answer(self, yes: bool) -> None:
        """Trust the bank (when yes) and close."""
        if yes:
            from quizapp.core.trust import trust

            try:
                trust(self.error.path)
            except OSError as exc:
                self.notify(f"Could not save the trust: {exc}", severity="error")
                yes = False
        self.dismiss(yes)
