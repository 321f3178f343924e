"""A calendar heatmap of the last weeks: one column per week, one row per weekday."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from quizapp.store.progress import DayStat, Streak

#: GitHub's contribution greens, from the first review up to a busy day.
LEVEL_COLOURS = ("#9be9a8", "#40c463", "#30a14e", "#216e39")
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def level(reviews: int, busiest: int) -> int:
    """0 for no review, else 1-4 by the share of the busiest day."""
    if reviews <= 0 or busiest <= 0:
        return 0
    return min(4, 1 + (4 * reviews - 1) // busiest)


def heatmap(days: Sequence[DayStat]) -> Content:
    """The grid for ``days`` (oldest first, consecutive), weeks starting on Monday."""
    if not days:
        return Content("")
    first = date.fromisoformat(days[0].day)
    lead = first.weekday()
    cells: list[DayStat | None] = [None] * lead + list(days)
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    busiest = max(d.reviews for d in days)
    lines = []
    for weekday in range(7):
        parts: list[str | tuple[str, str]] = [f"{WEEKDAYS[weekday]:<4}"]
        for week in weeks:
            cell = week[weekday] if weekday < len(week) else None
            if cell is None:
                parts.append("  ")
                continue
            shade = level(cell.reviews, busiest)
            if shade == 0:
                parts.append(("· ", "dim"))
            else:
                parts.append(("■ ", LEVEL_COLOURS[shade - 1]))
        lines.append(Content.assemble(*parts))
    legend: list[str | tuple[str, str]] = ["    less ", ("· ", "dim")]
    legend += [("■ ", colour) for colour in LEVEL_COLOURS]
    legend.append("more")
    lines.append(Content.assemble(*legend))
    return Content("\n").join(lines)


class StreakHeatmap(Static):
    """The streak in figures above a heatmap of reviews per day."""

    def show(self, days: Sequence[DayStat], streak: Streak) -> None:
        """Draw the streak and the grid."""
        unit = "day" if streak.current == 1 else "days"
        head = Content.assemble(
            ("Streak ", "dim"),
            (f"{streak.current} {unit}", "bold"),
            ("   longest ", "dim"),
            (str(streak.longest), "bold"),
            ("" if streak.reviewed_today else "   (not yet today)", "dim"),
        )
        self.update(Content("\n").join([head, heatmap(days)]))
