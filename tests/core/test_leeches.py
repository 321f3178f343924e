"""Leeches: 8 lapses flag a question; its misses, its confused sibling, drill or suspend."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from quizapp.core.clock import FakeClock
from quizapp.core.leeches import LEECH_LAPSES, drill_ids, find_leeches, suspend
from quizapp.core.models import Bank, Catalog, KeyPoint, Question
from quizapp.core.plan import StudySettings
from quizapp.core.scheduling import Rating
from quizapp.core.sessions import FlashSession, QuizSession, text_grader
from quizapp.store import open_memory_store

XCOM = Question(
    id="lx-xcom",
    bank="lx",
    prompt="What is XCom in Airflow?",
    answer="XCom is cross-communication between tasks for small amounts of data.",
    key_points=(
        KeyPoint("cross-communication between tasks"),
        KeyPoint("small amounts of data"),
        KeyPoint("stored in the metadata database"),
    ),
)
POOL = Question(
    id="lx-pool",
    bank="lx",
    prompt="What is an Airflow pool?",
    answer="A pool limits concurrency: a number of slots shared across DAGs.",
    key_points=(
        KeyPoint("limits concurrency"),
        KeyPoint("a number of slots"),
        KeyPoint("shared across DAGs"),
    ),
)
CATALOG = Catalog(banks=(Bank(id="lx", title="lx", path="lx.yaml", questions=(XCOM, POOL)),))
CONFUSED = (
    "A pool limits concurrency with a number of slots shared across DAGs, small amounts of data"
)
START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def fail_xcom(store, clock: FakeClock, times: int) -> None:
    for _ in range(times):
        quiz = QuizSession(store, [XCOM], clock=clock, graders={"text": text_grader([XCOM, POOL])})
        quiz.submit(CONFUSED)
        clock.advance(days=1)


def test_eight_lapses_make_a_leech_with_its_misses_and_sibling() -> None:
    store = open_memory_store(tz=UTC)
    clock = FakeClock(START)
    fail_xcom(store, clock, LEECH_LAPSES - 1)
    assert find_leeches(store, CATALOG) == []
    fail_xcom(store, clock, 1)
    [leech] = find_leeches(store, CATALOG)
    assert leech.question == XCOM and leech.lapses == LEECH_LAPSES
    assert len(leech.misses) == LEECH_LAPSES
    assert all(
        miss.missed == ("cross-communication between tasks", "stored in the metadata database")
        for miss in leech.misses
    )
    assert leech.most_missed[0] == ("cross-communication between tasks", LEECH_LAPSES)
    assert leech.sibling == POOL
    assert drill_ids(leech) == ("lx-xcom", "lx-pool")


def test_a_suspended_leech_stays_out_until_the_final_sweep() -> None:
    store = open_memory_store(tz=UTC)
    clock = FakeClock(START)
    fail_xcom(store, clock, LEECH_LAPSES)
    clock.advance(days=1)
    due = FlashSession(store, CATALOG, clock=clock, new_limit=0)
    assert due.current is not None and due.current.question.id == "lx-xcom"
    suspend(store, "lx-xcom")
    assert find_leeches(store, CATALOG)[0].suspended
    assert FlashSession(store, CATALOG, clock=clock, new_limit=0).done
    interview = (clock.now() + timedelta(days=2)).date()
    store.save_study_settings(store.study_settings().with_changes(interview=interview))
    in_sweep = FlashSession(store, CATALOG, clock=clock, new_limit=0)
    assert in_sweep.current is not None and in_sweep.current.question.id == "lx-xcom"
    suspend(store, "lx-xcom", until_sweep=False)
    assert store.study_settings().suspended == frozenset()


def test_flashcard_lapses_are_listed_without_points() -> None:
    store = open_memory_store(tz=UTC)
    store.save_study_settings(StudySettings(interview=date(2027, 1, 1)))
    clock = FakeClock(START)
    for _ in range(LEECH_LAPSES):
        session = FlashSession(store, CATALOG, clock=clock, new_limit=2)
        while session.current is not None and session.current.question.id != "lx-pool":
            session.reveal()
            session.rate(Rating.Easy)
        if session.current is None:
            clock.advance(days=1)
            continue
        session.reveal()
        session.rate(Rating.Again)
        clock.advance(days=1)
    leeches = find_leeches(store, CATALOG)
    assert [leech.question.id for leech in leeches] == ["lx-pool"]
    assert all(miss.missed == () and miss.mode == "flash" for miss in leeches[0].misses)
    assert leeches[0].sibling is None
