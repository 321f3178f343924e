"""The mock interview's clock: time left overall and on the current question."""

from __future__ import annotations

import math

from textual.content import Content
from textual.widgets import Static

WARNING_S = 60.0
"""In the last minute of the budget or of a question's soft limit the clock turns to a warning."""


def clock_text(seconds: float) -> str:
    """``m:ss`` for a non-negative number of seconds (``-m:ss`` when over)."""
    sign = "-" if seconds < 0 else ""
    whole = math.ceil(abs(seconds))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


class Countdown(Static):
    """``⏱ 12:34 left · this one 1:05``, in the warning colour when time is short.

    The class ``-warning`` is set while either figure is within :data:`WARNING_S`
    (or past it), so the whole widget changes colour, not only the text.
    """

    DEFAULT_CSS = """
    Countdown {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text;
    }
    Countdown.-warning {
        background: $warning-muted;
        color: $text-warning;
        text-style: bold;
    }
    """

    def show(self, remaining_s: float, question_left_s: float | None) -> None:
        """Draw the time left overall and on the question (None: no soft limit)."""
        parts: list[str | tuple[str, str]] = [
            ("⏱ ", ""),
            (clock_text(remaining_s), "bold"),
            " left",
        ]
        short = remaining_s <= WARNING_S
        if question_left_s is not None:
            label = "over by " if question_left_s < 0 else ""
            parts += [
                "  ·  this one ",
                (label + clock_text(abs(question_left_s)), "bold"),
            ]
            short = short or question_left_s <= WARNING_S
        self.set_class(short, "-warning")
        self.update(Content.assemble(*parts))
