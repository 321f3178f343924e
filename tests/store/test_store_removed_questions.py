"""A question removed from the banks (the data-science-lifecycle cut): its history stays
readable, and the progress review neither crashes on its id nor counts it as something
the learner can still study (due today, dragging a topic's mastery down forever)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, Store, open_store
from quizapp.store.progress import progress_review

KEPT = "ds-lifecycle"
REMOVED = "ds-business-analyst"  # cut from the data-science-lifecycle bank (issue 12)
BANK = "data-science-lifecycle"


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def rate(store: Store, qid: str, rating: Rating, when: datetime) -> None:
    before = store.card(qid)
    card = review(make_scheduler(), before or new_card(qid, when), rating, when)
    store.record_review(
        ReviewRecord(qid, BANK, "quiz", when, rating, rating != Rating.Again), card, before
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    rate(store, KEPT, Rating.Good, at(1))
    rate(store, REMOVED, Rating.Again, at(1))
    rate(store, REMOVED, Rating.Again, at(2))
    return store


def test_the_removed_question_keeps_its_history(store: Store) -> None:
    review_ = progress_review(store, at(30), topics=[BANK], known={KEPT})
    assert len(store.reviews_of(REMOVED)) == 2
    assert review_.reviews == 3  # every answer ever given still counts
    topic = next(t for t in review_.topics if t.topic == BANK)
    assert (topic.reviews_30d, topic.accuracy_30d) == (3, pytest.approx(1 / 3))
    data = review_.to_json()
    assert json.loads(json.dumps(data)) == data


def test_the_removed_question_is_neither_due_nor_weakest_nor_in_mastery(store: Store) -> None:
    with_it = progress_review(store, at(30), topics=[BANK])
    without = progress_review(store, at(30), topics=[BANK], known={KEPT})
    assert sum(d.count for d in with_it.due) == 2  # both cards are overdue by day 30
    assert sum(d.count for d in without.due) == 1  # only the one the learner can study
    assert REMOVED not in {w.question_id for w in without.weakest}
    topic_with = next(t for t in with_it.topics if t.topic == BANK)
    topic = next(t for t in without.topics if t.topic == BANK)
    assert (topic_with.cards, topic.cards) == (2, 1)
    assert topic.mastery is not None and topic_with.mastery is not None
    assert topic.mastery > topic_with.mastery  # the failed, unreachable card no longer drags


def test_a_bank_removed_entirely_still_shows_its_reviews(store: Store) -> None:
    review_ = progress_review(store, at(3), topics=["airflow-basics"], known=set())
    topic = next(t for t in review_.topics if t.topic == BANK)
    assert (topic.cards, topic.mastery, topic.reviews_30d) == (0, None, 3)
    assert sum(d.count for d in review_.due) == 0
