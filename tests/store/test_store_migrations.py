"""Schema migrations: from a blank file and from every earlier version; refusing bad files."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from sqlite_utils import Database

from quizapp.store import (
    SCHEMA_VERSION,
    CorruptDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    open_memory_store,
    open_store,
)
from quizapp.store.migrations import MIGRATIONS_TABLE, migration_names

EXPECTED_COLUMNS = {
    "reviews": {
        "id": int,
        "question_id": str,
        "bank": str,
        "mode": str,
        "reviewed_at": str,
        "day": str,
        "answer": str,
        "score": float,
        "verdict": str,
        "rating": int,
        "correct": int,
        "duration_s": float,
        "overridden": int,
        "card_before": str,
    },
    "cards": {
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
    "mocks": {
        "id": int,
        "started_at": str,
        "finished_at": str,
        "seed": int,
        "budget_s": float,
        "soft_limit_s": float,
        "status": str,
        "score": float,
        "report": str,
        "interrupted": int,
    },
    "mock_answers": {
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
        "saved_at": str,
        "draft": str,
    },
}
EXPECTED_INDEXES = {
    "reviews": {"idx_reviews_question", "idx_reviews_day"},
    "cards": {"idx_cards_due"},
}


def schema_of(db: Database) -> dict[str, object]:
    return {
        "columns": {name: db[name].columns_dict for name in EXPECTED_COLUMNS},
        "indexes": {
            name: {i.name for i in db[name].indexes if not i.name.startswith("sqlite_autoindex")}
            for name in EXPECTED_INDEXES
        },
        "sql": sorted(
            row[0]
            for row in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
        ),
    }


def test_blank_database_gets_the_whole_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    assert store.schema_version == SCHEMA_VERSION == len(migration_names())
    for table, columns in EXPECTED_COLUMNS.items():
        assert store.db[table].columns_dict == columns
    assert schema_of(store.db)["indexes"] == EXPECTED_INDEXES
    assert store.db.journal_mode == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    applied = [r[0] for r in store.db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")]
    assert applied == migration_names()
    assert store.backup_path is None
    store.close()


def test_memory_store_matches_file_store(tmp_path: Path) -> None:
    memory = open_memory_store()
    disk = open_store(tmp_path / "progress.db")
    assert schema_of(memory.db) == schema_of(disk.db)


def test_reopening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    open_store(path).close()
    store = open_store(path)
    assert store.backup_path is None
    assert list(tmp_path.glob("*.bak")) == []
    store.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_upgrade_from_each_earlier_version_keeps_data_and_a_backup(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "progress.db"
    old = open_store(path, tz=UTC, migrate_upto=version)
    assert old.schema_version == version
    old.db.execute(
        "INSERT INTO reviews (question_id, bank, mode, reviewed_at, day, rating, correct,"
        " overridden) VALUES ('dag-definition', 'airflow', 'flash', '2026-01-01T10:00:00+00:00',"
        " '2026-01-01', 3, 1, 0)"
    )
    old.close()

    store = open_store(path, tz=UTC)
    assert store.schema_version == SCHEMA_VERSION
    assert [r.question_id for r in store.reviews_of("dag-definition")] == ["dag-definition"]
    assert schema_of(store.db) == schema_of(open_memory_store().db)
    assert store.backup_path == tmp_path / f"progress.db.v{version}.bak"
    backup = sqlite3.connect(store.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == version
    assert backup.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    backup.close()
    store.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    store = open_store(path)
    store.db.execute(f"INSERT INTO {MIGRATIONS_TABLE} VALUES ('m999_from_the_future', 'x')")
    store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError) as error:
        open_store(path)
    assert "newer version of quizapp" in str(error.value)
    assert "untouched" in str(error.value)
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == []


@pytest.mark.parametrize(
    "content",
    [b"this is my shopping list, not a database\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["text", "damaged-sqlite"],
)
def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "progress.db"
    path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError) as error:
        open_store(path)
    assert str(path) in str(error.value)
    assert "--db" in str(error.value)
    assert path.read_bytes() == content
    assert [p.name for p in folder.iterdir()] == ["progress.db"]


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ForeignDatabaseError):
        open_store(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("version", range(2, SCHEMA_VERSION))
def test_a_mock_left_running_under_an_earlier_schema_survives_the_upgrade(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "progress.db"
    old = open_store(path, tz=UTC, migrate_upto=version)
    old.db.execute(
        "INSERT INTO mocks (id, started_at, seed, budget_s, soft_limit_s, status)"
        " VALUES (7, '2026-01-01T10:00:00+00:00', 3, 600.0, 300.0, 'running')"
    )
    old.db.execute(
        "INSERT INTO mock_answers (mock_id, position, question_id, bank, difficulty, answer,"
        " time_s, skipped) VALUES (7, 0, 'dag-definition', 'airflow', 'easy', 'a graph', 42.0, 0),"
        " (7, 1, 'xcom', 'airflow', 'medium', NULL, 0.0, 0)"
    )
    old.close()

    store = open_store(path, tz=UTC)
    (running,) = store.running_mocks()
    assert (running.id, running.budget_s, running.soft_limit_s) == (7, 600.0, 300.0)
    first, second = store.mock_answers(7)
    assert (first.answer, first.time_s, first.saved_at) == ("a graph", 42.0, None)
    assert second.answer is None
    assert store.query("SELECT interrupted FROM mocks WHERE id = 7") == [{"interrupted": 0}]
    assert store.abandon_mock(7, running.started_at)
    assert store.mock_status(7) == "abandoned" and store.running_mocks() == []
    store.close()
