"""Schedules as Airflow 3 reads them, reduced to what a run needs: its data interval.

Airflow 3 turns a cron string or preset (``schedule="@daily"``) into a
``CronTriggerTimetable`` and a ``timedelta`` into a ``DeltaTriggerTimetable``
(``[scheduler] create_cron_data_intervals`` / ``create_delta_data_intervals`` are
False by default): their runs have a zero-length data interval
``[logical_date, logical_date]``. ``CronDataIntervalTimetable`` and
``DeltaDataIntervalTimetable`` keep Airflow 2's intervals. A manual run
(``dag.test``) takes ``infer_manual_data_interval(run_after=logical_date)``; a
scheduled or backfill run covers ``[logical_date, next fire]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from quizapp.sandbox.cron import Cron


@dataclass(frozen=True)
class DataInterval:
    """The span of data a run covers."""

    start: datetime
    end: datetime

    @classmethod
    def exact(cls, at: datetime) -> DataInterval:
        """A zero-length interval at ``at``."""
        return cls(at, at)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _check_utc(tz: Any) -> None:
    name = getattr(tz, "key", None) or getattr(tz, "name", None) or str(tz)
    if tz not in (None, UTC) and str(name).upper() not in ("UTC", "ETC/UTC", "Z"):
        raise ValueError(f"the sandbox runs timetables in UTC only, not {name!r}")


class Timetable:
    """Base: no schedule (``schedule=None``): manual runs only."""

    summary = "None"

    def infer_manual_data_interval(self, *, run_after: datetime) -> DataInterval:
        """The data interval of a run triggered by hand at ``run_after``."""
        return DataInterval.exact(_utc(run_after))

    def scheduled_interval(self, logical_date: datetime) -> DataInterval:
        """The data interval of a scheduled (or backfill) run at ``logical_date``."""
        return DataInterval.exact(_utc(logical_date))

    def logical_dates(self, start: datetime, end: datetime) -> list[datetime]:
        """Logical dates of the scheduled runs between ``start`` and ``end`` (inclusive)."""
        return []


class NullTimetable(Timetable):
    """``schedule=None``."""


class OnceTimetable(Timetable):
    """``schedule="@once"``: one run at the start date."""

    summary = "@once"

    def logical_dates(self, start: datetime, end: datetime) -> list[datetime]:
        return [_utc(start)]


class _TriggerTimetable(Timetable):
    """A run at each fire time whose interval ends there (zero-length unless ``interval``)."""

    _interval: timedelta

    def infer_manual_data_interval(self, *, run_after: datetime) -> DataInterval:
        at = _utc(run_after)
        return DataInterval(at - self._interval, at)

    def scheduled_interval(self, logical_date: datetime) -> DataInterval:
        at = _utc(logical_date)
        return DataInterval(at - self._interval, at)


class CronTriggerTimetable(_TriggerTimetable):
    """Airflow 3's default for cron strings: runs at each fire time, zero-length interval."""

    def __init__(self, cron: str, *, timezone: Any = None, interval: timedelta = timedelta(0)):
        _check_utc(timezone)
        self._cron = Cron.parse(cron)
        self._interval = interval
        self.summary = cron

    def logical_dates(self, start: datetime, end: datetime) -> list[datetime]:
        return _fires(self._cron, _utc(start), _utc(end))


class CronDataIntervalTimetable(Timetable):
    """Cron with Airflow 2 style intervals: a run covers one period between fire times."""

    def __init__(self, cron: str, timezone: Any = None) -> None:
        _check_utc(timezone)
        self._cron = Cron.parse(cron)
        self.summary = cron

    def infer_manual_data_interval(self, *, run_after: datetime) -> DataInterval:
        end = self._cron.prev_before(_utc(run_after), inclusive=True)
        return DataInterval(self._cron.prev_before(end), end)

    def scheduled_interval(self, logical_date: datetime) -> DataInterval:
        start = self._cron.prev_before(_utc(logical_date), inclusive=True)
        return DataInterval(start, self._cron.next_after(start))

    def logical_dates(self, start: datetime, end: datetime) -> list[datetime]:
        return _fires(self._cron, _utc(start), _utc(end))


class DeltaTriggerTimetable(_TriggerTimetable):
    """Airflow 3's default for a ``timedelta`` schedule: zero-length intervals."""

    def __init__(self, delta: timedelta, *, interval: timedelta = timedelta(0)) -> None:
        self._delta = delta
        self._interval = interval
        self.summary = str(delta)

    def logical_dates(self, start: datetime, end: datetime) -> list[datetime]:
        return _steps(self._delta, _utc(start), _utc(end))


class DeltaDataIntervalTimetable(Timetable):
    """A ``timedelta`` with Airflow 2 style intervals ``[logical_date, logical_date + delta]``."""

    def __init__(self, delta: timedelta) -> None:
        self._delta = delta
        self.summary = str(delta)

    def infer_manual_data_interval(self, *, run_after: datetime) -> DataInterval:
        end = _utc(run_after)
        return DataInterval(end - self._delta, end)

    def scheduled_interval(self, logical_date: datetime) -> DataInterval:
        start = _utc(logical_date)
        return DataInterval(start, start + self._delta)

    def logical_dates(self, start: datetime, end: datetime) -> list[datetime]:
        return _steps(self._delta, _utc(start), _utc(end))


MAX_RUNS = 1000
"""The most runs one range (catch-up or backfill) plans; runfile refuses a longer range."""
_MAX_RUNS = MAX_RUNS


def _fires(cron: Cron, start: datetime, end: datetime) -> list[datetime]:
    dates: list[datetime] = []
    moment = cron.next_after(start, inclusive=True)
    while moment <= end and len(dates) < _MAX_RUNS:
        dates.append(moment)
        moment = cron.next_after(moment)
    return dates


def _steps(delta: timedelta, start: datetime, end: datetime) -> list[datetime]:
    if delta <= timedelta(0):
        raise ValueError("a timedelta schedule must be positive")
    dates: list[datetime] = []
    moment = start
    while moment <= end and len(dates) < _MAX_RUNS:
        dates.append(moment)
        moment += delta
    return dates


class AssetTriggeredTimetable(Timetable):
    """``schedule=[asset, ...]`` or an asset condition: runs when the assets are updated."""

    summary = "Asset"

    def __init__(self, condition: Any) -> None:
        self.condition = condition


def timetable_for(schedule: Any) -> Timetable:
    """The timetable Airflow 3 builds from a DAG's ``schedule`` argument."""
    from quizapp.sandbox.assets import as_condition

    if schedule is None:
        return NullTimetable()
    condition = as_condition(schedule)
    if condition is not None:
        return AssetTriggeredTimetable(condition)
    if isinstance(schedule, Timetable):
        return schedule
    if isinstance(schedule, timedelta):
        return DeltaTriggerTimetable(schedule)
    if isinstance(schedule, str):
        if schedule == "@once":
            return OnceTimetable()
        if schedule == "@continuous":
            raise ValueError("schedule='@continuous' is not supported by the sandbox")
        return CronTriggerTimetable(schedule)
    raise ValueError(
        f"schedule={schedule!r} is not supported by the sandbox "
        "(use None, a cron string or preset, a timedelta, or a timetable)"
    )
