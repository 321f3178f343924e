"""The ``settings`` table (migration ``m006_study_settings``): study settings as key -> JSON.

Plain :mod:`sqlite3`, so the home screen's light reader
(:mod:`quizapp.store.summary`) reads the interview date without the full store.
A value that is missing or does not parse gives that setting's default: a
damaged row never stops a session.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date
from typing import Any

from quizapp.core.plan_settings import (
    MAX_RETENTION,
    MIN_RETENTION,
    StudySettings,
)

TABLE = "settings"
PLAN_RATE = "plan_new_per_day"
"""The plan's new questions per day, as last computed: ``{"day": ISO, "value": N}``."""


def has_table(conn: sqlite3.Connection) -> bool:
    """Whether the database has the settings table (an older schema may not)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]
    ).fetchone()
    return row is not None


def read_raw(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every setting, decoded (a value that is not JSON is left out)."""
    if not has_table(conn):
        return {}
    result: dict[str, Any] = {}
    for key, value in conn.execute(f"SELECT key, value FROM {TABLE}"):
        try:
            result[key] = json.loads(value)
        except (TypeError, ValueError):
            continue
    return result


def _int(raw: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = raw.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _parameters(value: Any) -> tuple[float, ...] | None:
    if not isinstance(value, list) or len(value) not in (19, 21):
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    return tuple(float(v) for v in value)


def decode(raw: Mapping[str, Any]) -> StudySettings:
    """Study settings from decoded rows; each bad or missing value gives its default."""
    defaults = StudySettings()
    retention = raw.get("desired_retention")
    if not (
        isinstance(retention, int | float)
        and not isinstance(retention, bool)
        and MIN_RETENTION <= retention <= MAX_RETENTION
    ):
        retention = defaults.desired_retention
    return StudySettings(
        interview=_date(raw.get("interview")),
        minutes_per_day=_int(raw, "minutes_per_day", defaults.minutes_per_day, 1, 1440),
        desired_retention=float(retention),
        new_per_day=_int(raw, "new_per_day", defaults.new_per_day, 0, 1000),
        topics=_strings(raw.get("topics")),
        parameters=_parameters(raw.get("fsrs_parameters")),
        suspended=frozenset(_strings(raw.get("suspended"))),
    )


def encode(settings: StudySettings) -> dict[str, str]:
    """The rows that store ``settings``."""
    values: dict[str, object] = {
        "interview": settings.interview.isoformat() if settings.interview else None,
        "minutes_per_day": settings.minutes_per_day,
        "desired_retention": settings.desired_retention,
        "new_per_day": settings.new_per_day,
        "topics": list(settings.topics),
        "fsrs_parameters": list(settings.parameters) if settings.parameters else None,
        "suspended": sorted(settings.suspended),
    }
    return {key: json.dumps(value) for key, value in values.items()}


def read_settings(conn: sqlite3.Connection) -> StudySettings:
    """The stored study settings (defaults for anything missing)."""
    return decode(read_raw(conn))


def plan_rate(conn: sqlite3.Connection, day: str) -> int | None:
    """The plan's new questions per day computed on ``day`` (None: not computed that day)."""
    value = read_raw(conn).get(PLAN_RATE)
    if isinstance(value, dict) and value.get("day") == day and isinstance(value.get("value"), int):
        return int(value["value"])
    return None
