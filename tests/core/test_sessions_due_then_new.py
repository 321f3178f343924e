"""`QuizSession.due_then_new`: spaced repetition as a quiz (the home menu's predict drill)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sessions_fixtures import FakeGrader, catalog, question

from quizapp.core.clock import FakeClock
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.core.sessions import Filters, QuizSession
from quizapp.store import ReviewRecord, Store, open_store

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "progress.db", tz=UTC)


def seed(store: Store, qid: str, rating: Rating, at: datetime) -> None:
    card = review(make_scheduler(), new_card(qid, at), rating, at)
    store.record_review(ReviewRecord(qid, "b", "quiz", at, rating, True), card, None)


def test_due_ones_most_overdue_first_then_new_ones_and_never_not_due(store: Store) -> None:
    questions = [
        question("p-due-late", "b", kind="predict"),
        question("p-not-due", "b", kind="predict"),
        question("p-new-hard", "b", "hard", kind="predict"),
        question("p-due-early", "b", kind="predict"),
        question("p-new-easy", "b", "easy", kind="predict"),
        question("text-due", "b"),
    ]
    seed(store, "p-due-early", Rating.Again, T0 - timedelta(days=3))
    seed(store, "p-due-late", Rating.Again, T0 - timedelta(days=1))
    seed(store, "text-due", Rating.Again, T0 - timedelta(days=2))
    seed(store, "p-not-due", Rating.Easy, T0 - timedelta(hours=1))
    grader = FakeGrader()
    session = QuizSession.due_then_new(
        store,
        catalog(questions),
        kinds=("predict",),
        clock=FakeClock(T0),
        graders={"text": grader, "predict": grader},
    )
    assert [q.id for q in session.questions] == [
        "p-due-early",
        "p-due-late",
        "p-new-easy",
        "p-new-hard",
    ]
    session.submit("right")
    assert store.card("p-due-early").due > T0  # type: ignore[union-attr]


def test_filters_and_graders_decide_what_is_asked(store: Store) -> None:
    questions = [
        question("a-text", "a"),
        question("a-predict", "a", kind="predict"),
        question("b-text", "b"),
    ]
    only_text = QuizSession.due_then_new(
        store, catalog(questions), filters=Filters(banks=frozenset({"a"})), graders=None
    )
    assert [q.id for q in only_text.questions] == ["a-text"]  # no predict grader given
