"""The home screen's figures read straight from the database file (stdlib :mod:`sqlite3` only).

The full store (:func:`quizapp.store.open_store`) imports sqlite-utils and the
FSRS scheduler, which is most of quizapp's start-up time; the home screen only
needs four numbers, so it reads them here first and the store opens after.

The figures mean exactly what the sessions and the progress review mean (a test
compares them on seeded databases): ``due_today`` counts the study questions
whose card is due now, exactly the cards a flashcard session would start with
(shown as "Due now"; one due later today is not counted until it is due); ``new_available`` is how
many a flashcard session would introduce now (unseen study questions, up to
the daily new-card limit less those introduced today); ``streak_days`` is the
current streak; ``last_mock_score`` the score of the latest finished mock.

This reader never creates, migrates or writes the file (``mode=rw`` without
create, and ``query_only``). A missing file is a fresh learner. A file it does
not recognise as today's schema gives None: the full store opens it and
migrates it or says what is wrong, as it always did.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from urllib.parse import quote

from quizapp.core.plan_settings import sweep_start
from quizapp.core.study import DEFAULT_NEW_LIMIT
from quizapp.store.migrations import SCHEMA_VERSION, applied_names, migration_names
from quizapp.store.queries import local_day, new_cards_on, review_days, streak_of
from quizapp.store.settings import plan_rate, read_settings

READ_TIMEOUT_S = 0.5
"""How long the reader waits for a lock (rare in WAL mode) before leaving it to the store."""

CARDS_DUE = "SELECT question_id, due FROM cards"
LAST_MOCK_SCORE = (
    "SELECT score FROM mocks WHERE status = 'finished' ORDER BY started_at DESC, id DESC LIMIT 1"
)
"""The latest finished mock interview (the last one the progress review lists)."""


@dataclass(frozen=True, slots=True)
class StudyFigures:
    """Today's figures for a set of study questions."""

    due_today: int
    new_available: int
    streak_days: int
    last_mock_score: float | None
    days_to_go: int | None = None
    """Days until the interview date (None: none set, or it has passed)."""


def connect_read_only(path: Path) -> sqlite3.Connection | None:
    """A connection that cannot write to ``path``; None when there is no such file."""
    if not path.is_file():
        return None
    conn = sqlite3.connect(
        f"file:{quote(str(path.resolve()))}?mode=rw",
        uri=True,
        timeout=READ_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute("PRAGMA query_only = ON")
    return conn


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the database has exactly this quizapp's schema (nothing to migrate or refuse)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return version == SCHEMA_VERSION and sorted(applied_names(conn)) == sorted(migration_names())


def read_figures(
    conn: sqlite3.Connection,
    study_ids: Sequence[str],
    now: datetime,
    tz: tzinfo | None,
    new_limit: int | None = None,
) -> StudyFigures:
    """The figures for ``study_ids`` (the selected questions a session would show) at ``now``.

    ``new_limit`` None: the study settings' (the interview plan's rate as last
    computed today, else the new-per-day setting), as a flashcard session uses.
    """
    today = local_day(now, tz)
    settings = read_settings(conn)
    days_to_go = None
    if settings.interview is not None and settings.interview >= today:
        days_to_go = (settings.interview - today).days
    if new_limit is None:
        rate = plan_rate(conn, today.isoformat()) if days_to_go else None
        new_limit = rate if rate is not None else settings.new_per_day
    due = {row[0]: row[1] for row in conn.execute(CARDS_DUE)}
    carded = [qid for qid in study_ids if qid in due]
    in_sweep = settings.interview is not None and (
        sweep_start(settings.interview) <= today < settings.interview
    )
    set_aside = frozenset() if in_sweep else settings.suspended  # leeches, as sessions skip them
    due_today = sum(
        1 for qid in carded if qid not in set_aside and datetime.fromisoformat(due[qid]) <= now
    )
    budget = max(0, new_limit - new_cards_on(conn, today.isoformat()))
    last = conn.execute(LAST_MOCK_SCORE).fetchone()
    return StudyFigures(
        due_today=due_today,
        new_available=min(budget, len(study_ids) - len(carded)),
        streak_days=streak_of(review_days(conn), today).current,
        last_mock_score=last[0] if last else None,
        days_to_go=days_to_go,
    )


def fresh_figures(study_ids: Sequence[str], new_limit: int = DEFAULT_NEW_LIMIT) -> StudyFigures:
    """The figures of a learner without a database yet."""
    return StudyFigures(0, min(new_limit, len(study_ids)), 0, None)


def is_known_good(path: Path) -> bool:
    """Whether the file passed the integrity check as it is now (see quizapp.store.integrity)."""
    from quizapp.store.integrity import is_known_good as known

    return known(path)


def home_figures(
    path: Path,
    study_ids: Sequence[str],
    now: datetime,
    tz: tzinfo | None,
    new_limit: int | None = None,
) -> StudyFigures | None:
    """The figures from the file at ``path``; None when only the full store can read it.

    Raises :class:`sqlite3.Error` when SQLite cannot read the file (damaged, locked).
    """
    conn = connect_read_only(path)
    if conn is None:
        return fresh_figures(study_ids, DEFAULT_NEW_LIMIT if new_limit is None else new_limit)
    try:
        if not is_current(conn):
            return None
        if not is_known_good(path):  # not checked since it changed: the full store checks it
            return None
        return read_figures(conn, study_ids, now, tz, new_limit)
    finally:
        conn.close()
