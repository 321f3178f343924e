"""Every query of the progress review.

Figures and their definitions:

- **mastery** of a topic (bank): the share of the topic's questions you would
  recall today, i.e. the mean over *all* its questions of
  :func:`mastery_recall_by_question`: a question's FSRS retrievability now when its
  latest review was recalled (rated Hard, Good or Easy), 0 when it was a lapse
  (Again: FSRS's retrievability is still near 1 right after one), and 0 for a
  question never reviewed. Four questions, one recalled a stability ago (0.9)
  and the rest failed or unseen, make 0.9 / 4 = 22.5%;
- **accuracy**: the share of reviews that count as recalled: a flashcard rated
  Hard, Good or Easy (Again is a lapse, as in Anki), a free-text answer graded
  ``correct`` or overridden as right (``partial`` does not count);
- **days** and **streaks** use the learner's local calendar day, recorded with
  each review (see :mod:`quizapp.store.db`); the current streak still counts
  when today has no review yet, until today ends;
- **due forecast**: cards due on each of the next days, overdue ones on today;
- **weakest**: reviewed questions ranked by the chance of recalling them a
  week from now (low stability and overdue cards come first).

Each query reads indexes (``m003_progress_indexes``) or the summaries that
triggers keep beside ``reviews`` (``m007_progress_summaries``: each question's
latest rating, the number of reviews), never every review; with ``known`` only
the cards of questions still in the banks are read. The benchmark
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
    Rating,
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
    questions: int = 0
    """How many questions the topic has (the mastery's denominator; its reviewed cards
    when the topic's questions are not known)."""


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
    rating: int | None = None
    """The rating of the question's latest review (None: no review on record)."""


CARD_RECALL_ROWS = """
SELECT c.question_id, c.bank, c.stability, c.last_review, c.due, c.lapses, l.rating
FROM cards c LEFT JOIN review_latest l ON l.question_id = c.question_id
"""
"""Each card with its latest rating (``review_latest``, kept by triggers: see m007)."""
ONLY_KNOWN = " WHERE c.question_id IN (SELECT value FROM json_each(?))"


def _known_filter(known: Collection[str] | None) -> tuple[str, list[str]]:
    """The SQL condition (and its parameter) keeping the cards of ``known`` questions."""
    if known is None:
        return "", []
    return ONLY_KNOWN, [json.dumps(sorted(known))]


def card_recalls(
    store: Store,
    now: datetime,
    scheduler: Scheduler | None = None,
    cards: Mapping[str, Card] | None = None,
    known: Collection[str] | None = None,
) -> list[CardRecall]:
    """Every card's topic and chance of recall, now and a week later, in stored order.

    One plain query and the FSRS formula on its columns (no :class:`Card` per row:
    at 10,000 cards those dominate the whole progress review). ``known`` keeps the
    cards of those question ids only (read in SQL: a long history has many cards of
    removed questions). ``cards`` (from :meth:`Store.cards`) computes the same from
    cards already read.
    """
    scheduler = scheduler or make_scheduler()
    moment = as_utc(now)
    later = moment + WEEK
    if cards is not None:
        banks = store.card_banks()
        ratings = latest_ratings(store)
        return [
            CardRecall(
                qid,
                banks[qid],
                retrievability(scheduler, card, moment),
                retrievability(scheduler, card, later),
                card.due.isoformat(),
                0,
                ratings.get(qid),
            )
            for qid, card in cards.items()
            if known is None or qid in known
        ]
    curve = RecallCurve(scheduler)
    where, parameters = _known_filter(known)
    with store.lock:
        rows = store.db.conn.execute(
            CARD_RECALL_ROWS + where + " ORDER BY c.rowid", parameters
        ).fetchall()
    result = []
    for question_id, bank, stability, last, due, lapses, rating in rows:
        reviewed = as_utc(datetime.fromisoformat(last)) if last else None
        result.append(
            CardRecall(
                question_id,
                bank,
                curve(stability, reviewed, moment),
                curve(stability, reviewed, later),
                due,
                lapses,
                rating,
            )
        )
    return result


def latest_ratings(store: Store) -> dict[str, int]:
    """Each reviewed question's latest rating (the last by time, then by id)."""
    with store.lock:
        return dict(
            store.db.conn.execute("SELECT question_id, rating FROM review_latest").fetchall()
        )


def questions_by_topic(questions: Iterable[Any]) -> dict[str, list[str]]:
    """``bank -> question ids`` of the given questions (anything with ``id`` and ``bank``)."""
    result: dict[str, list[str]] = {}
    for question in questions:
        result.setdefault(question.bank, []).append(question.id)
    return result


def total_reviews(store: Store) -> int:
    """How many reviews were ever recorded (``review_totals``, kept by triggers: see m007)."""
    with store.lock:
        return int(store.db.conn.execute("SELECT reviews FROM review_totals").fetchone()[0])


def mastery_recall_by_question(
    store: Store,
    at: datetime,
    scheduler: Scheduler | None = None,
    cards: Mapping[str, Card] | None = None,
) -> dict[str, float]:
    """Each reviewed question's chance of being recalled at ``at`` (0.0 to 1.0).

    The FSRS retrievability of its card at ``at`` when its latest review was
    recalled (rated Hard, Good or Easy); 0.0 when the latest review was a lapse
    (Again), because right after a lapse FSRS still predicts a near-certain
    recall. A question never reviewed is absent: count it as 0.0 (not known).
    ``at`` may be any moment (today for mastery, an interview day for a plan).
    :func:`quizapp.core.recall.recall_by_question` is the same curve without the
    lapse rule, on memory states instead of the store.
    """
    return _known_recall(card_recalls(store, at, scheduler, cards))


def _known_recall(recalls: Sequence[CardRecall]) -> dict[str, float]:
    """Each card's chance of recall now, 0.0 when its latest review was a lapse."""
    lapse = int(Rating.Again)
    return {
        card.question_id: card.now if card.rating not in (None, lapse) else 0.0 for card in recalls
    }


def topic_mastery(
    store: Store,
    now: datetime,
    topics: Iterable[str] = (),
    scheduler: Scheduler | None = None,
    window_days: int = 30,
    cards: Mapping[str, Card] | None = None,
    recalls: Sequence[CardRecall] | None = None,
    topic_questions: Mapping[str, Collection[str]] | None = None,
) -> list[TopicMastery]:
    """Mastery and recent accuracy of every topic reviewed (and of ``topics``), by name.

    Mastery is the mean of :func:`mastery_recall_by_question` over the topic's questions
    in ``topic_questions`` (``bank -> question ids``; unseen ones count 0), or
    over its reviewed cards when the topic is not in it. None: nothing to count.
    ``recalls`` (:func:`card_recalls`) saves reading the cards again when the caller
    has them; so does ``cards`` (:meth:`Store.cards`).
    """
    if recalls is None:
        recalls = card_recalls(store, now, scheduler, cards)
    by_topic: dict[str, dict[str, float]] = {}
    known = _known_recall(recalls)
    for card in recalls:
        by_topic.setdefault(card.bank, {})[card.question_id] = known[card.question_id]
    recent = store.recent_reviews_by_bank(now, window_days)
    asked = topic_questions or {}
    names = sorted(set(by_topic) | set(recent) | set(topics) | set(asked))
    result = []
    for name in names:
        reviewed = by_topic.get(name, {})
        questions = set(asked.get(name, ())) or set(reviewed)
        count, correct = recent.get(name, (0, 0))
        result.append(
            TopicMastery(
                topic=name,
                cards=len(reviewed),
                mastery=(
                    # In stored order (a set's order would change the float's last bit);
                    # the topic's unseen questions add 0.
                    sum(chance for q, chance in reviewed.items() if q in questions) / len(questions)
                    if questions and reviewed
                    else (0.0 if questions and name in asked else None)
                ),
                reviews_30d=count,
                accuracy_30d=correct / count if count else None,
                questions=len(questions),
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


def leech_count(store: Store, threshold: int, known: Collection[str] | None = None) -> int:
    """How many cards (of ``known`` questions, when given) have ``threshold`` lapses or more."""
    where, parameters = _known_filter(known)
    where = (where + " AND" if where else " WHERE") + " c.lapses >= ?"
    with store.lock:
        row = store.db.conn.execute(
            "SELECT count(*) FROM cards c" + where, [*parameters, threshold]
        ).fetchone()
    return int(row[0])


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
    topic_questions: Mapping[str, Collection[str]] | None = None,
) -> ProgressReview:
    """The whole progress review at ``now``; ``topics`` adds banks never reviewed yet.

    ``known`` (the ids still in the banks) keeps removed questions out of what is due,
    the weakest and each topic's mastery; their reviews still count in the history.
    ``plan`` (:func:`quizapp.core.study_plan.current_plan`) is passed through.
    ``topic_questions`` (``bank -> question ids``) makes mastery count every question
    of a topic, unseen ones as not known (see :func:`topic_mastery`).
    """
    scheduler = make_scheduler(parameters=store.study_settings().parameters)
    with store.lock:
        current = card_recalls(store, now, scheduler, known=known)
        return ProgressReview(
            reviews=total_reviews(store),
            topics=topic_mastery(
                store, now, topics, recalls=current, topic_questions=topic_questions
            ),
            days=reviews_per_day(store, now),
            streak=streak(store, now),
            due=due_forecast(store, now, known=known),
            weakest=weakest(store, now, recalls=current),
            mocks=mock_history(store),
            plan=plan,
        )
