"""Choose what to drill: banks (topics), difficulties and tags."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList

from quizapp.core.models import DIFFICULTIES, Catalog
from quizapp.tui.context import Selection
from quizapp.tui.widgets.footer import QuietFooter


class SelectionScreen(ModalScreen[Selection | None]):
    """Three lists; nothing ticked in a list means "all" of it."""

    HELP_TITLE = "Choose what to drill"
    HELP_NOTES = (
        "Tick with Space or Enter; Tab moves between the lists. "
        "Nothing ticked in a list means all of it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply"),
        Binding("ctrl+r", "clear", "Clear all"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, catalog: Catalog, current: Selection) -> None:
        super().__init__()
        self.catalog = catalog
        self.current = current

    def compose(self) -> ComposeResult:
        tags = sorted({tag for q in self.catalog.questions for tag in q.tags})
        with Vertical(id="chooser"):
            with Horizontal(id="chooser-lists"):
                with Vertical():
                    yield Label("Banks")
                    yield SelectionList[str](
                        *(
                            (f"{b.title} ({len(b.questions)})", b.id, b.id in self.current.banks)
                            for b in self.catalog.banks
                        ),
                        id="banks",
                    )
                with Vertical(id="difficulty-column"):
                    yield Label("Difficulty")
                    yield SelectionList[str](
                        *((d, d, d in self.current.difficulties) for d in DIFFICULTIES),
                        id="difficulties",
                    )
                with Vertical():
                    yield Label("Tags")
                    yield SelectionList[str](
                        *((t, t, t in self.current.tags) for t in tags), id="tags"
                    )
            with Horizontal(id="chooser-buttons"):
                yield Button("Apply", id="apply", variant="primary")
                yield Button("Clear", id="clear")
                yield Button("Cancel", id="cancel")
        yield QuietFooter()

    def _chosen(self, list_id: str) -> frozenset[str]:
        return frozenset(self.query_one(f"#{list_id}", SelectionList).selected)

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        """Drill what is ticked."""
        self.dismiss(
            Selection(
                banks=self._chosen("banks"),
                tags=self._chosen("tags"),
                difficulties=self._chosen("difficulties"),
            )
        )

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        """Untick everything (drill all questions)."""
        for selection_list in self.query(SelectionList):
            selection_list.deselect_all()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Keep the previous choice."""
        self.dismiss(None)
