"""Read a sandbox example's source (until the sandbox screen can run it)."""

from __future__ import annotations

from typing import ClassVar

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from quizapp.paths import examples_dir
from quizapp.tui.widgets.footer import QuietFooter


class SourceViewerScreen(Screen[None]):
    """The example's Python source, highlighted, scrollable with the arrow keys."""

    HELP_TITLE = "Sandbox example"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.example = name

    def compose(self) -> ComposeResult:
        path = examples_dir() / f"{self.example}.py"
        try:
            source = path.read_text(encoding="utf-8")
        except OSError:
            source = None
        with Vertical(id="source-viewer"):
            yield Static(f"Sandbox example: {self.example}  ({path.name})", id="source-title")
            if source is None:
                yield Static(f"There is no example called {self.example!r}.", id="source-missing")
            else:
                with VerticalScroll(id="source"):
                    yield Static(
                        Syntax(source, "python", line_numbers=True, background_color="default")
                    )
        yield QuietFooter()
