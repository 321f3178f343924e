"""Where "now" comes from: the system clock, or a fake one that tests move by hand.

Every time in quizapp is a timezone-aware UTC ``datetime`` (``tzinfo`` is
:data:`datetime.timezone.utc`, which is what ``fsrs`` insists on). Sessions take
a :class:`Clock`, so a test can drive a whole mock interview, time-out
included, without sleeping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of the current time."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = as_utc(start) if start else datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The time the clock was last set or advanced to."""
        return self._now

    def advance(
        self, seconds: float = 0.0, *, minutes: float = 0.0, hours: float = 0.0, days: float = 0.0
    ) -> datetime:
        """Move forward by the given amount and return the new time."""
        self._now += timedelta(seconds=seconds, minutes=minutes, hours=hours, days=days)
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (naive means UTC)."""
        self._now = as_utc(moment)
