"""The home screen: today's figures, the study modes, and what failed to load."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.context import Selection
from quizapp.tui.messages import ProgressChanged, SelectionChanged, StartMode
from quizapp.tui.modes import MODES
from quizapp.tui.screen_state import BindingsOnChange, KeptStyles
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.summary import HomeSummary, SummaryBar

if TYPE_CHECKING:
    from quizapp.core.catalog_digest import CatalogView
    from quizapp.core.models import Catalog

SummaryReader = Callable[[Selection], HomeSummary | None]
"""Reads the figures for a selection (None: the database is not readable yet)."""


def _menu_prompt(title: str, key: str, blurb: str, available: bool) -> Text:
    text = Text()
    text.append(f" {key} ", style="bold reverse")
    text.append(f"  {title:<17}", style="bold")
    text.append(blurb, style="" if available else "dim")
    if not available:
        text.append("  (coming soon)", style="dim italic")
    return text


class HomeScreen(BindingsOnChange, KeptStyles, Screen[None]):
    """Where every session starts and ends."""

    HELP_TITLE = "Home"
    HELP_NOTES = (
        "A mode's key (or Enter on it) opens it. Flashcards and Predict the run bring "
        "back what is due first, then new questions; the quiz asks your weakest. The "
        "study modes draw from the banks, tags and difficulty chosen with c."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(mode.key, f"start('{mode.name}')", mode.title, show=False) for mode in MODES),
        Binding("c", "choose", "Choose topics"),
        Binding("o", "app.study_settings", "Settings"),
        Binding("t", "app.change_theme", "Theme"),
        # A priority binding, so the footer shows it (the app's own ctrl+q is hidden).
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    class Shown(Message):
        """The home screen is drawn with its figures, or could not read them: open the store."""

    def __init__(self, catalog: CatalogView, read_summary: SummaryReader) -> None:
        """``catalog``: the app's catalog, or its digest (all the home screen reads)."""
        super().__init__()
        self.catalog = catalog
        self.selection = Selection()
        self._read_summary = read_summary

    def compose(self) -> ComposeResult:
        yield StableHeader()
        with Vertical(id="home"):
            yield SummaryBar(id="summary")
            yield Static(id="selection")
            yield OptionList(
                *(
                    Option(_menu_prompt(m.title, m.key, m.blurb, m.available), id=m.name)
                    for m in MODES
                ),
                id="modes",
            )
            if self.catalog.errors:
                with VerticalScroll(id="bank-errors"):
                    yield Static(self._errors_text())
        yield QuietFooter(keys_at_once=True)  # the home's keys need no widget: first frame

    def on_mount(self) -> None:
        self.query_one("#selection", Static).update(self._selection_text(Selection(), None))
        # Read here, not in a worker: a few indexed reads, and the figures are then
        # on the first frame; the store opens after that frame (see ``Shown``). A file
        # this cannot read is the store's to migrate or to explain: it opens at once.
        try:
            summary = self._read_summary(self.selection)
        except Exception as error:  # the store's error screen explains; no traceback here
            self.log.warning("home figures not read at start", error)
            summary = None
        if summary is None:
            self.post_message(self.Shown())
            return
        self._show_summary(summary, self.selection)
        self.call_after_refresh(self.post_message, self.Shown())

    def on_screen_resume(self) -> None:
        """Back from a session (however it was closed): the figures may have changed."""
        self.post_message(ProgressChanged())

    def _errors_text(self) -> Text:
        errors = [e for e in self.catalog.errors if e.severity == "error"]
        warnings = len(self.catalog.errors) - len(errors)
        head = f"{len(errors)} problem(s) in the banks: those questions were skipped"
        if warnings:
            head += f" ({warnings} warning(s) too)"
        text = Text(head, style="bold")
        for issue in self.catalog.errors:
            text.append("\n" + str(issue), style="" if issue.severity == "error" else "dim")
        return text

    def _selection_text(self, selection: Selection, selected: int | None) -> Text:
        text = Text()
        text.append("Drilling ", style="dim")
        text.append(selection.describe())
        if selected is not None:
            text.append(f"  ({selected} of {len(self.catalog)} questions)", style="dim")
        return text

    # -- figures -----------------------------------------------------------------

    def refresh_summary(self, selection: Selection, *, read: bool = True) -> None:
        """Recompute the figures for this selection (in a worker: the history may be big).

        ``read=False`` only records the selection (the store is still opening and
        will ask again).
        """
        self.selection = selection
        if read:
            self._load_summary(selection)

    @work(thread=True, exclusive=True, group="home-summary", exit_on_error=False)
    def _load_summary(self, selection: Selection) -> None:
        try:
            summary = self._read_summary(selection)
        except Exception as error:  # a screen shows what failed; it never shows a traceback
            self.app.call_from_thread(self._summary_failed, error)
            return
        if summary is not None:
            self.app.call_from_thread(self._show_summary, summary, selection)

    def _summary_failed(self, error: Exception) -> None:
        self.query_one(SummaryBar).update(f"Your progress could not be read: {error}")
        self.log.error("home summary failed", error)

    def _show_summary(self, summary: HomeSummary, selection: Selection) -> None:
        self.query_one(SummaryBar).show(summary)
        self.query_one("#selection", Static).update(
            self._selection_text(selection, summary.selected)
        )

    # -- actions -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#modes")
    def _mode_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(StartMode(event.option.id))

    def action_start(self, mode: str) -> None:
        """Open a study mode."""
        self.post_message(StartMode(mode))

    def action_choose(self) -> None:
        """Choose banks, tags and difficulties to drill."""
        from quizapp.tui.screens.selection import SelectionScreen

        def chosen(selection: Selection | None) -> None:
            if selection is not None and selection != self.selection:
                self.post_message(SelectionChanged(selection))

        # The app's full catalog (every bank and tag), not the digest the home reads.
        catalog = cast("Catalog", getattr(self.app, "catalog", self.catalog))
        self.app.push_screen(SelectionScreen(catalog, self.selection), chosen)
