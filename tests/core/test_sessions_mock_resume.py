"""A mock interview whose process ended early: resumed, abandoned, or closed unfinished.

An interview that cannot be resumed (no budget left, a question gone from the
banks) is closed with status ``finished`` and the ``interrupted`` flag, not
``abandoned``: the learner did answer part of it, so it is graded like a
time-out (unanswered questions count as not answered), its answers enter the
review history, it is listed in the mock history marked incomplete, and
``quizapp mock --report ID`` prints it. ``abandoned`` is kept for an interview
the learner chose not to resume (they started a new one instead): it is not
graded and not in the history.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sessions_fixtures import FakeGrader, catalog, question

from quizapp.core.clock import FakeClock
from quizapp.core.mock import (
    GONE_PROMPT,
    MockConfig,
    MockSession,
    UnfinishedMock,
    abandon,
    settle_unfinished,
    started_phrase,
    unfinished_mocks,
)
from quizapp.core.models import Catalog
from quizapp.core.report import MockReport, report_markdown
from quizapp.core.sessions import SessionError
from quizapp.store import Store, open_store
from quizapp.store.progress import mock_history, progress_review

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
CATALOG = catalog(
    question(f"{bank}-{level}", bank, level)
    for bank in ("airflow", "etl", "warehouse")
    for level in ("easy", "medium", "hard")
)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


def start(path: Path, clock: FakeClock, **config: object) -> MockSession:
    settings = {"questions": 3, "minutes": 10.0, "seed": 5} | config
    return MockSession(
        open_store(path, tz=UTC),
        CATALOG,
        MockConfig(**settings),  # type: ignore[arg-type]
        clock=clock,
        graders={"text": FakeGrader()},
    )


def killed(session: MockSession) -> list[str]:
    """The process dies: nothing more reaches the store. Returns the question ids."""
    session.store.close()
    return [q.id for q in session.questions]


def settle(
    path: Path, clock: FakeClock, bank: Catalog = CATALOG
) -> tuple[Store, UnfinishedMock | None]:
    store = open_store(path, tz=UTC)
    settled = settle_unfinished(store, bank, clock=clock, graders={"text": FakeGrader()})
    assert all(report.interrupted for report in settled.closed)
    return store, settled.offer


def resume(store: Store, clock: FakeClock, offer: UnfinishedMock) -> MockSession:
    return MockSession(store, CATALOG, clock=clock, graders={"text": FakeGrader()}, resume=offer)


def test_resume_continues_the_same_questions_with_the_budget_left(path: Path) -> None:
    clock = FakeClock(T0)
    first = start(path, clock)
    clock.advance(100)
    first.answer("right")
    clock.advance(30)  # typing the second answer when the process is killed
    order = killed(first)

    clock.advance(hours=3)  # wall-clock time away does not use the budget
    store, offer = settle(path, clock)
    assert offer is not None and offer.mock_id == first.mock_id and offer.resumable
    assert (offer.answered, offer.total, offer.left_s) == (1, 3, 500.0)
    assert offer.offer(clock.now(), UTC) == (
        "Resume the interview you started today at 09:00 (1 of 3 answered, 8:20 left)"
    )
    session = resume(store, clock, offer)
    assert [q.id for q in session.questions] == order
    assert session.mock_id == first.mock_id and session.index == 1
    assert session.answer_of(0) == "right"
    assert session.time_left() == timedelta(seconds=500)
    clock.advance(60)
    assert session.time_left() == timedelta(seconds=440)
    session.answer("half")
    clock.advance(40)
    session.answer("nonsense")
    assert session.unanswered == []
    report = session.finish()

    assert [i.answer for i in report.items] == ["right", "half", "nonsense"]
    assert [i.verdict for i in report.items] == ["correct", "partial", "incorrect"]
    assert [i.seconds for i in report.items] == [100.0, 60.0, 40.0]
    assert report.seconds == 200.0 and report.started_at == T0
    assert report.finished_at == clock.now()
    assert not report.timed_out and not report.interrupted
    assert "- Time: 3:20 of 10:00\n" in report_markdown(report)
    assert store.mock_status(first.mock_id) == "finished"
    assert MockReport.from_json(store.mock_report(first.mock_id) or {}) == report
    assert [(m.id, m.interrupted) for m in mock_history(store)] == [(first.mock_id, False)]
    assert store.running_mocks() == []


def test_a_resumed_interview_times_out_on_the_budget_it_had_left(path: Path) -> None:
    clock = FakeClock(T0)
    first = start(path, clock, questions=2, minutes=2.0)
    clock.advance(90)
    first.answer("right")
    killed(first)
    clock.advance(days=1)
    store, offer = settle(path, clock)
    assert offer is not None and offer.left_s == 30.0
    assert "started yesterday at 09:00 (1 of 2 answered, 0:30 left)" in offer.offer(
        clock.now(), UTC
    )
    session = resume(store, clock, offer)
    clock.advance(29)
    assert session.tick("half typed") is None
    clock.advance(5)
    report = session.tick("half typed")
    assert report is not None and report.timed_out
    assert [i.answer for i in report.items] == ["right", "half typed"]
    assert report.seconds == 120.0
    assert report.finished_at == clock.now() - timedelta(seconds=4)


def test_starting_a_new_one_abandons_the_old_one_ungraded(path: Path) -> None:
    clock = FakeClock(T0)
    first = start(path, clock)
    clock.advance(40)
    first.answer("right")
    order = killed(first)
    store, offer = settle(path, clock)
    assert offer is not None
    abandon(store, offer, clock)
    assert store.mock_status(first.mock_id) == "abandoned"
    assert store.mock_report(first.mock_id) is None
    assert [a.answer for a in store.mock_answers(first.mock_id)] == ["right", None, None]
    assert mock_history(store) == []
    assert all(store.reviews_of(qid) == [] for qid in order)
    assert settle_unfinished(store, CATALOG, clock=clock).offer is None


def test_no_budget_left_closes_it_graded_as_incomplete(path: Path) -> None:
    clock = FakeClock(T0)
    first = start(path, clock, questions=3, minutes=1.0)
    clock.advance(45)
    first.answer("right")
    clock.advance(20)  # past the budget: accepted, as typed when time ran out
    first.answer("half")
    order = killed(first)

    clock.advance(hours=1)
    store = open_store(path, tz=UTC)
    settled = settle_unfinished(store, CATALOG, clock=clock, graders={"text": FakeGrader()})
    assert settled.offer is None and [r.mock_id for r in settled.closed] == [first.mock_id]
    assert store.mock_status(first.mock_id) == "finished" and store.running_mocks() == []
    data = store.mock_report(first.mock_id)
    assert data is not None and data["interrupted"] and data["timed_out"]
    report = MockReport.from_json(data)
    assert [i.verdict for i in report.items] == ["correct", "partial", "incorrect"]
    assert report.items[2].answer is None and report.items[2].skipped
    assert report.finished_at == T0 + timedelta(seconds=65)  # its last saved answer
    assert report.score == pytest.approx((1.0 + 0.7) / 3)
    assert "- Incomplete: quizapp ended before the interview did" in report_markdown(report)
    (summary,) = mock_history(store)
    assert summary.interrupted and summary.score == report.score
    mocks = progress_review(store, clock.now()).to_json()["mocks"]
    assert [(m["id"], m["interrupted"]) for m in mocks] == [(first.mock_id, True)]
    reviews = [r for qid in order for r in store.reviews_of(qid)]
    assert [(r.question_id, r.mode, r.reviewed_at) for r in reviews] == [
        (order[0], "mock", T0 + timedelta(seconds=65)),
        (order[1], "mock", T0 + timedelta(seconds=65)),
    ]


def test_a_question_gone_from_the_banks_closes_it(path: Path) -> None:
    clock = FakeClock(T0)
    first = start(path, clock)
    clock.advance(30)
    first.answer("right")
    clock.advance(30)
    first.answer("right")
    order = killed(first)
    gone = order[1]
    smaller = catalog(q for q in CATALOG.questions if q.id != gone)
    store, offer = settle(path, clock, smaller)
    assert offer is None
    report = MockReport.from_json(store.mock_report(first.mock_id) or {})
    assert report.interrupted and not report.timed_out
    assert [i.verdict for i in report.items] == ["correct", "incorrect", "incorrect"]
    assert report.items[1].prompt == GONE_PROMPT and report.items[1].answer == "right"
    assert report.seconds == 60.0
    assert store.reviews_of(gone) == [] and len(store.reviews_of(order[0])) == 1


def test_all_answered_but_not_graded_is_closed_not_offered(path: Path) -> None:
    clock = FakeClock(T0)
    first = start(path, clock, questions=2)
    for _ in range(2):
        clock.advance(10)
        first.answer("right")
    killed(first)  # between the last answer and the grading
    store, offer = settle(path, clock)
    assert offer is None
    report = MockReport.from_json(store.mock_report(first.mock_id) or {})
    assert report.score == 1.0 and report.interrupted


def test_only_the_newest_resumable_one_is_offered(path: Path) -> None:
    clock = FakeClock(T0)
    older = start(path, clock, seed=1)
    clock.advance(10)
    older.answer("right")
    killed(older)
    clock.advance(minutes=30)
    newer = start(path, clock, seed=2)
    clock.advance(10)
    newer.answer("half")
    killed(newer)
    store, offer = settle(path, clock)
    assert offer is not None and offer.mock_id == newer.mock_id
    assert store.mock_status(older.mock_id) == "finished"
    assert [m.id for m in mock_history(store)] == [older.mock_id]
    assert [m.id for m in store.running_mocks()] == [newer.mock_id]


def test_an_interview_open_in_another_quizapp_is_left_alone(path: Path) -> None:
    clock = FakeClock(T0)
    live = start(path, clock, questions=2, minutes=0.5)
    clock.advance(40)
    live.answer("right")  # over the budget: closable, but still on screen in the first quizapp
    other = open_store(path, tz=UTC)
    settled = settle_unfinished(other, CATALOG, clock=clock, graders={"text": FakeGrader()})
    assert settled.offer is None and settled.closed == ()
    assert other.mock_status(live.mock_id) == "running"
    pending = UnfinishedMock(
        other.running_mocks()[0], tuple(other.mock_answers(live.mock_id)), live.questions
    )
    with pytest.raises(SessionError, match="open in another quizapp"):
        MockSession(other, CATALOG, clock=clock, resume=pending)
    killed(live)
    settled = settle_unfinished(other, CATALOG, clock=clock, graders={"text": FakeGrader()})
    assert [r.mock_id for r in settled.closed] == [live.mock_id]


def test_closing_an_interview_twice_saves_it_once(path: Path) -> None:
    """Where no file lock is available, the store still grades an interrupted one once."""
    clock = FakeClock(T0)
    first = start(path, clock, questions=2, minutes=0.5)
    clock.advance(40)
    first.answer("right")
    order = killed(first)
    store = open_store(path, tz=UTC)
    (pending,) = unfinished_mocks(store, CATALOG, {"text": FakeGrader()})
    session = MockSession(
        store, CATALOG, clock=clock, graders={"text": FakeGrader()}, resume=pending
    )
    report = session.close(pending.last_saved_at)
    assert report is not None
    again = store.finish_mock(
        first.mock_id, clock.now(), 0.0, report.to_json(), [], [], interrupted=True
    )
    assert again is False
    assert len(store.reviews_of(order[0])) == 1


def test_started_phrase_uses_the_local_calendar() -> None:
    now = datetime(2026, 4, 10, 12, 0, tzinfo=UTC)
    assert started_phrase(now - timedelta(hours=2), now, UTC) == "today at 10:00"
    assert started_phrase(now - timedelta(hours=20), now, UTC) == "yesterday at 16:00"
    assert started_phrase(now - timedelta(days=3), now, UTC) == "on 2026-04-07 at 12:00"
