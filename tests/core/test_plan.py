"""The interview plan: capped intervals, the final sweep, the new-question rate, readiness."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.plan import (
    SWEEP_DAYS,
    InterviewCap,
    SettingsError,
    StudySettings,
    day_start,
    latest_due_day,
    parse_interview_date,
    seconds_per_review,
    sweep_start,
)
from quizapp.core.recall import retrievability_at
from quizapp.core.scheduling import Rating, card_id_for, make_scheduler
from quizapp.core.sessions import FlashSession
from quizapp.core.study_plan import current_plan, plan_topics, set_interview
from quizapp.store import open_memory_store
from tests.core.sessions_fixtures import catalog, question

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
DECAY = 0.1542


def bank_catalog(per_bank: int = 20, banks: tuple[str, ...] = ("airflow", "etl", "sql")):
    return catalog(question(f"{b}-{i:02d}", b) for b in banks for i in range(per_bank))


def study_day(store, cat, clock, rng: random.Random, new_limit: int | None = None) -> list[str]:
    """One day's flashcards, every card answered; returns the ids rated."""
    session = FlashSession(store, cat, clock=clock, new_limit=new_limit)
    rated = []
    while not session.done and len(rated) < 500:
        shown = session.current
        assert shown is not None
        session.reveal()
        clock.advance(seconds=20)
        roll = rng.random()
        rating = (
            Rating.Again
            if roll < 0.1
            else Rating.Hard
            if roll < 0.15
            else Rating.Easy
            if roll > 0.95
            else Rating.Good
        )
        session.rate(rating)
        rated.append(shown.question.id)
    return rated


def hand_recall(stability: float, last_review: datetime, at: datetime) -> float:
    factor = 0.9 ** (-1 / DECAY) - 1
    days = (at - last_review).days
    return (1 + factor * days / stability) ** -DECAY


def test_a_simulated_learner_is_ready_on_the_day() -> None:
    """30 days of answers; on day 9 an interview 21 days out is set for 120 questions."""
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=40)
    clock = FakeClock(START)
    rng = random.Random(7)
    for _day in range(9):  # ordinary spaced repetition first: intervals may run long
        study_day(store, cat, clock, rng, new_limit=5)
        clock.set(clock.now().replace(hour=9, minute=0) + timedelta(days=1))
    before_plan = set(store.cards())
    assert len(before_plan) == 45
    today = store.today(clock.now())
    interview = today + timedelta(days=21)
    set_interview(store, interview, minutes=120)
    interview_start = day_start(interview, UTC)
    assert all(card.due <= interview_start for card in store.cards().values())

    sweep_first = sweep_start(interview)
    seen_in_sweep: set[str] = set()
    studied_before_sweep: set[str] = set(before_plan)
    while store.today(clock.now()) < interview:
        day = store.today(clock.now())
        plan = current_plan(store, cat, clock.now(), remember=False)
        assert plan is not None and plan.feasible
        if day < sweep_first and plan.unseen:  # the rest spread over the days before the sweep
            days_to_sweep = (sweep_first - day).days
            assert plan.new_per_day == -(-plan.unseen // days_to_sweep)
        rated = study_day(store, cat, clock, rng)
        if day >= sweep_first:
            seen_in_sweep.update(rated)
        else:
            studied_before_sweep.update(rated)
        cards = store.cards()
        late = [qid for qid, card in cards.items() if card.due > interview_start]
        assert not late, f"due after the interview on {day}: {late[:5]}"
        clock.set(clock.now().replace(hour=9, minute=0) + timedelta(days=1))

    every = {q.id for q in cat.questions}
    assert studied_before_sweep == every  # the rate covered the selection before the sweep
    assert studied_before_sweep <= seen_in_sweep  # the final sweep saw every question once

    plan = current_plan(store, cat, clock.now() - timedelta(days=1), remember=False)
    assert plan is not None
    cards = store.cards()
    scheduler = make_scheduler()
    for topic, ids in plan_topics(cat, store.study_settings()).items():
        values = [
            hand_recall(cards[qid].stability, cards[qid].last_review, interview_start)
            for qid in ids
        ]
        assert plan.readiness[topic] == pytest.approx(sum(values) / len(values), abs=1e-9)
        via_fsrs = [scheduler.get_card_retrievability(cards[qid], interview_start) for qid in ids]
        assert plan.readiness[topic] == pytest.approx(sum(via_fsrs) / len(via_fsrs), abs=1e-9)


def test_readiness_counts_unseen_questions_as_not_known() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=4, banks=("airflow",))
    clock = FakeClock(START)
    session = FlashSession(store, cat, clock=clock, new_limit=1)
    session.reveal()
    session.rate(Rating.Easy)
    set_interview(store, date(2026, 1, 15))
    plan = current_plan(store, cat, clock.now())
    assert plan is not None
    card = next(iter(store.cards().values()))
    one = retrievability_at(card.stability, card.last_review, day_start(date(2026, 1, 15), UTC))
    assert 0.5 < one < 1.0
    assert plan.readiness["airflow"] == pytest.approx(one / 4)
    assert plan.to_json()["topics"]["airflow"]["recall_on_day"] == pytest.approx(one / 4, abs=1e-4)


def test_an_impossible_load_is_explained_with_what_it_would_take() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=60)  # 180 questions
    set_interview(store, date(2026, 1, 19), minutes=10)
    plan = current_plan(store, cat, START)
    assert plan is not None and not plan.feasible
    assert 0 < plan.not_seen < 180
    assert plan.minutes_needed > 10 and plan.minutes_needed % 5 == 0
    assert plan.warning() == (
        f"At 10 min/day you will not see {plan.not_seen} of 180 questions: raise it to "
        f"{plan.minutes_needed} or narrow the topics."
    )
    assert plan.warning() in plan.summary()
    # at the minutes it asks for, everything fits
    set_interview(store, date(2026, 1, 19), minutes=plan.minutes_needed)
    enough = current_plan(store, cat, START)
    assert enough is not None and enough.feasible and enough.not_seen == 0
    assert enough.new_per_day * (enough.days_left - SWEEP_DAYS) >= 180


def test_narrowing_the_topics_shrinks_the_plan() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=10)
    set_interview(store, date(2026, 2, 1), topics=["etl"])
    plan = current_plan(store, cat, START)
    assert plan is not None and plan.questions == 10 and set(plan.readiness) == {"etl"}


def test_the_cap_keeps_every_due_date_before_the_sweep_day_or_the_interview() -> None:
    interview = date(2026, 2, 1)
    cap = InterviewCap(interview, UTC)
    far = datetime(2026, 6, 1, tzinfo=UTC)
    early = datetime(2026, 1, 10, 9, tzinfo=UTC)
    slot = latest_due_day(card_id_for("q"), early.date(), interview)
    assert slot is not None and sweep_start(interview) <= slot < interview
    assert cap(card_id_for("q"), early, far) == day_start(slot, UTC)
    in_sweep = datetime(2026, 1, 30, 9, tzinfo=UTC)
    assert cap(card_id_for("q"), in_sweep, far) == day_start(interview, UTC)
    after = datetime(2026, 2, 2, 9, tzinfo=UTC)
    assert cap(card_id_for("q"), after, far) == far  # the interview is over
    soon = early + timedelta(days=2)
    assert cap(card_id_for("q"), early, soon) == soon


def test_sweep_days_spread_the_questions() -> None:
    interview = date(2026, 2, 1)
    days = {latest_due_day(card_id_for(f"q{i}"), date(2026, 1, 5), interview) for i in range(60)}
    assert len(days) == SWEEP_DAYS


def test_setting_a_date_brings_long_intervals_forward() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=3, banks=("etl",))
    clock = FakeClock(START)
    session = FlashSession(store, cat, clock=clock)
    while not session.done:
        session.reveal()
        session.rate(Rating.Easy)
    assert max(card.due for card in store.cards().values()) > START + timedelta(days=7)
    set_interview(store, date(2026, 1, 9))
    assert all(card.due <= day_start(date(2026, 1, 9), UTC) for card in store.cards().values())


def test_settings_are_remembered_and_checked() -> None:
    store = open_memory_store(tz=UTC)
    assert store.study_settings() == StudySettings()
    wanted = StudySettings(
        interview=date(2026, 3, 1),
        minutes_per_day=45,
        desired_retention=0.85,
        new_per_day=7,
        topics=("etl",),
        parameters=tuple(float(i) / 10 for i in range(21)),
        suspended=frozenset({"q1"}),
    )
    store.save_study_settings(wanted)
    assert store.study_settings() == wanted
    with pytest.raises(SettingsError, match=r"between 0\.80 and 0\.97"):
        wanted.with_changes(desired_retention=0.99)
    with pytest.raises(SettingsError, match="YYYY-MM-DD"):
        parse_interview_date("next friday", date(2026, 1, 1))
    with pytest.raises(SettingsError, match="in the past"):
        parse_interview_date("2025-12-31", date(2026, 1, 1))


def test_a_damaged_setting_gives_its_default() -> None:
    store = open_memory_store(tz=UTC)
    store.save_study_settings(StudySettings(minutes_per_day=45))
    with store.transaction() as db:
        db.execute("UPDATE settings SET value = 'not json' WHERE key = 'minutes_per_day'")
        db.execute("UPDATE settings SET value = '1.5' WHERE key = 'desired_retention'")
    settings = store.study_settings()
    assert settings.minutes_per_day == 30 and settings.desired_retention == 0.9


def test_desired_retention_changes_the_intervals() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=1, banks=("etl",))
    store.save_study_settings(StudySettings(desired_retention=0.97))
    session = FlashSession(store, cat, clock=FakeClock(START))
    session.reveal()
    strict = session.intervals()[Rating.Easy]
    store.save_study_settings(StudySettings(desired_retention=0.8))
    relaxed = FlashSession(store, cat, clock=FakeClock(START))
    relaxed.reveal()
    assert relaxed.intervals()[Rating.Easy] > strict


def test_seconds_per_review_come_from_the_log() -> None:
    assert seconds_per_review([]) == 30.0
    assert seconds_per_review([12.0] * 30 + [900.0]) == 12.0


def test_cram_does_not_move_the_schedule() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=3, banks=("etl",))
    clock = FakeClock(START)
    first = FlashSession(store, cat, clock=clock, new_limit=2)
    while not first.done:
        first.reveal()
        first.rate(Rating.Good)
    before = store.cards()
    reviews = store.query("SELECT count(*) AS n FROM reviews")[0]["n"]
    cram = FlashSession(store, cat, clock=clock, cram=True)
    assert cram.remaining == 3  # every question of the selection, seen or not
    while not cram.done:
        cram.reveal()
        cram.rate(Rating.Good)
    assert store.cards() == before
    assert store.query("SELECT count(*) AS n FROM reviews")[0]["n"] == reviews


def test_the_mock_report_shows_readiness_after_its_answers() -> None:
    from quizapp.core.mock import MockConfig, MockSession
    from quizapp.core.report import MockReport, report_markdown
    from tests.core.sessions_fixtures import FakeGrader

    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=3, banks=("airflow", "etl"))
    set_interview(store, date(2026, 1, 20))
    clock = FakeClock(START)
    mock = MockSession(
        store,
        cat,
        MockConfig(questions=2, minutes=10.0, seed=1),
        clock=clock,
        graders={"text": FakeGrader()},  # type: ignore[dict-item]
    )
    mock.answer("right")
    mock.answer("right")
    report = mock.finish()
    assert report.interview == "2026-01-20" and report.readiness is not None
    interview_start = day_start(date(2026, 1, 20), UTC)
    cards = store.cards()
    for topic, ids in plan_topics(cat, store.study_settings()).items():
        expected = sum(
            hand_recall(cards[q].stability, cards[q].last_review, interview_start)
            for q in ids
            if q in cards
        ) / len(ids)
        assert report.readiness[topic] == pytest.approx(expected)
    assert sum(report.readiness.values()) > 0
    text = report_markdown(report)
    assert "## Readiness for the interview on 2026-01-20" in text
    again = MockReport.from_json(report.to_json())
    assert again.readiness == report.readiness and again.interview == "2026-01-20"


def test_the_workload_line_names_its_units_and_the_json_counts_unseen_questions() -> None:
    store = open_memory_store(tz=UTC)
    cat = bank_catalog(per_bank=10)
    set_interview(store, date(2026, 1, 26), minutes=30)
    plan = current_plan(store, cat, START)
    assert plan is not None
    assert f"covering everything takes about {plan.minutes_needed} min a day" in plan.summary()
    figures = plan.to_json()
    assert figures["unseen"] == 30 and figures["seen"] == 0 and figures["not_seen"] == 0


def test_an_interview_date_years_away_is_refused() -> None:
    today = date(2026, 1, 1)
    assert parse_interview_date("2028-12-31", today) == date(2028, 12, 31)
    with pytest.raises(SettingsError, match="more than 3 years ahead"):
        parse_interview_date("9999-12-31", today)
