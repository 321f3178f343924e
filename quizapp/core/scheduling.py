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
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TypedDict

from fsrs import Card, Rating, ReviewLog, Scheduler, State

from quizapp.core.clock import as_utc
from quizapp.core.models import Grade
from quizapp.core.plan import Chain

__all__ = [
    "EASY_MAX_SECONDS",
    "EASY_MIN_SCORE",
    "HARD_MIN_SCORE",
    "RATINGS",
    "CappedScheduler",
    "Card",
    "CardRow",
    "DueCap",
    "Rating",
    "RecallCurve",
    "Scheduler",
    "card_from_row",
    "card_to_row",
    "format_interval",
    "good_chain",
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


DueCap = Callable[[int, datetime, datetime], datetime]
"""``(card_id, reviewed_at, due) -> due``: the latest a reviewed card may fall due."""


class CappedScheduler(Scheduler):
    """FSRS's scheduler whose due dates never pass ``cap`` (the interview plan's limit)."""

    def __init__(self, *, cap: DueCap | None = None, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.cap = cap

    def review_card(
        self,
        card: Card,
        rating: Rating,
        review_datetime: datetime | None = None,
        review_duration: int | None = None,
    ) -> tuple[Card, ReviewLog]:
        reviewed, log = super().review_card(card, rating, review_datetime, review_duration)
        if self.cap is not None:
            moment = review_datetime or datetime.now(UTC)
            reviewed.due = self.cap(reviewed.card_id, moment, reviewed.due)
        return reviewed, log


def make_scheduler(
    *,
    enable_fuzzing: bool = False,
    desired_retention: float = 0.9,
    parameters: Sequence[float] | None = None,
    cap: DueCap | None = None,
) -> Scheduler:
    """The FSRS scheduler (fuzzing off: see module doc).

    ``parameters``: fitted by ``quizapp tune`` (None: FSRS-6's defaults);
    ``cap``: the interview plan's limit on due dates.
    """
    options: dict[str, object] = {
        "desired_retention": desired_retention,
        "enable_fuzzing": enable_fuzzing,
    }
    if parameters is not None:
        options["parameters"] = tuple(parameters)
    if cap is not None:
        return CappedScheduler(cap=cap, **options)
    return Scheduler(**options)  # type: ignore[arg-type]


def good_chain(scheduler: Scheduler, horizon_days: int) -> Chain:
    """The stabilities and intervals of a new card answered Good every time it is due.

    Steps are added until the intervals add up past ``horizon_days`` (at most
    a dozen: FSRS intervals grow fast). The plan's workload estimate uses it.
    """
    start = datetime(2000, 1, 1, tzinfo=UTC)
    plain = Scheduler(
        parameters=scheduler.parameters,
        desired_retention=scheduler.desired_retention,
        enable_fuzzing=False,
    )
    card = Card(card_id=1, due=start)
    moment = start
    while True:  # the first day: the answer and its learning steps
        card, _ = plain.review_card(card, Rating.Good, review_datetime=moment)
        if card.state == State.Review:
            break
        moment = card.due
    stabilities, intervals = [], []
    total = 0
    while True:
        interval = max(1, (card.due - moment).days)
        stabilities.append(float(card.stability or 0.0))
        intervals.append(interval)
        total += interval
        if total > horizon_days or len(intervals) >= 12:
            break
        moment = card.due
        card, _ = plain.review_card(card, Rating.Good, review_datetime=moment)
    return Chain(tuple(stabilities), tuple(intervals))


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
