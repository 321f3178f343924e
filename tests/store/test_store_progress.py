"""Progress-review queries on a small seeded history."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core.scheduling import (
    WEEK,
    Rating,
    make_scheduler,
    new_card,
    rank_weakest,
    retrievability,
    review,
)
from quizapp.store import ReviewRecord, Store, open_store
from quizapp.store.progress import (
    due_forecast,
    mastery_recall_by_question,
    mock_history,
    progress_review,
    reviews_per_day,
    streak,
    topic_mastery,
    total_reviews,
    weakest,
)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def rate(store: Store, qid: str, bank: str, rating: Rating, when: datetime) -> None:
    before = store.card(qid)
    card = review(make_scheduler(), before or new_card(qid, when), rating, when)
    record = ReviewRecord(qid, bank, "flash", when, rating, rating != Rating.Again)
    store.record_review(record, card, before)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    for day in (1, 2, 3, 5, 6):
        rate(store, f"good-{day}", "airflow", Rating.Good, at(day))
    rate(store, "bad", "etl", Rating.Again, at(5))
    rate(store, "bad", "etl", Rating.Again, at(6))
    return store


def test_totals_and_reviews_per_day(store: Store) -> None:
    assert total_reviews(store) == 7
    days = reviews_per_day(store, at(6), days=7)
    assert days[0].day == "2026-02-28"
    assert [(d.reviews, d.correct) for d in days] == [
        (0, 0),
        (1, 1),
        (1, 1),
        (1, 1),
        (0, 0),
        (2, 1),
        (2, 1),
    ]
    assert days[-1].accuracy == 0.5
    assert days[0].accuracy is None


@pytest.mark.parametrize(
    ("now", "current", "today"),
    [(at(6, 23), 2, True), (at(7), 2, False), (at(8), 0, False)],
)
def test_streaks(store: Store, now: datetime, current: int, today: bool) -> None:
    result = streak(store, now)
    assert (result.current, result.longest, result.reviewed_today) == (current, 3, today)


def test_streak_of_an_empty_history(tmp_path: Path) -> None:
    result = streak(open_store(tmp_path / "empty.db", tz=UTC), at(6))
    assert (result.current, result.longest, result.reviewed_today) == (0, 0, False)


def test_topic_mastery_and_recent_accuracy(store: Store) -> None:
    topics = {t.topic: t for t in topic_mastery(store, at(7), topics=["never-studied"])}
    assert set(topics) == {"airflow", "etl", "never-studied"}
    airflow, etl = topics["airflow"], topics["etl"]
    assert (airflow.cards, airflow.reviews_30d, airflow.accuracy_30d) == (5, 5, 1.0)
    assert (etl.cards, etl.reviews_30d, etl.accuracy_30d) == (1, 2, 0.0)
    assert airflow.mastery is not None and etl.mastery is not None
    assert 0.0 < airflow.mastery <= 1.0
    assert etl.mastery == 0.0  # its only question's latest review was a lapse
    assert topics["never-studied"].mastery is None
    assert topics["never-studied"].accuracy_30d is None


def test_weakest_puts_the_failed_question_first_and_skips_unknown_ids(store: Store) -> None:
    ranked = weakest(store, at(7))
    assert ranked[0].question_id == "bad"
    assert (ranked[0].reviews, ranked[0].accuracy, ranked[0].lapses) == (2, 0.0, 2)
    assert [w.recall_in_week for w in ranked] == sorted(w.recall_in_week for w in ranked)
    known = {"good-1", "good-5"}
    assert {w.question_id for w in weakest(store, at(7), known=known)} == known
    assert len(weakest(store, at(7), limit=3)) == 3


@pytest.mark.parametrize("days_later", [0, 1, 6, 9, 45])
def test_figures_from_stored_columns_match_fsrs_on_each_card(store: Store, days_later: int) -> None:
    """Mastery and the weakest are computed from the card rows, without fsrs Cards: same floats."""
    now = at(7) + timedelta(days=days_later, minutes=37)
    scheduler = make_scheduler()
    cards = store.cards()
    by_topic: dict[str, list[float]] = {}
    for qid, card in cards.items():
        bank = "etl" if qid == "bad" else "airflow"
        # "bad"'s latest review is a lapse (Again): it counts as not known (issue 13).
        chance = 0.0 if qid == "bad" else retrievability(scheduler, card, now)
        by_topic.setdefault(bank, []).append(chance)
    topics = {t.topic: t.mastery for t in topic_mastery(store, now)}
    assert topics == {name: sum(v) / len(v) for name, v in by_topic.items()}
    expected = rank_weakest(scheduler, cards, now)
    ranked = weakest(store, now, limit=len(cards))
    assert [w.question_id for w in ranked] == expected
    assert [w.recall_in_week for w in ranked] == [
        retrievability(scheduler, cards[qid], now + WEEK) for qid in expected
    ]
    assert [w.due for w in ranked] == [cards[qid].due for qid in expected]
    assert store.cards(["bad", "good-1", "missing"]) == {
        qid: cards[qid] for qid in ("bad", "good-1")
    }


def test_due_forecast_counts_overdue_cards_today(store: Store) -> None:
    now = at(20)
    forecast = due_forecast(store, now)
    assert [d.day for d in forecast] == [
        (now + timedelta(days=i)).date().isoformat() for i in range(7)
    ]
    cards = store.cards().values()
    overdue = sum(1 for c in cards if c.due <= now.replace(hour=23, minute=59))
    assert forecast[0].count == overdue > 0
    in_week = sum(1 for c in cards if c.due < datetime(2026, 3, 27, tzinfo=UTC))
    assert sum(d.count for d in forecast) == in_week


def test_mock_history_lists_finished_interviews_with_scores(store: Store) -> None:
    unfinished = store.create_mock(at(6), 1, 600, 60, [("a", "b", "easy")])
    finished = store.create_mock(at(6, 11), 2, 600, 60, [("a", "b", "easy"), ("c", "b", "hard")])
    store.finish_mock(finished, at(6, 12), 0.75, {"score": 0.75}, [], [])
    history = mock_history(store)
    assert [(m.id, m.score, m.questions) for m in history] == [(finished, 0.75, 2)]
    assert unfinished not in [m.id for m in history]


def test_progress_review_as_json_has_every_section(store: Store) -> None:
    mock_id = store.create_mock(at(6), 1, 600, 60, [("a", "b", "easy")])
    store.finish_mock(mock_id, at(6, 11), 0.5, {}, [], [])
    data = progress_review(store, at(6, 20), topics=["airflow"]).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["reviews"] == 7
    assert data["streak"] == {"current": 2, "longest": 3, "reviewed_today": True}
    assert data["mocks"][0]["id"] == mock_id and data["mocks"][0]["score"] == 0.5
    assert len(data["days"]) == 30 and len(data["due"]) == 7
    assert data["weakest"][0]["question_id"] == "bad"
    assert {t["topic"] for t in data["topics"]} == {"airflow", "etl"}


def test_no_progress_query_scans_the_reviews_table(store: Store) -> None:
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    progress_review(store, at(7))
    store.db.conn.set_trace_callback(None)
    on_reviews = [sql for sql in seen if "FROM reviews" in sql]
    assert len(on_reviews) >= 4
    for sql in on_reviews:
        plan = [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        # Not even a covering index read end to end (the count is a trigger's summary).
        assert not any(step.startswith("SCAN reviews") for step in plan), (sql, plan)
        assert any("INDEX" in step for step in plan), (sql, plan)


def test_mastery_is_the_share_of_the_topics_questions_recalled_today(tmp_path: Path) -> None:
    """Hand-computed (issue 13): 4 questions; one recalled, one lapsed, two unseen.

    On the day of a review FSRS's retrievability is 1.0 (no whole day has passed),
    whatever the rating: ``q1`` (Good) counts 1.0 and ``q2`` (Again) counts 0, as do
    the unseen ``q3`` and ``q4``: mastery = (1 + 0 + 0 + 0) / 4 = 25%. Three whole
    days later ``q1`` counts FSRS's forgetting curve R = (1 + F * 3 / S) ** D, with
    D = -w[20] and F = 0.9 ** (1 / D) - 1 (so that R = 0.9 at t = S).
    """
    store = open_store(tmp_path / "m.db", tz=UTC)
    rate(store, "q1", "topic", Rating.Good, at(1))
    rate(store, "q2", "topic", Rating.Again, at(1))
    questions = {"topic": ["q1", "q2", "q3", "q4"]}
    assert mastery_recall_by_question(store, at(1, 20)) == {"q1": 1.0, "q2": 0.0}
    (topic,) = topic_mastery(store, at(1, 20), topic_questions=questions)
    assert topic.mastery == 0.25
    assert (topic.cards, topic.questions) == (2, 4)

    stability = store.card("q1").stability  # type: ignore[union-attr]
    decay = -make_scheduler().parameters[20]
    factor = 0.9 ** (1 / decay) - 1
    by_hand = (1 + factor * 3 / stability) ** decay
    (later,) = topic_mastery(store, at(4, 10), topic_questions=questions)
    assert later.mastery == pytest.approx(by_hand / 4, abs=1e-9)
    assert 0.0 < later.mastery < 0.25


def test_a_topic_whose_only_answer_was_wrong_has_no_mastery(tmp_path: Path) -> None:
    store = open_store(tmp_path / "m.db", tz=UTC)
    rate(store, "only", "topic", Rating.Again, at(1))
    (topic,) = topic_mastery(store, at(1), topic_questions={"topic": ["only", "other"]})
    assert topic.mastery == 0.0
    never = topic_mastery(store, at(1), topic_questions={"fresh": ["x"]})[0]
    assert never.topic == "fresh" and never.mastery == 0.0
