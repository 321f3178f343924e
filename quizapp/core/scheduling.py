"""Spaced repetition on the ``fsrs`` package (FSRS-6, as in Anki).

Flashcard ratings Again/Hard/Good/Easy go straight to FSRS. A free-text grade
becomes a rating through :func:`rating_for_grade`, whose policy is:

==========================================  ========  ===========================
grade                                       rating    why
==========================================  ========  ===========================
``incorrect``                               Again     not recalled
``partial``, score < ``HARD_MIN_SCORE``     Again     most key points missing: in
                                                      an interview that answer
                                                      fails, so relearn it
``partial``, score >= ``HARD_MIN_SCORE``    Hard      most points recalled, some
                                                      missed: a pass, but FSRS
                                                      shortens the interval and
                                                      raises the difficulty
``correct``                                 Good      recalled
``correct``, score >= ``EASY_MIN_SCORE``    Easy      complete and fluent
and answered within ``EASY_MAX_SECONDS``
"I was right" override                      Good      treated as ``correct``
==========================================  ========  ===========================

FSRS counts Hard as a pass, so a partial answer is never rated Hard unless most
of it was there; and the accuracy figures of the progress review count only
``correct`` free-text answers as right, so a partial answer never shows as
remembered there either.

Every time is a UTC ``datetime``. Fuzzing is off by default: the interval shown
on each flashcard button (:func:`preview`) is then exactly the one the card
gets, and runs are deterministic; with a few hundred questions the load
spreading that fuzz buys is not worth a button that lies.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TypedDict

from fsrs import Card, Rating, Scheduler, State

from quizapp.core.clock import as_utc
from quizapp.core.models import Grade

__all__ = [
    "EASY_MAX_SECONDS",
    "EASY_MIN_SCORE",
    "HARD_MIN_SCORE",
    "RATINGS",
    "Card",
    "CardRow",
    "Rating",
    "RecallCurve",
    "Scheduler",
    "card_from_row",
    "card_to_row",
    "format_interval",
    "make_scheduler",
    "new_card",
    "preview",
    "rank_weakest",
    "rating_for_grade",
    "retrievability",
    "review",
]

HARD_MIN_SCORE = 0.6
"""A ``partial`` grade scoring at least this is rated Hard; below it, Again."""
EASY_MIN_SCORE = 0.9
"""A ``correct`` grade scoring at least this, answered quickly, is rated Easy."""
EASY_MAX_SECONDS = 60.0
"""How quickly (seconds) a near-perfect answer must come to be rated Easy."""

WEEK = timedelta(days=7)
RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


class CardRow(TypedDict):
    """A card's scheduler state as the store keeps it (times as ISO-8601 UTC text)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None


def make_scheduler(*, enable_fuzzing: bool = False, desired_retention: float = 0.9) -> Scheduler:
    """The FSRS scheduler with default FSRS-6 parameters (fuzzing off: see module doc)."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=enable_fuzzing)


def card_id_for(question_id: str) -> int:
    """A stable integer id for fsrs (which wants one) derived from the question id."""
    return zlib.crc32(question_id.encode("utf-8"))


def new_card(question_id: str, now: datetime) -> Card:
    """A never-reviewed card, due ``now``."""
    return Card(card_id=card_id_for(question_id), due=as_utc(now))


def review(scheduler: Scheduler, card: Card, rating: Rating, now: datetime) -> Card:
    """The card after being rated ``rating`` at ``now`` (the input card is unchanged)."""
    reviewed, _log = scheduler.review_card(card, rating, review_datetime=as_utc(now))
    return reviewed


def preview(scheduler: Scheduler, card: Card, now: datetime) -> dict[Rating, timedelta]:
    """How long until the card is due again for each rating, as if rated ``now``."""
    moment = as_utc(now)
    return {rating: review(scheduler, card, rating, moment).due - moment for rating in RATINGS}


def retrievability(scheduler: Scheduler, card: Card, now: datetime) -> float:
    """FSRS's probability of recalling the card at ``now`` (0.0 for a new card)."""
    return float(scheduler.get_card_retrievability(card, current_datetime=as_utc(now)))


def rating_for_grade(grade: Grade, seconds: float | None = None) -> Rating:
    """The FSRS rating for a graded free-text answer (policy in the module doc)."""
    if grade.verdict == "correct":
        quick = seconds is not None and seconds <= EASY_MAX_SECONDS
        return Rating.Easy if grade.score >= EASY_MIN_SCORE and quick else Rating.Good
    if grade.verdict == "partial" and grade.score >= HARD_MIN_SCORE:
        return Rating.Hard
    return Rating.Again


class RecallCurve:
    """FSRS's retrievability from a card's stored stability and last review, without a Card.

    The same formula and constants as ``Scheduler.get_card_retrievability`` (so
    the same floats as :func:`retrievability`), for figures over thousands of
    cards where building each :class:`Card` is most of the cost.
    """

    def __init__(self, scheduler: Scheduler) -> None:
        self._decay = -scheduler.parameters[20]
        self._factor = 0.9 ** (1 / self._decay) - 1

    def __call__(
        self, stability: float | None, last_review: datetime | None, now: datetime
    ) -> float:
        """The chance of recalling the card at ``now`` (0.0 for a card never reviewed)."""
        if last_review is None or stability is None:
            return 0.0
        elapsed_days = max(0, (now - last_review).days)
        return float((1 + self._factor * elapsed_days / stability) ** self._decay)


def rank_weakest(scheduler: Scheduler, cards: Mapping[str, Card], now: datetime) -> list[str]:
    """Question ids, weakest first: lowest chance of recall a week from ``now``.

    A week ahead rather than now: right after a lapse FSRS still predicts a
    high recall for today, but the card's low stability shows a week later.
    """
    later = as_utc(now) + WEEK
    return sorted(cards, key=lambda qid: (retrievability(scheduler, cards[qid], later), qid))


def format_interval(interval: timedelta) -> str:
    """A short label for a button: ``<1m``, ``10m``, ``5h``, ``3d``, ``2.5mo``, ``1.2y``."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def card_to_row(card: Card) -> CardRow:
    """The card's scheduler state, ready to store."""
    return {
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": as_utc(card.due).isoformat(),
        "last_review": as_utc(card.last_review).isoformat() if card.last_review else None,
    }


def card_from_row(question_id: str, row: CardRow) -> Card:
    """Rebuild a card from what :func:`card_to_row` stored."""
    return Card(
        card_id=card_id_for(question_id),
        state=State(int(row["state"])),
        step=row["step"],
        stability=row["stability"],
        difficulty=row["difficulty"],
        due=as_utc(datetime.fromisoformat(row["due"])),
        last_review=(
            as_utc(datetime.fromisoformat(row["last_review"])) if row["last_review"] else None
        ),
    )
