"""The home screen's at-a-glance figures: due now, new, streak, last mock."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static


@dataclass(frozen=True)
class HomeSummary:
    """The four figures the home screen shows, for the current selection."""

    due_today: int
    new_available: int
    streak_days: int
    last_mock_score: float | None
    selected: int
    days_to_go: int | None = None
    """Days until the interview (None: no date set)."""


class SummaryBar(Static):
    """One line of figures; shows an ellipsis until the first summary arrives."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("Opening your progress…", id=id)
        self._summary: HomeSummary | None = None
        self._shown: Text | None = None

    def show(self, summary: HomeSummary) -> None:
        """Draw a summary (in shorter words when the full line does not fit)."""
        self._summary = summary
        width = self.content_size.width
        variants = [summary_figures(summary, short) for short in (False, True)]
        for separator, figures in (("   ", variants[0]), ("  ", variants[0]), ("  ", variants[1])):
            text = _line(figures, separator)
            if not width or text.cell_len <= width:
                break
        if text != self._shown:  # the first resize usually keeps the line: no new layout
            self.update(text)
            self._shown = text
        self.add_class("loaded")

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show ``content`` (a message instead of figures, or the figures' line)."""
        self._shown = None
        super().update(content, layout=layout)

    def on_resize(self) -> None:
        if self._summary is not None:
            self.show(self._summary)


def summary_figures(summary: HomeSummary, short: bool = False) -> list[tuple[str, str]]:
    """The figures as (label, value); ``short``: abbreviated for a narrow terminal."""
    mock = "—" if summary.last_mock_score is None else f"{summary.last_mock_score:.0%}"
    days = "day" if summary.streak_days == 1 else "days"
    figures = [
        # Due now: exactly the cards a flashcard session starts with.
        ("Due" if short else "Due now", str(summary.due_today)),
        ("New", str(summary.new_available)),
        ("Streak", f"{summary.streak_days}d" if short else f"{summary.streak_days} {days}"),
        ("Mock" if short else "Last mock", mock),
    ]
    if summary.days_to_go is not None:
        left = summary.days_to_go
        if left == 0:
            to_go = "today"
        elif short:
            to_go = f"in {left}d"
        else:
            to_go = f"{left} {'day' if left == 1 else 'days'} to go"
        figures.append(("Interview", to_go))
    return figures


def _line(figures: list[tuple[str, str]], separator: str) -> Text:
    text = Text()
    for index, (label, value) in enumerate(figures):
        if index:
            text.append(separator)
        text.append(f"{label} ", style="dim")
        text.append(value, style="bold")
    return text
