"""Every query of the progress review.

Figures and their definitions:

- **mastery** of a topic (bank): the mean FSRS retrievability, now, of the
  topic's reviewed cards (the predicted chance of recalling each one);
- **accuracy**: the share of reviews that count as recalled: a flashcard rated
  Hard, Good or Easy (Again is a lapse, as in Anki), a free-text answer graded
  ``correct`` or overridden as right (``partial`` does not count);
- **days** and **streaks** use the learner's local calendar day, recorded with
  each review (see :mod:`quizapp.store.db`); the current streak still counts
  when today has no review yet, until today ends;
- **due forecast**: cards due on each of the next days, overdue ones on today;
- **weakest**: reviewed questions ranked by the chance of recalling them a
  week from now (low stability and overdue cards come first).

Each query reads indexes only (see ``m003_progress_indexes``); the benchmark
``benchmarks/store.py`` times them on a million reviews.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from quizapp.core.plan import Plan
from quizapp.core.scheduling import (
    WEEK,
    Card,
    Scheduler,
    make_scheduler,
    rank_weakest,
    retrievability,
)
from quizapp.store import queries
from quizapp.store.db import Store
from quizapp.store.queries import Streak, streak_of


@dataclass(frozen=True, slots=True)
class TopicMastery:
    """How well one topic (bank) is known."""

    topic: str
    cards: int
    mastery: float | None
    reviews_30d: int
    accuracy_30d: float | None


@dataclass(frozen=True, slots=True)
class DayStat:
    """Reviews on one local day."""

    day: str
    reviews: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        """The share recalled, or None on a day without reviews."""
        return self.correct / self.reviews if self.reviews else None


@dataclass(frozen=True, slots=True)
class DueDay:
    """How many cards fall due on a local day."""

    day: str
    count: int


@dataclass(frozen=True, slots=True)
class WeakQuestion:
    """A question that is slipping."""

    question_id: str
    bank: str
    recall_in_week: float
    reviews: int
    accuracy: float | None
    lapses: int
    due: datetime


@dataclass(frozen=True, slots=True)
class MockSummary:
    """A finished mock interview (``interrupted``: closed unfinished after its process ended)."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    score: float | None
    questions: int
    interrupted: bool = False


@dataclass(frozen=True, slots=True)
class ProgressReview:
    """Everything the progress screen and ``quizapp stats`` show."""

    reviews: int
    topics: list[TopicMastery]
    days: list[DayStat]
    streak: Streak
    due: list[DueDay]
    weakest: list[WeakQuestion]
    mocks: list[MockSummary]
    plan: Plan | None = None
    """The interview plan and readiness on the day (None: no interview date set)."""

    def to_json(self) -> dict[str, Any]:
        """The review as ``quizapp stats --json`` prints it."""
        return {
            "reviews": self.reviews,
            "topics": [asdict(t) for t in self.topics],
            "days": [asdict(d) | {"accuracy": d.accuracy} for d in self.days],
            "streak": asdict(self.streak),
            "due": [asdict(d) for d in self.due],
            "weakest": [asdict(w) | {"due": w.due.isoformat()} for w in self.weakest],
            "mocks": [
                asdict(m)
                | {
                    "started_at": m.started_at.isoformat(),
                    "finished_at": m.finished_at.isoformat() if m.finished_at else None,
                }
                for m in self.mocks
            ],
            "plan": self.plan.to_json() if self.plan is not None else None,
        }


def total_reviews(store: Store) -> int:
    """How many reviews were ever recorded."""
    return int(store.query("SELECT count(*) AS n FROM reviews")[0]["n"])


def topic_mastery(
    store: Store,
    now: datetime,
    topics: Iterable[str] = (),
    scheduler: Scheduler | None = None,
    window_days: int = 30,
    cards: Mapping[str, Card] | None = None,
) -> list[TopicMastery]:
    """Mastery and recent accuracy of every topic reviewed (and of ``topics``), by name.

    ``cards`` saves reading them again when the caller has them (:meth:`Store.cards`).
    """
    scheduler = scheduler or make_scheduler()
    banks = store.card_banks()
    recall: dict[str, list[float]] = {}
    for question_id, card in (cards if cards is not None else store.cards()).items():
        recall.setdefault(banks[question_id], []).append(retrievability(scheduler, card, now))
    recent = store.recent_reviews_by_bank(now, window_days)
    names = sorted(set(recall) | set(recent) | set(topics))
    result = []
    for name in names:
        values = recall.get(name, [])
        count, correct = recent.get(name, (0, 0))
        result.append(
            TopicMastery(
                topic=name,
                cards=len(values),
                mastery=sum(values) / len(values) if values else None,
                reviews_30d=count,
                accuracy_30d=correct / count if count else None,
            )
        )
    return result


def reviews_per_day(store: Store, now: datetime, days: int = 30) -> list[DayStat]:
    """Reviews and how many were recalled, for each of the last ``days`` days (oldest first)."""
    today = store.today(now)
    first = today - timedelta(days=days - 1)
    found = {
        row["day"]: row
        for row in store.query(
            "SELECT day, count(*) AS n, sum(correct) AS c FROM reviews "
            "WHERE day >= ? AND day <= ? GROUP BY day",
            [first.isoformat(), today.isoformat()],
        )
    }
    result = []
    for offset in range(days):
        day = (first + timedelta(days=offset)).isoformat()
        row = found.get(day)
        result.append(DayStat(day, row["n"] if row else 0, row["c"] if row else 0))
    return result


def review_days(store: Store) -> list[date]:
    """Every day with a review, newest first (an index skip-scan, not a table scan)."""
    with store.lock:
        return queries.review_days(store.db.conn)


def streak(store: Store, now: datetime) -> Streak:
    """The current and the longest run of consecutive days with a review."""
    return streak_of(review_days(store), store.today(now))


def due_forecast(
    store: Store, now: datetime, days: int = 7, known: Collection[str] | None = None
) -> list[DueDay]:
    """Cards due on each of the next ``days`` days; today includes everything overdue.

    ``known`` restricts them to question ids that still exist in the banks.
    """
    today = store.today(now)
    last = today + timedelta(days=days - 1)
    counts = {today + timedelta(days=i): 0 for i in range(days)}
    horizon = (now + timedelta(days=days + 1)).isoformat()
    for row in store.query("SELECT question_id, due FROM cards WHERE due < ?", [horizon]):
        if known is not None and row["question_id"] not in known:
            continue
        day = max(store.today(datetime.fromisoformat(row["due"])), today)
        if day <= last:
            counts[day] += 1
    return [DueDay(day.isoformat(), count) for day, count in counts.items()]


def weakest(
    store: Store,
    now: datetime,
    limit: int = 10,
    known: Collection[str] | None = None,
    scheduler: Scheduler | None = None,
    cards: Mapping[str, Card] | None = None,
) -> list[WeakQuestion]:
    """The reviewed questions least likely to be recalled a week from now.

    ``known`` restricts them to question ids that still exist in the banks.
    """
    scheduler = scheduler or make_scheduler()
    every = cards if cards is not None else store.cards()
    chosen = {qid: card for qid, card in every.items() if known is None or qid in known}
    later = now + WEEK
    ranked = [
        (retrievability(scheduler, chosen[qid], later), qid, chosen[qid])
        for qid in rank_weakest(scheduler, chosen, now)[:limit]
    ]
    if not ranked:
        return []
    ids = [question_id for _r, question_id, _c in ranked]
    marks = ",".join("?" * len(ids))
    stats = {
        row["question_id"]: row
        for row in store.query(
            f"SELECT question_id, count(*) AS n, sum(correct) AS c FROM reviews "
            f"WHERE question_id IN ({marks}) GROUP BY question_id",
            ids,
        )
    }
    extra = {
        row["question_id"]: row
        for row in store.query(
            f"SELECT question_id, bank, lapses FROM cards WHERE question_id IN ({marks})", ids
        )
    }
    result = []
    for recall, question_id, card in ranked:
        row = stats.get(question_id)
        count = row["n"] if row else 0
        result.append(
            WeakQuestion(
                question_id=question_id,
                bank=extra[question_id]["bank"],
                recall_in_week=recall,
                reviews=count,
                accuracy=row["c"] / count if row and count else None,
                lapses=extra[question_id]["lapses"],
                due=card.due,
            )
        )
    return result


def mock_history(store: Store) -> list[MockSummary]:
    """Finished mock interviews, oldest first."""
    rows = store.query(
        """
        SELECT m.id, m.started_at, m.finished_at, m.score, m.interrupted,
               (SELECT count(*) FROM mock_answers a WHERE a.mock_id = m.id) AS questions
        FROM mocks m WHERE m.status = 'finished' ORDER BY m.started_at, m.id
        """
    )
    return [
        MockSummary(
            id=row["id"],
            started_at=datetime.fromisoformat(row["started_at"]),
            finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
            score=row["score"],
            questions=row["questions"],
            interrupted=bool(row["interrupted"]),
        )
        for row in rows
    ]


def progress_review(
    store: Store,
    now: datetime,
    *,
    topics: Iterable[str] = (),
    known: Collection[str] | None = None,
    plan: Plan | None = None,
) -> ProgressReview:
    """The whole progress review at ``now``; ``topics`` adds banks never reviewed yet.

    ``known`` (the ids still in the banks) keeps removed questions out of what is due,
    the weakest and each topic's mastery; their reviews still count in the history.
    ``plan`` (:func:`quizapp.core.study_plan.current_plan`) is passed through.
    """
    scheduler = make_scheduler(parameters=store.study_settings().parameters)
    with store.lock:
        cards = store.cards()
        current = cards if known is None else {q: c for q, c in cards.items() if q in known}
        return ProgressReview(
            reviews=total_reviews(store),
            topics=topic_mastery(store, now, topics, scheduler, cards=current),
            days=reviews_per_day(store, now),
            streak=streak(store, now),
            due=due_forecast(store, now, known=known),
            weakest=weakest(store, now, known=known, scheduler=scheduler, cards=cards),
            mocks=mock_history(store),
            plan=plan,
        )
