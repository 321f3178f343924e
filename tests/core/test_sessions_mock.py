"""The mock interview: the draw, the clock, answers kept as given, grading and the report."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sessions_fixtures import FakeGrader, catalog, question

from quizapp.core.clock import FakeClock
from quizapp.core.mock import MockConfig, MockSession, pick_questions, topic_weights
from quizapp.core.report import MockReport, report_markdown
from quizapp.core.sessions import SessionError
from quizapp.store import Store, open_store
from quizapp.store.progress import mock_history

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
BANKS = ("airflow", "etl", "warehouse")
LEVELS = ("easy", "medium", "hard")
CATALOG = catalog(
    question(f"{bank}-{level}-{i}", bank, level)
    for bank in BANKS
    for level in LEVELS
    for i in range(3)
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "progress.db", tz=UTC)


def start(store: Store, clock: FakeClock, grader: FakeGrader, **config: object) -> MockSession:
    settings = {"questions": 3, "minutes": 10.0, "seed": 42} | config
    return MockSession(
        store,
        CATALOG,
        MockConfig(**settings),
        clock=clock,
        graders={"text": grader},  # type: ignore[arg-type]
    )


def test_the_draw_is_reproducible_and_mixed(tmp_path: Path) -> None:
    first = open_store(tmp_path / "one.db", tz=UTC)
    second = open_store(tmp_path / "two.db", tz=UTC)
    a = start(first, FakeClock(T0), FakeGrader(), questions=6, seed=7)
    b = start(second, FakeClock(T0), FakeGrader(), questions=6, seed=7)
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    assert len({q.id for q in a.questions}) == 6
    assert set(Counter(q.bank for q in a.questions)) == set(BANKS)
    assert max(Counter(q.bank for q in a.questions).values()) <= 3
    assert Counter(q.difficulty for q in a.questions) == {level: 2 for level in LEVELS}
    c = start(second, FakeClock(T0), FakeGrader(), questions=6, seed=8)
    assert [q.id for q in c.questions] != [q.id for q in a.questions]


def test_weak_topics_are_drawn_more_often() -> None:
    weights = topic_weights({"airflow": (10, 10), "etl": (10, 0)}, BANKS)
    assert weights == {"airflow": 1.0, "etl": 3.0, "warehouse": 2.0}
    counts: Counter[str] = Counter()
    for seed in range(200):
        picks = pick_questions(CATALOG.questions, 3, weights, random.Random(seed))
        counts.update(q.bank for q in picks)
    assert counts["etl"] > counts["warehouse"] > counts["airflow"] > 0


def test_answers_are_stored_as_given_and_graded_only_at_the_end(
    store: Store,
) -> None:
    clock, grader = FakeClock(T0), FakeGrader()
    mock = start(store, clock, grader)
    clock.advance(40)
    mock.answer("right, with\ntwo lines")
    clock.advance(20)
    mock.skip()
    clock.advance(250)
    mock.answer("half")
    assert grader.calls == []
    rows = store.mock_answers(mock.mock_id)
    assert [(r.answer, r.skipped, r.time_s, r.verdict) for r in rows] == [
        ("right, with\ntwo lines", False, 40.0, None),
        (None, True, 20.0, None),
        ("half", False, 250.0, None),
    ]
    assert mock.unanswered == [1]
    assert mock.index == 1  # back to the skipped one
    clock.advance(10)
    mock.answer("nonsense")
    report = mock.finish()
    assert len(grader.calls) == 3
    assert [i.verdict for i in report.items] == ["correct", "incorrect", "partial"]
    assert [i.seconds for i in report.items] == [40.0, 30.0, 250.0]
    assert report.score == pytest.approx((1.0 + 0.0 + 0.7) / 3)
    assert report.over_limit == [report.items[2]]  # soft limit: 600 s / 3 questions
    assert report.to_fix == [report.items[1].question_id, report.items[2].question_id]
    assert not report.timed_out
    assert MockReport.from_json(store.mock_report(mock.mock_id) or {}) == report
    assert [m.id for m in mock_history(store)] == [mock.mock_id]
    assert {r.mode for q in mock.questions for r in store.reviews_of(q.id)} == {"mock"}
    with pytest.raises(SessionError):
        mock.answer("too late")


def test_going_back_replaces_an_answer_and_sums_the_time(store: Store) -> None:
    clock = FakeClock(T0)
    mock = start(store, clock, FakeGrader())
    clock.advance(10)
    mock.answer("wrong")
    clock.advance(5)
    assert mock.back() == mock.questions[0]
    assert mock.question_seconds() == 10.0
    clock.advance(15)
    mock.answer("right")
    assert mock.answer_of(0) == "right"
    assert store.mock_answers(mock.mock_id)[0].time_s == 25.0
    assert mock.question_seconds(1) == 5.0


def test_time_running_out_keeps_the_draft_and_finishes(store: Store) -> None:
    clock = FakeClock(T0)
    mock = start(store, clock, FakeGrader(), minutes=2.0)
    assert mock.time_left() == timedelta(minutes=2)
    assert mock.question_time_left() == 40.0
    clock.advance(50)
    mock.answer("right")
    assert mock.tick("half typed") is None
    clock.advance(80)
    assert mock.time_left() == timedelta(0) and mock.expired
    report = mock.tick("half typed")
    assert report is not None and report.timed_out and mock.finished
    assert [i.answer for i in report.items] == ["right", "half typed", None]
    assert report.items[2].skipped and report.items[2].missed == ("first point", "second point")
    assert report.finished_at == T0 + timedelta(minutes=2)


def test_report_markdown(store: Store) -> None:
    clock = FakeClock(T0)
    mock = start(store, clock, FakeGrader())
    clock.advance(30)
    mock.answer("half")
    clock.advance(300)
    mock.answer("right")
    report = mock.finish()
    text = report_markdown(report)
    first, second, third = report.items
    assert text.startswith(f"# Mock interview {mock.mock_id}\n")
    assert "- Score: **57%**" in text
    assert "## Topics" in text and "## Over the soft limit" in text
    assert f"- Q2 `{second.question_id}`: 5:00" in text
    assert f"### Q1. {first.prompt}" in text
    assert "**partial** · score 70% · 0:30" in text
    assert "Missed points:\n\n- second point" in text
    assert first.model_answer in text and third.model_answer in text
    assert "_(no answer)_" in text


def test_no_matching_questions_is_an_error(store: Store) -> None:
    with pytest.raises(SessionError):
        MockSession(store, catalog([]), MockConfig(seed=1), clock=FakeClock(T0))


def test_the_report_lists_wrong_claims_with_their_corrections(store: Store) -> None:
    from dataclasses import replace

    from quizapp.core.models import Misconception, MisconceptionHit

    plain_grader = FakeGrader()

    def grader(q, answer):  # type: ignore[no-untyped-def]
        result = plain_grader(q, answer)
        if answer.startswith("weak"):
            wrong = Misconception("retries default to 3", "retries default to 0.")
            return replace(result, misconceptions=(MisconceptionHit(wrong, (0, 4), "weak"),))
        return result

    mock = start(store, FakeClock(T0), grader)  # type: ignore[arg-type]
    mock.answer("weak")
    mock.answer("right")
    report = mock.finish()
    assert report.items[0].misconceptions == (("retries default to 3", "retries default to 0."),)
    assert "Wrong claims:\n\n- retries default to 3: retries default to 0." in (
        report_markdown(report)
    )
    assert MockReport.from_json(store.mock_report(mock.mock_id) or {}) == report
