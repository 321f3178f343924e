"""Queries shared by the store and the light home-figures reader: plain SQL on :mod:`sqlite3`.

Nothing here imports sqlite-utils or the scheduler, so :mod:`quizapp.store.summary`
can read the home screen's figures at start-up while the full store is still
loading; :mod:`quizapp.store.db` and :mod:`quizapp.store.progress` run the same
functions on their own connection, so both read the same rows the same way.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from quizapp.core.clock import as_utc

REVIEW_DAYS = """
WITH RECURSIVE d(day) AS (
    SELECT max(day) FROM reviews
    UNION ALL
    SELECT (SELECT max(day) FROM reviews WHERE day < d.day) FROM d WHERE d.day IS NOT NULL
)
SELECT day FROM d WHERE day IS NOT NULL
"""
"""Every day with a review, newest first (an index skip-scan, not a table scan)."""

NEW_CARDS_ON = "SELECT count(*) FROM cards WHERE introduced_day = ?"
"""How many questions were seen for the first time on a day."""


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive days with at least one review."""

    current: int
    longest: int
    reviewed_today: bool


def local_day(moment: datetime, tz: tzinfo | None) -> date:
    """The learner's calendar day of a moment: in ``tz``, or the system's zone when None."""
    local = moment.astimezone(tz) if tz else as_utc(moment).astimezone()
    return local.date()


def review_days(conn: sqlite3.Connection) -> list[date]:
    """Every day with a review, newest first."""
    return [date.fromisoformat(row[0]) for row in conn.execute(REVIEW_DAYS)]


def new_cards_on(conn: sqlite3.Connection, day: str) -> int:
    """How many questions were seen for the first time on ``day`` (``YYYY-MM-DD``)."""
    return int(conn.execute(NEW_CARDS_ON, [day]).fetchone()[0])


def streak_of(days: list[date], today: date) -> Streak:
    """The current and longest runs of consecutive days in ``days`` (newest first).

    The current streak still counts when ``today`` has no review yet, until today ends.
    """
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and previous - day == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if days and days[0] >= today - timedelta(days=1):
        expected = days[0]
        for day in days:
            if day != expected:
                break
            current += 1
            expected = day - timedelta(days=1)
    return Streak(current=current, longest=longest, reviewed_today=bool(days) and days[0] == today)
