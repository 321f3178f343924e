"""The progress database's schema, as numbered migrations applied on open.

Each migration is a plain function ``mNNN_what(db)`` appended to
:data:`MIGRATIONS` in order (the simonw/llm pattern). :func:`migrate` runs the
ones not yet recorded in ``_quizapp_migrations``, all in one ``BEGIN
IMMEDIATE`` transaction together with their records, and sets ``PRAGMA
user_version`` to the schema version (the number of migrations applied). Two
processes opening a fresh file at once therefore cannot both migrate it: the
second waits for the first, then finds nothing left to do.

Never edit a migration that has shipped; add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATIONS_TABLE = "_quizapp_migrations"

Migration = Callable[["Database"], None]
MIGRATIONS: list[Migration] = []
migration = MIGRATIONS.append


@migration
def m001_reviews_and_cards(db: Database) -> None:
    """Every review ever made, and each question's FSRS card."""
    db["reviews"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "question_id": str,
            "bank": str,
            "mode": str,  # flash | quiz | mock
            "reviewed_at": str,  # ISO-8601 UTC
            "day": str,  # the learner's local calendar day, YYYY-MM-DD
            "answer": str,  # free text as typed (None for flashcards)
            "score": float,
            "verdict": str,
            "rating": int,  # FSRS rating 1-4 actually applied
            "correct": int,  # 1 when it counts as recalled in accuracy figures
            "duration_s": float,
            "overridden": int,  # 1 after "I was right"
            "card_before": str,  # JSON card state before this review (undo, override)
        },
        pk="id",
        not_null={"question_id", "mode", "reviewed_at", "day", "rating", "correct", "overridden"},
        defaults={"overridden": 0},
    )
    db.table("reviews").create_index(["question_id", "reviewed_at"], "idx_reviews_question")
    db["cards"].create(  # type: ignore[union-attr]
        {
            "question_id": str,
            "bank": str,
            "state": int,
            "step": int,
            "stability": float,
            "difficulty": float,
            "due": str,
            "last_review": str,
            "reps": int,
            "lapses": int,
            "introduced_day": str,
        },
        pk="question_id",
        not_null={"state", "due", "reps", "lapses", "introduced_day"},
        defaults={"reps": 0, "lapses": 0},
    )


@migration
def m002_mock_interviews(db: Database) -> None:
    """Mock interviews and the answers given in them."""
    db["mocks"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "seed": int,
            "budget_s": float,
            "soft_limit_s": float,
            "status": str,  # running | finished
            "score": float,
            "report": str,  # JSON, the saved report
        },
        pk="id",
        not_null={"started_at", "budget_s", "soft_limit_s", "status"},
        defaults={"status": "running"},
    )
    db["mock_answers"].create(  # type: ignore[union-attr]
        {
            "mock_id": int,
            "position": int,
            "question_id": str,
            "bank": str,
            "difficulty": str,
            "answer": str,
            "time_s": float,
            "skipped": int,
            "score": float,
            "verdict": str,
        },
        pk=("mock_id", "position"),
        not_null={"question_id", "time_s", "skipped"},
        defaults={"time_s": 0.0, "skipped": 0},
        foreign_keys=[("mock_id", "mocks", "id")],
    )


@migration
def m003_progress_indexes(db: Database) -> None:
    """Covering indexes for the progress review (per day, per topic, streak, due)."""
    db.table("reviews").create_index(["day", "bank", "correct"], "idx_reviews_day")
    db.table("cards").create_index(["due"], "idx_cards_due")


@migration
def m004_mock_interruptions(db: Database) -> None:
    """When each mock answer was saved, and which interviews were closed unfinished.

    A mock whose process ended before grading is either resumed, ``abandoned``
    (the learner started a new one instead) or closed as ``finished`` with
    ``interrupted = 1`` (graded on what was answered).
    """
    db["mock_answers"].add_column("saved_at", str)  # type: ignore[union-attr]
    db["mocks"].add_column("interrupted", int, not_null_default=0)  # type: ignore[union-attr]


@migration
def m005_mock_drafts(db: Database) -> None:
    """What is typed and not submitted for each mock question (kept across skip, back, quit)."""
    db["mock_answers"].add_column("draft", str)  # type: ignore[union-attr]


@migration
def m006_study_settings(db: Database) -> None:
    """The learner's study settings (interview date, minutes a day, retention, ...): key -> JSON."""
    db["settings"].create(  # type: ignore[union-attr]
        {"key": str, "value": str}, pk="key", not_null={"value"}
    )


LATEST_OF = """
INSERT OR REPLACE INTO review_latest (question_id, rating)
SELECT question_id, rating FROM reviews WHERE question_id = {qid}
ORDER BY reviewed_at DESC, id DESC LIMIT 1;
"""
"""Recompute one question's latest rating (the same ordering the progress review used)."""

SUMMARY_TABLES = ("review_latest", "review_totals")
"""Tables derived from ``reviews`` by triggers: never exported or imported, never written."""


@migration
def m007_progress_summaries(db: Database) -> None:
    """Summaries of ``reviews`` kept true by triggers: each question's latest rating, the count.

    The progress review read them with one index seek per card and a scan of every
    review (seconds on a million reviews, cold). Triggers update them in the same
    transaction as any write to ``reviews`` (an answer, an undo, an "I was right",
    an import), so no code path can forget them: an insert, delete or update
    recomputes the affected question's row with the same query the review ran.
    A later migration that rebuilds ``reviews`` (sqlite-utils ``transform``) drops
    these triggers with the old table and must create them again.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE review_latest (question_id TEXT PRIMARY KEY, rating INTEGER NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE review_totals (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " reviews INTEGER NOT NULL)"
    )
    conn.execute("INSERT INTO review_totals (id, reviews) SELECT 1, count(*) FROM reviews")
    conn.execute(
        "INSERT INTO review_latest (question_id, rating) "
        "SELECT q.question_id, (SELECT r.rating FROM reviews r WHERE r.question_id = q.question_id"
        " ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1) "
        "FROM (SELECT DISTINCT question_id FROM reviews) q"
    )
    old, new = LATEST_OF.format(qid="OLD.question_id"), LATEST_OF.format(qid="NEW.question_id")
    forget_old = "DELETE FROM review_latest WHERE question_id = OLD.question_id;"
    conn.execute(
        "CREATE TRIGGER reviews_summary_insert AFTER INSERT ON reviews BEGIN "
        f"UPDATE review_totals SET reviews = reviews + 1 WHERE id = 1; {new} END"
    )
    conn.execute(
        "CREATE TRIGGER reviews_summary_delete AFTER DELETE ON reviews BEGIN "
        f"UPDATE review_totals SET reviews = reviews - 1 WHERE id = 1; {forget_old} {old} END"
    )
    conn.execute(
        "CREATE TRIGGER reviews_summary_update AFTER UPDATE OF id, question_id, reviewed_at,"
        f" rating ON reviews BEGIN {forget_old} {old} {new} END"
    )


SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this quizapp writes: the number of migrations."""


def migration_names() -> list[str]:
    """The names of every known migration, in order."""
    return [fn.__name__ for fn in MIGRATIONS]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations recorded in the database, in the order they were applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY rowid")]


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database next to itself (``NAME.vN.bak``) with SQLite's backup API."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = path.with_name(f"{path.name}.v{version}.{stamp}.bak")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def migrate(db: Database, path: Path | None = None, upto: int | None = None) -> Path | None:
    """Apply pending migrations (the first ``upto`` only, when given: tests build old schemas).

    An existing database at ``path`` that has pending migrations is first copied
    with :func:`backup_copy`; the copy's path is returned (None when no copy
    was needed).
    """
    wanted = MIGRATIONS[:upto] if upto is not None else MIGRATIONS
    conn = db.conn
    done = applied_names(conn)
    if all(fn.__name__ in done for fn in wanted):
        return None
    backup = backup_copy(conn, path, len(done)) if path is not None and done else None
    conn.execute("BEGIN IMMEDIATE")
    try:
        done = applied_names(conn)  # another process may have migrated meanwhile
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
            "(name TEXT PRIMARY KEY, applied_at TEXT)"
        )
        for fn in wanted:
            if fn.__name__ in done:
                continue
            fn(db)
            conn.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)",
                [fn.__name__, datetime.now(UTC).isoformat()],
            )
            done.append(fn.__name__)
        conn.execute(f"PRAGMA user_version = {len(done)}")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return backup
