"""Again / Hard / Good / Easy, each with the interval it would give (as Anki shows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

RATING_NAMES: tuple[str, ...] = ("Again", "Hard", "Good", "Easy")
"""Names of ratings 1-4, as FSRS and Anki number them."""


class RatingBar(Horizontal):
    """Four buttons; clicking one (or its number key on the screen) rates the card."""

    @dataclass
    class Rated(Message):
        """The learner chose a rating (1 Again, 2 Hard, 3 Good, 4 Easy)."""

        rating: int

    def compose(self) -> ComposeResult:
        for number, name in enumerate(RATING_NAMES, start=1):
            button = Button(f"{number} {name}", id=f"rate-{number}", classes=f"rate {name.lower()}")
            button.can_focus = False  # the number keys rate; focus stays on the card
            yield button

    def show_intervals(self, intervals: Mapping[int, str]) -> None:
        """Put each rating's next interval on its button (``3 Good · 4d``)."""
        for number, name in enumerate(RATING_NAMES, start=1):
            label = f"{number} {name}"
            if number in intervals:
                label += f" · {intervals[number]}"
            self.query_one(f"#rate-{number}", Button).label = label

    @on(Button.Pressed, ".rate")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Rated(int(event.button.id.removeprefix("rate-"))))
