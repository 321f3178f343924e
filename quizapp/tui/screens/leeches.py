"""Leeches: the questions failed 8 times or more, what was missed each time, drill or suspend.

A thin shell over :mod:`quizapp.core.leeches`; opened with l from the progress
screen when there are leeches.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizapp.core.leeches import LEECH_LAPSES, Leech, drill_ids, find_leeches, suspend
from quizapp.tui.context import StudyContext
from quizapp.tui.messages import StartMode
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader

MISSED_WIDTH = 30
"""Characters of the most-missed key point shown in the table (80 columns in all)."""


def leech_cells(leech: Leech) -> tuple[str, str, str, str, str]:
    """A leech's row: id, lapses, state, confused with, most missed (cut to fit 80 columns)."""
    missed = leech.most_missed
    most = f"{missed[0][0]} ({missed[0][1]}x)" if missed else "—"
    if len(most) > MISSED_WIDTH:
        most = most[: MISSED_WIDTH - 1].rstrip() + "…"
    return (
        leech.question.id,
        str(leech.lapses),
        "suspended" if leech.suspended else "",
        leech.sibling.id if leech.sibling else "—",
        most,
    )


def leech_detail(leech: Leech) -> Content:
    """Every failed answer of a leech, with the key points it missed (repeats counted once)."""
    lines = [Content.styled(leech.question.prompt.strip(), "bold")]
    shown: list[tuple[str, str, int]] = []
    for miss in leech.misses:
        points = "; ".join(miss.missed) if miss.missed else "flashcard rated Again"
        when = f"{miss.reviewed_at:%Y-%m-%d} {miss.mode}"
        if shown and shown[-1][0] == when and shown[-1][1] == points:
            shown[-1] = (when, points, shown[-1][2] + 1)
        else:
            shown.append((when, points, 1))
    for when, points, times in shown:
        label = f"{when} ({times}x): " if times > 1 else f"{when}: "
        lines.append(Content.assemble((label, "dim"), points))
    if leech.sibling is not None:
        lines.append(
            Content.styled(
                f"Confused with: {leech.sibling.prompt.strip()} (d drills the two together)",
                "$text-warning",
            )
        )
    return Content("\n").join(lines)


class LeechesScreen(Screen[None]):
    """The leeches, one row each; the highlighted one's misses below."""

    HELP_TITLE = "Leeches"
    HELP_NOTES = (
        f"A leech is a question you failed {LEECH_LAPSES} times or more. d quizzes it "
        "with the question it is confused with; s sets it aside until the final sweep "
        "before your interview (s again takes it back)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "drill", "Drill with its sibling"),
        Binding("s", "suspend", "Suspend / take back"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    DEFAULT_CSS = """
    LeechesScreen #leech-table { height: 1fr; }
    LeechesScreen #leech-detail { height: auto; max-height: 50%; padding: 0 1; }
    """

    def __init__(self, context: StudyContext, **_arguments: Any) -> None:
        super().__init__()
        self.context = context
        self.leeches: dict[str, Leech] = {}

    def compose(self) -> ComposeResult:
        yield StableHeader()
        with Vertical():
            yield DataTable(id="leech-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="leech-detail"):
                yield Static(id="leech-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("question", "lapses", "state", "confused with", "most missed")
        self._load()

    @work(thread=True, exclusive=True, group="leeches", exit_on_error=False)
    def _load(self) -> None:
        found = find_leeches(self.context.store, self.context.catalog)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Leech]) -> None:
        if not self.is_attached:
            return
        self.leeches = {leech.question.id: leech for leech in found}
        table = self.query_one(DataTable)
        table.clear()
        for leech in found:
            table.add_row(*leech_cells(leech), key=leech.question.id)
        if not found:
            self.query_one("#leech-text", Static).update(
                f"No leeches: no question has been failed {LEECH_LAPSES} times."
            )

    def _current(self) -> Leech | None:
        table = self.query_one(DataTable)
        if not self.leeches or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.leeches.get(key or "")

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        leech = self._current()
        if leech is not None:
            self.query_one("#leech-text", Static).update(leech_detail(leech))

    def action_drill(self) -> None:
        """Quiz the leech and the question it is confused with."""
        leech = self._current()
        if leech is None:
            return
        ids = tuple(qid for qid in drill_ids(leech) if qid in self.context.catalog)
        self.post_message(StartMode("quiz", {"question_ids": ids}))

    def action_suspend(self) -> None:
        """Set the leech aside until the final sweep, or take it back."""
        leech = self._current()
        if leech is None:
            return
        store = self.context.store
        suspend(store, leech.question.id, until_sweep=not leech.suspended)
        until = (
            "until the final sweep"
            if store.study_settings().interview
            else "until you take it back (s) or set an interview date"
        )
        self.notify(
            f"{leech.question.id}: "
            + ("back in your reviews." if leech.suspended else f"suspended {until}.")
        )
        self._load()
