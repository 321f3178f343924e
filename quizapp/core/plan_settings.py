"""The study settings of an interview plan and their limits, apart from the plan's arithmetic.

Kept small (no scheduler, no recall model) so the home screen's light reader
(:mod:`quizapp.store.summary`) reads them without importing :mod:`quizapp.core.plan`,
which re-exports everything here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from quizapp.core.study import DEFAULT_NEW_LIMIT

SWEEP_DAYS = 3
"""How many days before the interview the final sweep takes."""
MIN_RETENTION = 0.80
MAX_RETENTION = 0.97
DEFAULT_RETENTION = 0.9
DEFAULT_MINUTES = 30
MAX_DAYS_AHEAD = 3 * 365 + 1
"""The furthest ahead an interview date may be (a typo such as 9999 is refused)."""


class SettingsError(ValueError):
    """A study setting outside what quizapp accepts (the message says what is allowed)."""


@dataclass(frozen=True, slots=True)
class StudySettings:
    """What the learner chose for studying (kept in the progress database)."""

    interview: date | None = None
    minutes_per_day: int = DEFAULT_MINUTES
    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_LIMIT
    topics: tuple[str, ...] = ()
    """The banks the plan covers (empty: every bank)."""
    parameters: tuple[float, ...] | None = None
    """FSRS parameters fitted by ``quizapp tune`` (None: FSRS-6's defaults)."""
    suspended: frozenset[str] = field(default_factory=frozenset)
    """Leeches set aside until the final sweep."""

    def with_changes(self, **changes: object) -> StudySettings:
        """A copy with some settings changed, each checked (raises :class:`SettingsError`)."""
        updated = replace(self, **changes)  # type: ignore[arg-type]
        updated.check()
        return updated

    def check(self) -> None:
        """Raise :class:`SettingsError` when a setting is out of range."""
        check_retention(self.desired_retention)
        if not 1 <= self.minutes_per_day <= 24 * 60:
            raise SettingsError("minutes per day must be between 1 and 1440")
        if not 0 <= self.new_per_day <= 1000:
            raise SettingsError("new questions per day must be between 0 and 1000")


def check_retention(value: float) -> float:
    """``value`` when it is a desired retention quizapp accepts, else :class:`SettingsError`."""
    if not MIN_RETENTION <= value <= MAX_RETENTION:
        raise SettingsError(
            f"desired retention must be between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f} "
            f"(got {value:g})"
        )
    return value


def parse_interview_date(text: str, today: date) -> date:
    """An interview date from ``YYYY-MM-DD``; not in the past (:class:`SettingsError`)."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise SettingsError(f"{text!r} is not a date: write it as YYYY-MM-DD") from None
    if day < today:
        raise SettingsError(f"{day.isoformat()} is in the past (today is {today.isoformat()})")
    if (day - today).days > MAX_DAYS_AHEAD:
        raise SettingsError(
            f"{day.isoformat()} is more than {MAX_DAYS_AHEAD // 365} years ahead: an interview "
            "plan covers weeks or months (leave the date empty for ordinary spaced repetition)"
        )
    return day


def sweep_start(interview: date) -> date:
    """The first day of the final sweep."""
    return interview - timedelta(days=SWEEP_DAYS)
