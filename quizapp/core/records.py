"""What a review writes to the progress store (a plain value, no SQLite here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fsrs import Rating

Mode = Literal["flash", "quiz", "mock"]


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One review to write: a rated flashcard or a graded answer.

    ``correct`` is whether it counts as recalled in accuracy figures: a
    flashcard rated Hard/Good/Easy, or a free-text answer graded ``correct``
    (``partial`` does not count).
    """

    question_id: str
    bank: str
    mode: Mode
    reviewed_at: datetime
    rating: Rating
    correct: bool
    answer: str | None = None
    score: float | None = None
    verdict: str | None = None
    duration_s: float | None = None
