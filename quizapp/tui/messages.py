"""App-wide messages: screens and widgets post these up; the app acts on them.

Widget-specific messages live inside their widget class (for example
``RatingBar.Rated``); only messages that cross screens are here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from quizapp.tui.context import Selection


@dataclass
class StartMode(Message):
    """Open a study mode: the name of one in ``modes.MODES`` (``"quiz"``, ``"predict"``, ...).

    ``arguments`` go to the mode screen's constructor as keyword arguments, for
    example ``StartMode("quiz", {"question_ids": ("dag-definition",)})`` to quiz
    a chosen set, or ``StartMode("sandbox", {"example": "retries"})``.
    """

    mode: str
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class OpenExample(Message):
    """Show a sandbox example by name (its screen when there is one, else its source)."""

    name: str


@dataclass
class ProgressChanged(Message):
    """Something was recorded: screens that show totals should refresh them."""


@dataclass
class SelectionChanged(Message):
    """The learner chose other banks, tags or difficulties to drill."""

    selection: Selection
