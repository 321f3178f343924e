"""The progress review's fast paths against a plain recomputation from the raw rows.

Each history is generated (seeded) through the store's own writes: reviews and
lapses, undos, "I was right" overrides, a progress import with older reviews,
questions since removed from the banks, reviews at the same instant. The
reference below reads every review and card and computes each figure the
obvious way (FSRS's own retrievability on :class:`Card` objects, Python loops
over every row); the store's review must give exactly the same numbers.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core.scheduling import (
    WEEK,
    Rating,
    card_from_row,
    make_scheduler,
    new_card,
    retrievability,
    review,
)
from quizapp.store import ReviewRecord, Store, open_store
from quizapp.store.progress import (
    DayStat,
    DueDay,
    TopicMastery,
    WeakQuestion,
    leech_count,
    progress_review,
    total_reviews,
)
from quizapp.store.progress_file import export_progress, import_progress
from quizapp.store.queries import Streak

NOW = datetime(2026, 3, 20, 15, 30, tzinfo=UTC)
BANKS = ("airflow", "etl", "warehouse", "astro")


@dataclass(frozen=True)
class Reference:
    reviews: int
    topics: list[TopicMastery]
    days: list[DayStat]
    streak: Streak
    due: list[DueDay]
    weakest: list[WeakQuestion]
    leeches: int


def reference(
    store: Store,
    now: datetime,
    topics: Collection[str],
    known: Collection[str] | None,
    topic_questions: Mapping[str, Collection[str]],
    leech_lapses: int = 3,
) -> Reference:
    """Every figure from ``SELECT *``, computed the straightforward way."""
    conn = store.db.conn
    reviews = conn.execute(
        "SELECT id, question_id, bank, reviewed_at, day, rating, correct FROM reviews"
    ).fetchall()
    names = ("state", "step", "stability", "difficulty", "due", "last_review")
    cards = [
        (row[0], row[1], row[8], card_from_row(row[0], dict(zip(names, row[2:8], strict=True))))
        for row in conn.execute(
            "SELECT question_id, bank, state, step, stability, difficulty, due, last_review,"
            " lapses FROM cards ORDER BY rowid"
        )
    ]
    scheduler = make_scheduler(parameters=store.study_settings().parameters)
    today = store.today(now)

    latest: dict[str, tuple[str, int, int]] = {}
    for rid, qid, _bank, at, _day, rating, _correct in reviews:
        if qid not in latest or (at, rid) > latest[qid][:2]:
            latest[qid] = (at, rid, rating)

    def recalled_now(qid: str, card: object) -> float:
        if qid not in latest or latest[qid][2] == Rating.Again:
            return 0.0
        return retrievability(scheduler, card, now)  # type: ignore[arg-type]

    current = [c for c in cards if known is None or c[0] in known]
    by_topic: dict[str, dict[str, float]] = {}
    for qid, bank, _lapses, card in current:
        by_topic.setdefault(bank, {})[qid] = recalled_now(qid, card)
    since = (today - timedelta(days=29)).isoformat()
    recent: dict[str, list[int]] = {}
    for _rid, _qid, bank, _at, day, _rating, correct in reviews:
        if day >= since:
            counts = recent.setdefault(bank, [0, 0])
            counts[0] += 1
            counts[1] += correct
    mastery = []
    for name in sorted(set(by_topic) | set(recent) | set(topics) | set(topic_questions)):
        reviewed = by_topic.get(name, {})
        questions = set(topic_questions.get(name, ())) or set(reviewed)
        count, correct = recent.get(name, [0, 0])
        if questions and reviewed:
            value: float | None = sum(v for q, v in reviewed.items() if q in questions) / len(
                questions
            )
        elif questions and name in topic_questions:
            value = 0.0
        else:
            value = None
        mastery.append(
            TopicMastery(
                name,
                len(reviewed),
                value,
                count,
                correct / count if count else None,
                len(questions),
            )
        )

    days = []
    for offset in range(29, -1, -1):
        day = (today - timedelta(days=offset)).isoformat()
        on_day = [r for r in reviews if r[4] == day]
        days.append(DayStat(day, len(on_day), sum(r[6] for r in on_day)))

    reviewed_days = sorted({date.fromisoformat(r[4]) for r in reviews}, reverse=True)
    longest = run = 0
    for index, day in enumerate(reviewed_days):
        run = run + 1 if index and reviewed_days[index - 1] - day == timedelta(days=1) else 1
        longest = max(longest, run)
    current_run = 0
    if reviewed_days and reviewed_days[0] >= today - timedelta(days=1):
        day = reviewed_days[0]
        while day in reviewed_days:
            current_run += 1
            day -= timedelta(days=1)
    streak = Streak(current_run, longest, bool(reviewed_days) and reviewed_days[0] == today)

    due = {today + timedelta(days=i): 0 for i in range(7)}
    for _qid, _bank, _lapses, card in current:
        day = max(store.today(card.due), today) if card.due >= now else today
        if day in due:
            due[day] += 1

    ranked = sorted(current, key=lambda c: (retrievability(scheduler, c[3], now + WEEK), c[0]))
    weakest = []
    for qid, bank, lapses, card in ranked[:10]:
        mine = [r for r in reviews if r[1] == qid]
        right = sum(r[6] for r in mine)
        weakest.append(
            WeakQuestion(
                qid,
                bank,
                retrievability(scheduler, card, now + WEEK),
                len(mine),
                right / len(mine) if mine else None,
                lapses,
                card.due,
            )
        )
    leeches = sum(1 for c in current if c[2] >= leech_lapses)
    return Reference(
        len(reviews),
        mastery,
        days,
        streak,
        [DueDay(d.isoformat(), n) for d, n in due.items()],
        weakest,
        leeches,
    )


def rate(store: Store, qid: str, bank: str, rating: Rating, when: datetime) -> int:
    before = store.card(qid)
    card = review(make_scheduler(), before or new_card(qid, when), rating, when)
    record = ReviewRecord(qid, bank, "quiz", when, rating, rating != Rating.Again)
    return store.record_review(record, card, before)


def generated(store: Store, seed: int, questions: int = 40, answers: int = 400) -> list[str]:
    """A seeded history through the store's writes; returns every question id."""
    rng = random.Random(seed)
    ids = [f"q{i:03d}" for i in range(questions)]
    start = NOW - timedelta(days=60)
    gaps = {rng.randrange(60) for _ in range(8)}  # days without a review break the streaks
    moments = sorted(
        moment
        for moment in (
            start + timedelta(seconds=rng.randrange(60 * 86400 - 3600)) for _ in range(answers)
        )
        if (moment - start).days not in gaps
    )
    for index, when in enumerate(moments):
        qid = rng.choice(ids[: questions - 5])  # the last five are never answered
        rating = rng.choices(list(Rating), (3, 2, 5, 1))[0]
        review_id = rate(store, qid, BANKS[int(qid[1:]) % len(BANKS)], rating, when)
        if index % 37 == 5:  # the same instant again: the later id is the latest
            again = Rating.Again if rating != Rating.Again else Rating.Good
            rate(store, qid, BANKS[int(qid[1:]) % len(BANKS)], again, when)
        elif index % 23 == 7:
            store.undo_review(review_id)
        elif index % 29 == 3 and rating == Rating.Again:
            before = store.card_before(review_id) or new_card(qid, when)
            card = review(make_scheduler(), before, Rating.Good, when)
            store.override_review(review_id, Rating.Good, card)
    return ids


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "progress.db", tz=UTC)


def check(
    store: Store,
    now: datetime,
    *,
    topics: Collection[str] = (),
    known: Collection[str] | None = None,
    topic_questions: Mapping[str, Collection[str]] | None = None,
) -> None:
    expected = reference(store, now, topics, known, topic_questions or {})
    got = progress_review(store, now, topics=topics, known=known, topic_questions=topic_questions)
    assert got.reviews == expected.reviews == total_reviews(store)
    assert got.topics == expected.topics
    assert got.days == expected.days
    assert got.streak == expected.streak
    assert got.due == expected.due
    assert got.weakest == expected.weakest
    assert leech_count(store, 3, known) == expected.leeches


def test_empty_database(store: Store) -> None:
    check(store, NOW)
    check(store, NOW, topics=["airflow"], known=set(), topic_questions={"airflow": ["a", "b"]})
    assert progress_review(store, NOW).reviews == 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_history(store: Store, seed: int) -> None:
    ids = generated(store, seed)
    check(store, NOW)
    check(store, NOW + timedelta(days=9))
    kept = set(ids[::2]) | set(ids[-5:])  # half the reviewed questions removed from the banks
    by_topic = {bank: [q for q in sorted(kept) if BANKS[int(q[1:]) % 4] == bank] for bank in BANKS}
    check(store, NOW, topics=[*BANKS, "never-studied"], known=kept, topic_questions=by_topic)
    check(store, NOW, known=set())


def test_every_review_undone(store: Store) -> None:
    first = rate(store, "q1", "etl", Rating.Good, NOW - timedelta(days=3))
    second = rate(store, "q1", "etl", Rating.Again, NOW - timedelta(days=2))
    check(store, NOW)
    store.undo_review(second)
    check(store, NOW)
    store.undo_review(first)
    check(store, NOW)
    assert progress_review(store, NOW).reviews == 0


def test_imported_older_history(tmp_path: Path, store: Store) -> None:
    """Reviews merged in from another database, older than the ones already here."""
    other = open_store(tmp_path / "other.db", tz=UTC)
    generated(other, 4)
    exported = export_progress(other)
    other.close()
    generated(store, 5, questions=20, answers=80)
    import_progress(store, exported, backup=False)
    check(store, NOW)
    import_progress(store, exported, backup=False)  # twice: nothing changes
    check(store, NOW)


def test_a_lapse_after_a_good_answer_at_the_same_time_is_the_latest(store: Store) -> None:
    when = NOW - timedelta(days=1)
    rate(store, "q1", "etl", Rating.Good, when)
    rate(store, "q1", "etl", Rating.Again, when)
    check(store, NOW)
    assert progress_review(store, NOW).topics[0].mastery == 0.0
