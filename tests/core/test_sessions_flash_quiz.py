"""Flashcard and quiz sessions on a fake clock, a real store and a fake grader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sessions_fixtures import FakeGrader, catalog, question

from quizapp.core.clock import FakeClock
from quizapp.core.scheduling import (
    Rating,
    card_to_row,
    make_scheduler,
    new_card,
    review,
)
from quizapp.core.sessions import Filters, FlashSession, QuizSession, SessionError
from quizapp.store import ReviewRecord, Store, open_store

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "progress.db", tz=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def seed_card(store: Store, qid: str, bank: str, rating: Rating, at: datetime) -> None:
    before = store.card(qid)
    card = review(make_scheduler(), before or new_card(qid, at), rating, at)
    store.record_review(ReviewRecord(qid, bank, "flash", at, rating, True), card, before)


CATALOG = catalog(
    [
        question("a1", "airflow", "easy", tags=("dag",)),
        question("a2", "airflow", "hard", tags=("xcom",)),
        question("a3", "airflow", "medium"),
        question("e1", "etl", "easy"),
        question("e2", "etl", "medium", tags=("dag",)),
        question("p1", "airflow", "easy", kind="predict", dag="x", ask="state"),
    ]
)


# --- flashcards ----------------------------------------------------------------


def test_due_cards_come_first_then_new_ones_and_removed_questions_are_skipped(
    store: Store, clock: FakeClock
) -> None:
    seed_card(store, "e2", "etl", Rating.Good, T0 - timedelta(days=30))
    seed_card(store, "a3", "airflow", Rating.Good, T0 - timedelta(days=20))
    seed_card(store, "gone", "airflow", Rating.Good, T0 - timedelta(days=40))  # not in banks
    session = FlashSession(store, CATALOG, clock=clock, new_limit=2)
    order = []
    while not session.done:
        current = session.current
        assert current is not None
        order.append((current.question.id, current.is_new))
        session.reveal()
        session.rate(Rating.Easy)
    # new ones: easy first, the banks taking turns (a1 from airflow, e1 from etl)
    assert order == [("e2", False), ("a3", False), ("a1", True), ("e1", True)]
    assert (session.due_count, session.new_count, session.reviewed) == (2, 2, 4)
    assert len(store.reviews_of("gone")) == 1  # history kept


def test_daily_new_limit_counts_cards_introduced_earlier_today(
    store: Store, clock: FakeClock
) -> None:
    seed_card(store, "a1", "airflow", Rating.Easy, T0 - timedelta(hours=1))
    session = FlashSession(store, CATALOG, clock=clock, new_limit=3)
    assert session.new_count == 2
    clock.advance(days=1)
    assert FlashSession(store, CATALOG, clock=clock, new_limit=3).new_count == 3


def test_filters_and_kinds(store: Store, clock: FakeClock) -> None:
    by_tag = FlashSession(store, CATALOG, clock=clock, filters=Filters(tags=frozenset({"dag"})))
    assert by_tag.remaining == 2
    by_bank = FlashSession(
        store,
        CATALOG,
        clock=clock,
        filters=Filters(banks=frozenset({"airflow"}), difficulties=frozenset({"easy"})),
    )
    current = by_bank.current
    assert by_bank.remaining == 1 and current is not None and current.question.id == "a1"
    with_predict = FlashSession(store, CATALOG, clock=clock, kinds=("text", "predict"))
    assert with_predict.remaining == 6


def test_rating_needs_a_reveal_and_matches_the_preview(store: Store, clock: FakeClock) -> None:
    session = FlashSession(store, CATALOG, clock=clock)
    with pytest.raises(SessionError):
        session.rate(Rating.Good)
    session.reveal()
    clock.advance(12)
    intervals = session.intervals()
    rated = session.rate(Rating.Good)
    assert rated.interval == intervals[Rating.Good]
    stored = store.review(rated.review_id)
    assert stored is not None
    assert (stored.question_id, stored.mode, stored.rating, stored.duration_s) == (
        "a1",
        "flash",
        Rating.Good,
        12.0,
    )
    assert store.card("a1") == rated.card
    assert session.revealed is False


def test_again_brings_the_card_back_in_the_same_session(store: Store, clock: FakeClock) -> None:
    session = FlashSession(store, CATALOG, clock=clock, filters=Filters(banks=frozenset({"etl"})))
    assert session.remaining == 2
    session.reveal()
    rated = session.rate(Rating.Again)
    assert rated.requeued
    assert session.remaining == 2
    session.reveal()
    session.rate(Rating.Easy)
    current = session.current
    assert current is not None and current.question.id == "e1" and not current.is_new
    session.reveal()
    assert not session.rate(Rating.Easy).requeued
    assert session.done


def test_undo_restores_the_card_and_deletes_the_review(store: Store, clock: FakeClock) -> None:
    seed_card(store, "e1", "etl", Rating.Good, T0 - timedelta(days=10))
    before = store.card("e1")
    assert before is not None
    session = FlashSession(store, CATALOG, clock=clock, filters=Filters(banks=frozenset({"etl"})))
    session.reveal()
    rated = session.rate(Rating.Again)
    assert store.card("e1") != before
    restored = session.undo()
    assert restored.question.id == "e1"
    assert store.review(rated.review_id) is None
    assert card_to_row(store.card("e1")) == card_to_row(before)  # type: ignore[arg-type]
    assert session.remaining == 2  # e1 back in front, not duplicated by its requeue
    assert session.current is not None and session.current.question.id == "e1"
    assert not session.can_undo
    with pytest.raises(SessionError):
        session.undo()
    session.reveal()
    session.rate(Rating.Good)
    session.reveal()
    new_rating = session.rate(Rating.Good)
    session.undo()
    assert store.card("e2") is None and store.review(new_rating.review_id) is None


# --- quiz ------------------------------------------------------------------------


def test_submit_grades_and_stores_before_returning(store: Store, clock: FakeClock) -> None:
    grader = FakeGrader()
    quiz = QuizSession(store, CATALOG.questions, clock=clock, graders={"text": grader})
    assert quiz.total == 5  # predict left out: no grader for it
    clock.advance(30)
    grade = quiz.submit("half of it\nover two lines")
    assert grade.verdict == "partial"
    last = quiz.last
    assert last is not None
    stored = store.review(last.review_id)
    assert stored is not None
    assert (stored.answer, stored.score, stored.verdict, stored.rating, stored.correct) == (
        "half of it\nover two lines",
        0.7,
        "partial",
        Rating.Hard,
        False,
    )
    assert (stored.duration_s, stored.mode) == (30.0, "quiz")
    assert quiz.answered and quiz.current is not None and quiz.current.id == "a1"
    with pytest.raises(SessionError):
        quiz.submit("again")
    assert quiz.next() is not None and quiz.current.id == "a2"  # type: ignore[union-attr]
    assert quiz.skip() is not None
    assert quiz.remaining == 3


def test_policy_ratings_through_the_quiz(store: Store, clock: FakeClock) -> None:
    quiz = QuizSession(store, CATALOG.questions, clock=clock, graders={"text": FakeGrader()})
    ratings = []
    for answer in ["right", "weak", "nonsense", "half"]:
        quiz.submit(answer)
        ratings.append(quiz.last.rating)  # type: ignore[union-attr]
        quiz.next()
    assert ratings == [Rating.Easy, Rating.Again, Rating.Again, Rating.Hard]


def test_override_counts_the_answer_as_right_and_keeps_it(store: Store, clock: FakeClock) -> None:
    quiz = QuizSession(store, CATALOG.questions[:2], clock=clock, graders={"text": FakeGrader()})
    quiz.submit("I think it is about tasks")
    quiz.next()
    result = quiz.override()  # still allowed after next()
    assert result.overridden and result.rating == Rating.Good
    stored = store.review(result.review_id)
    assert stored is not None
    assert (stored.overridden, stored.correct, stored.verdict, stored.answer) == (
        True,
        True,
        "incorrect",
        "I think it is about tasks",
    )
    expected = review(make_scheduler(), new_card("a1", T0), Rating.Good, T0)
    assert store.card("a1") == expected
    assert quiz.override() == result  # a second override changes nothing
    assert len(store.reviews_of("a1")) == 1


@pytest.mark.parametrize("answer", ["", "   ", "I don't know", "no idea, sorry"])
def test_override_is_refused_on_an_empty_or_dont_know_answer(
    store: Store, clock: FakeClock, answer: str
) -> None:
    quiz = QuizSession(store, CATALOG.questions[:1], clock=clock, graders={"text": FakeGrader()})
    quiz.submit(answer)
    assert quiz.override_refused() is not None
    with pytest.raises(SessionError, match="nothing to count as right"):
        quiz.override()
    (stored,) = store.reviews_of("a1")
    assert not stored.overridden and not stored.correct


def test_predict_questions_need_their_own_grader(store: Store, clock: FakeClock) -> None:
    predict = FakeGrader()
    quiz = QuizSession(
        store, CATALOG.questions, clock=clock, graders={"text": FakeGrader(), "predict": predict}
    )
    assert [q.id for q in quiz.questions] == ["a1", "a2", "a3", "p1", "e1", "e2"]
    for _ in range(3):
        quiz.next()
    quiz.submit("right")
    assert predict.calls == [("p1", "right")]


def test_weakest_quiz_picks_failing_questions_then_unseen_ones(
    store: Store, clock: FakeClock
) -> None:
    seed_card(store, "a2", "airflow", Rating.Again, T0 - timedelta(days=2))
    seed_card(store, "a1", "airflow", Rating.Easy, T0 - timedelta(days=2))
    seed_card(store, "gone", "airflow", Rating.Again, T0 - timedelta(days=2))
    quiz = QuizSession.weakest(store, CATALOG, count=4, clock=clock, graders={"text": FakeGrader()})
    # unseen ones in introduction order: the easy e1 before the medium a3
    assert [q.id for q in quiz.questions] == ["a2", "a1", "e1", "a3"]


def test_newcomers_meet_easy_questions_first_with_the_banks_taking_turns() -> None:
    from quizapp.core.sessions import introduction_order

    questions = [
        question("a-hard", "airflow", "hard"),
        question("a-easy-1", "airflow", "easy"),
        question("a-easy-2", "airflow", "easy"),
        question("a-easy-3", "airflow", "easy"),
        question("d-med", "data", "medium"),
        question("d-easy", "data", "easy"),
        question("s-easy", "sql", "easy"),
    ]
    assert [q.id for q in introduction_order(questions)] == [
        "a-easy-1",
        "d-easy",
        "s-easy",
        "a-easy-2",
        "a-easy-3",
        "d-med",
        "a-hard",
    ]


def test_a_first_quiz_mixes_topics_and_starts_easy(store: Store, clock: FakeClock) -> None:
    quiz = QuizSession.weakest(store, CATALOG, count=3, clock=clock, graders={"text": FakeGrader()})
    assert [q.id for q in quiz.questions] == ["a1", "e1", "a3"]
