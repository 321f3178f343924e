"""FSRS scheduling: deterministic reviews, previews, the grade policy, serialisation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.clock import FakeClock, SystemClock
from quizapp.core.models import Grade
from quizapp.core.scheduling import (
    EASY_MAX_SECONDS,
    HARD_MIN_SCORE,
    Rating,
    card_from_row,
    card_to_row,
    format_interval,
    make_scheduler,
    new_card,
    preview,
    rating_for_grade,
    retrievability,
    review,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def grade(verdict: str, score: float) -> Grade:
    return Grade(question_id="q", score=score, verdict=verdict)  # type: ignore[arg-type]


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(T0)
    assert clock.now() == T0
    clock.advance(90)
    clock.advance(minutes=1, days=1)
    assert clock.now() == T0 + timedelta(days=1, seconds=150)
    clock.set(datetime(2026, 5, 1, 8, 0))  # naive means UTC
    assert clock.now() == datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def test_system_clock_is_utc_aware() -> None:
    assert SystemClock().now().tzinfo == UTC


def test_reviews_are_deterministic_and_good_grows_the_interval() -> None:
    scheduler = make_scheduler()
    first = review(scheduler, new_card("q", T0), Rating.Good, T0)
    again = review(make_scheduler(), new_card("q", T0), Rating.Good, T0)
    assert card_to_row(first) == card_to_row(again)
    later = first.due + timedelta(minutes=1)
    second = review(scheduler, first, Rating.Good, later)
    assert second.due - later > first.due - T0


def test_preview_matches_what_rating_actually_does() -> None:
    scheduler = make_scheduler()
    card = review(scheduler, new_card("q", T0), Rating.Good, T0)
    now = T0 + timedelta(days=2)
    intervals = preview(scheduler, card, now)
    assert list(intervals) == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
    assert intervals[Rating.Again] < intervals[Rating.Hard] <= intervals[Rating.Good]
    assert intervals[Rating.Good] < intervals[Rating.Easy]
    for rating, interval in intervals.items():
        assert review(scheduler, card, rating, now).due - now == interval


@pytest.mark.parametrize(
    ("verdict", "score", "seconds", "expected"),
    [
        ("incorrect", 0.0, 10.0, Rating.Again),
        ("incorrect", 0.4, 10.0, Rating.Again),
        ("partial", HARD_MIN_SCORE - 0.01, 10.0, Rating.Again),
        ("partial", HARD_MIN_SCORE, 10.0, Rating.Hard),
        ("correct", 0.8, 10.0, Rating.Good),
        ("correct", 1.0, EASY_MAX_SECONDS + 1, Rating.Good),
        ("correct", 1.0, None, Rating.Good),
        ("correct", 0.95, EASY_MAX_SECONDS, Rating.Easy),
    ],
)
def test_grade_to_rating_policy(
    verdict: str, score: float, seconds: float | None, expected: Rating
) -> None:
    assert rating_for_grade(grade(verdict, score), seconds) == expected


def test_card_round_trips_through_its_row() -> None:
    scheduler = make_scheduler()
    card = review(scheduler, new_card("dag-definition", T0), Rating.Hard, T0)
    row = card_to_row(card)
    back = card_from_row("dag-definition", row)
    assert card_to_row(back) == row
    assert back.due.tzinfo is not None
    assert (
        review(scheduler, back, Rating.Good, T0 + timedelta(days=1)).due
        == review(scheduler, card, Rating.Good, T0 + timedelta(days=1)).due
    )


def test_retrievability_falls_with_time_and_is_zero_for_new_cards() -> None:
    scheduler = make_scheduler()
    assert retrievability(scheduler, new_card("q", T0), T0) == 0.0
    card = review(scheduler, new_card("q", T0), Rating.Good, T0)
    soon = retrievability(scheduler, card, T0 + timedelta(days=1))
    late = retrievability(scheduler, card, T0 + timedelta(days=30))
    assert 0.0 < late < soon <= 1.0


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=75), "2.5mo"),
        (timedelta(days=438), "1.2y"),
    ],
)
def test_interval_labels(interval: timedelta, label: str) -> None:
    assert format_interval(interval) == label
