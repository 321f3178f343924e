"""The help screen (`?`): every key of the screen it was opened from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from quizapp.tui.widgets.footer import QuietFooter


def declared_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """Every binding a class declares, its own first, then its bases' (not yet overridden)."""
    seen: set[str] = set()
    result: list[Binding] = []
    for klass in node_class.__mro__:
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            if binding.system or not binding.description or binding.key in seen:
                continue
            seen.add(binding.key)
            result.append(binding)
    return result


def keys_text(app: App[Any], bindings: Iterable[Binding]) -> Content:
    """One line per action: its keys (``? / f1``), then what it does."""
    grouped: dict[str, list[str]] = {}
    for binding in bindings:
        grouped.setdefault(binding.description, []).append(app.get_key_display(binding))
    lines = [(" / ".join(keys), description) for description, keys in grouped.items()]
    width = max((len(keys) for keys, _ in lines), default=0) + 2
    return Content("\n").join(
        Content.assemble((keys.ljust(width), "bold"), description) for keys, description in lines
    )


class HelpScreen(ModalScreen[None]):
    """A modal list of keys: the screen's own, then the ones that work everywhere."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        app = self.app
        title = getattr(self.target, "HELP_TITLE", None) or type(self.target).__name__
        with VerticalScroll(id="help"):
            yield Static(Text(f"Keys: {title}", style="bold"), classes="help-title")
            yield Static(keys_text(app, declared_bindings(type(self.target))))
            notes = getattr(self.target, "HELP_NOTES", "")
            if notes:
                yield Static(notes, classes="help-notes")
            yield Static(Text("Everywhere", style="bold"), classes="help-title")
            everywhere = [
                *declared_bindings(type(app)),
                Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette"),
            ]
            yield Static(keys_text(app, everywhere))
        yield QuietFooter()
