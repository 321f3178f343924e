"""A full-screen message for what stops the app (a database it must not touch)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Markdown, Static

from quizapp.tui.widgets.footer import QuietFooter


class MessageScreen(Screen[None]):
    """A title and an explanation; the only way on is to quit."""

    HELP_TITLE = "Message"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape,ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(id="message"):
            yield Static(self.title_text, id="message-title")
            yield Markdown(self.body, id="message-body")
        yield QuietFooter()
