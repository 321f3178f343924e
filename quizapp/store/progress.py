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

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from quizapp.core.clock import as_utc
from quizapp.core.plan import Plan
from quizapp.core.scheduling import (
    WEEK,
    Card,
    RecallCurve,
    Scheduler,
    make_scheduler,
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


@dataclass(frozen=True, slots=True)
class CardRecall:
    """What the progress figures need of one card: its topic and its chance of recall."""

    question_id: str
    bank: str
    now: float
    """The chance of recalling it now (FSRS retrievability)."""
    in_week: float
    """The same a week from now: what "weakest" ranks by."""
    due: str
    lapses: int


def card_recalls(
    store: Store,
    now: datetime,
    scheduler: Scheduler | None = None,
    cards: Mapping[str, Card] | None = None,
) -> list[CardRecall]:
    """Every card's topic and chance of recall, now and a week later, in stored order.

    One plain query and the FSRS formula on its columns (no :class:`Card` per row:
    at 10,000 cards those dominate the whole progress review). ``cards`` (from
    :meth:`Store.cards`) computes the same from cards already read.
    """
    scheduler = scheduler or make_scheduler()
    moment = as_utc(now)
    later = moment + WEEK
    if cards is not None:
        banks = store.card_banks()
        return [
            CardRecall(
                qid,
                banks[qid],
                retrievability(scheduler, card, moment),
                retrievability(scheduler, card, later),
                card.due.isoformat(),
                0,
            )
            for qid, card in cards.items()
        ]
    curve = RecallCurve(scheduler)
    with store.lock:
        rows = store.db.conn.execute(
            "SELECT question_id, bank, stability, last_review, due, lapses FROM cards"
            " ORDER BY rowid"
        ).fetchall()
    result = []
    for question_id, bank, stability, last, due, lapses in rows:
        reviewed = as_utc(datetime.fromisoformat(last)) if last else None
        result.append(
            CardRecall(
                question_id,
                bank,
                curve(stability, reviewed, moment),
                curve(stability, reviewed, later),
                due,
                lapses,
            )
        )
    return result


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
    recalls: Sequence[CardRecall] | None = None,
) -> list[TopicMastery]:
    """Mastery and recent accuracy of every topic reviewed (and of ``topics``), by name.

    ``recalls`` (:func:`card_recalls`) saves reading the cards again when the caller
    has them; so does ``cards`` (:meth:`Store.cards`).
    """
    if recalls is None:
        recalls = card_recalls(store, now, scheduler, cards)
    recall: dict[str, list[float]] = {}
    for card in recalls:
        recall.setdefault(card.bank, []).append(card.now)
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
    # Overdue cards (most of them, in a long history) are today's: counted, not read.
    moment = as_utc(now).isoformat()
    horizon = (now + timedelta(days=days + 1)).isoformat()
    with store.lock:
        conn = store.db.conn
        only = ""
        extra: list[str] = []
        if known is not None:
            only = " AND question_id IN (SELECT value FROM json_each(?))"
            extra = [json.dumps(sorted(known))]
        counts[today] += conn.execute(
            "SELECT count(*) FROM cards WHERE due < ?" + only, [moment, *extra]
        ).fetchone()[0]
        later = conn.execute(
            "SELECT due FROM cards WHERE due >= ? AND due < ?" + only, [moment, horizon, *extra]
        ).fetchall()
    for (due,) in later:
        day = max(store.today(datetime.fromisoformat(due)), today)
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
    recalls: Sequence[CardRecall] | None = None,
) -> list[WeakQuestion]:
    """The reviewed questions least likely to be recalled a week from now.

    ``known`` restricts them to question ids that still exist in the banks.
    The order is :func:`~quizapp.core.scheduling.rank_weakest`'s.
    """
    if recalls is None:
        recalls = card_recalls(store, now, scheduler, cards)
    chosen = [c for c in recalls if known is None or c.question_id in known]
    chosen.sort(key=lambda c: (c.in_week, c.question_id))
    ranked = [(c.in_week, c.question_id, c) for c in chosen[:limit]]
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
                due=as_utc(datetime.fromisoformat(card.due)),
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
        recalls = card_recalls(store, now, scheduler)
        current = recalls if known is None else [c for c in recalls if c.question_id in known]
        return ProgressReview(
            reviews=total_reviews(store),
            topics=topic_mastery(store, now, topics, recalls=current),
            days=reviews_per_day(store, now),
            streak=streak(store, now),
            due=due_forecast(store, now, known=known),
            weakest=weakest(store, now, known=known, recalls=recalls),
            mocks=mock_history(store),
            plan=plan,
        )
