"""The home screen's at-a-glance figures: due today, new, streak, last mock."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
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

    def show(self, summary: HomeSummary) -> None:
        """Draw a summary."""
        mock = "—" if summary.last_mock_score is None else f"{summary.last_mock_score:.0%}"
        days = "day" if summary.streak_days == 1 else "days"
        figures = [
            ("Due today", str(summary.due_today)),
            ("New", str(summary.new_available)),
            ("Streak", f"{summary.streak_days} {days}"),
            ("Last mock", mock),
        ]
        if summary.days_to_go is not None:
            to_go = "today" if summary.days_to_go == 0 else f"{summary.days_to_go} days to go"
            figures.append(("Interview", to_go))
        text = Text()
        for index, (label, value) in enumerate(figures):
            if index:
                text.append("   ")
            text.append(f"{label} ", style="dim")
            text.append(value, style="bold")
        self.update(text)
        self.add_class("loaded")
