"""The run's virtual timeline: every try of every task, and the retry delays between them.

One row per task instance. Each try is a state-coloured mark at the moment it
would have started on a real scheduler; a dotted line is a wait between tries
(``retry_delay``, or a sensor rescheduled until its next poke).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from textual.content import Content
from textual.widgets import Static

from quizapp.sandbox.report import offset_text, retry_starts
from quizapp.sandbox.result import TimelineEntry
from quizapp.tui.widgets.dag_states import STATE_COLOURS, STATE_SYMBOLS, state_text

LABEL_WIDTH = 18


def timeline_content(entries: Sequence[TimelineEntry], width: int) -> Content:
    """Bars per task over ``width`` cells, then each try in order with its start time."""
    if not entries:
        return Content.styled("No try has started yet.", "dim")
    span = max(e.offset for e in entries) or 1.0
    cells = max(10, width - LABEL_WIDTH - 2)
    rows: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        rows.setdefault(entry.task, []).append(entry)
    lines = [
        Content.assemble(
            (f"{'':<{LABEL_WIDTH}}", ""),
            (f"+0{offset_text(span).rjust(cells - 2)}", "dim"),
        )
    ]
    for task, tries in rows.items():
        bar = [" "] * cells
        styles: list[str] = [""] * cells
        positions = [round(e.offset / span * (cells - 1)) for e in tries]
        for start, end in pairwise(positions):
            for col in range(start + 1, end):
                bar[col], styles[col] = "┄", "dim"
        for entry, col in zip(tries, positions, strict=True):
            bar[col] = STATE_SYMBOLS.get(entry.state, "●")
            styles[col] = f"bold {STATE_COLOURS.get(entry.state, '#ffffff')}"
        name = task if len(task) < LABEL_WIDTH else task[: LABEL_WIDTH - 2] + "…"
        parts: list[str | tuple[str, str]] = [f"{name:<{LABEL_WIDTH}}"]
        parts += [(char, style) for char, style in zip(bar, styles, strict=True)]
        lines.append(Content.assemble(*parts))
    lines.append(Content(""))
    starts = retry_starts(entries)
    for entry in entries:
        pokes = f"  ({entry.pokes} pokes)" if entry.pokes else ""
        retry = starts.get((entry.task, entry.try_number))
        lines.append(
            Content.assemble(
                (offset_text(entry.offset), "dim"),
                f"  {entry.task}  try {entry.try_number}  ",
                state_text(entry.state),
                (pokes, "dim"),
            )
        )
        if retry is not None and entry.state == "failed":
            # Both of Airflow's halves: the try is failed, the task up_for_retry until then.
            lines.append(
                Content.assemble(
                    f"{'':<11}-> ", state_text("up_for_retry"), f", retry at {offset_text(retry)}"
                )
            )
    return Content("\n").join(lines)


class Timeline(Static):
    """Draws :func:`timeline_content` at the widget's width."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.entries: list[TimelineEntry] = []

    def show(self, entries: Sequence[TimelineEntry]) -> None:
        """Draw these tries."""
        self.entries = list(entries)
        self.update(timeline_content(self.entries, self.size.width or 78))

    def on_resize(self) -> None:
        if self.entries:
            self.update(timeline_content(self.entries, self.size.width))
