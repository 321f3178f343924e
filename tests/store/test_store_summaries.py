"""m007's summaries of the reviews (latest rating per question, the count) stay true.

They are filled from the existing reviews when an older database is upgraded, and
triggers keep them in step with every later insert, delete and update, whoever
writes. Each test compares them with the same figures read from ``reviews``.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest

from quizapp.store import SCHEMA_VERSION, Store, open_store
from quizapp.store.migrations import SUMMARY_TABLES, migration_names
from quizapp.store.progress import latest_ratings, total_reviews
from quizapp.store.progress_file import export_progress, import_progress

M007 = migration_names().index("m007_progress_summaries") + 1


def truth(conn: sqlite3.Connection) -> tuple[int, dict[str, int]]:
    """The count and each question's latest rating (last by time, then by id), from the rows."""
    latest: dict[str, tuple[str, int, int]] = {}
    rows = conn.execute("SELECT id, question_id, reviewed_at, rating FROM reviews").fetchall()
    for rid, qid, at, rating in rows:
        if qid not in latest or (at, rid) > latest[qid][:2]:
            latest[qid] = (at, rid, rating)
    return len(rows), {qid: value[2] for qid, value in latest.items()}


def summaries(store: Store) -> tuple[int, dict[str, int]]:
    return total_reviews(store), latest_ratings(store)


def insert(conn: sqlite3.Connection, qid: str, at: str, rating: int) -> int:
    cursor = conn.execute(
        "INSERT INTO reviews (question_id, bank, mode, reviewed_at, day, rating, correct,"
        " overridden) VALUES (?, 'b', 'flash', ?, substr(?, 1, 10), ?, ?, 0)",
        [qid, at, at, rating, int(rating > 1)],
    )
    return int(cursor.lastrowid or 0)


def random_history(conn: sqlite3.Connection, seed: int, count: int = 300) -> None:
    rng = random.Random(seed)
    for _ in range(count):
        day, hour = rng.randrange(1, 28), rng.randrange(3)  # many reviews at the same instant
        insert(
            conn,
            f"q{rng.randrange(15)}",
            f"2026-02-{day:02d}T1{hour}:00:00+00:00",
            rng.randrange(1, 5),
        )


@pytest.mark.parametrize("version", range(1, M007))
def test_an_upgrade_fills_them_from_the_reviews_already_there(tmp_path: Path, version: int) -> None:
    path = tmp_path / "progress.db"
    old = open_store(path, tz=UTC, migrate_upto=version)
    random_history(old.db.conn, version)
    expected = truth(old.db.conn)
    old.close()
    store = open_store(path, tz=UTC)
    assert store.schema_version == SCHEMA_VERSION
    assert summaries(store) == expected
    assert store.backup_path is not None and store.backup_path.exists()  # the old file, kept
    store.close()


def test_an_empty_database_has_them_empty(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    assert summaries(store) == (0, {})


def test_every_kind_of_write_keeps_them_true(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    conn = store.db.conn
    random_history(conn, 1)
    assert summaries(store) == truth(conn)
    rng = random.Random(2)
    ids = [row[0] for row in conn.execute("SELECT id FROM reviews")]
    for step in range(200):
        rid = rng.choice(ids)
        match step % 5:
            case 0:
                conn.execute(
                    "UPDATE reviews SET rating = ? WHERE id = ?", [rng.randrange(1, 5), rid]
                )
            case 1:
                conn.execute(
                    "UPDATE reviews SET reviewed_at = ? WHERE id = ?",
                    [f"2026-03-{rng.randrange(1, 28):02d}T10:00:00+00:00", rid],
                )
            case 2:  # moved to another question: both questions' latest change
                conn.execute(
                    "UPDATE reviews SET question_id = ? WHERE id = ?",
                    [f"q{rng.randrange(20)}", rid],
                )
            case 3:
                conn.execute("DELETE FROM reviews WHERE id = ?", [rid])
                ids.remove(rid)
            case _:
                ids.append(insert(conn, f"q{rng.randrange(20)}", "2026-02-10T10:00:00+00:00", 3))
        assert summaries(store) == truth(conn), step
    conn.execute("UPDATE reviews SET correct = 0, answer = 'x'")  # columns they do not use
    conn.execute("DELETE FROM reviews")
    assert summaries(store) == (0, {})


def test_a_failed_write_leaves_them_as_they_were(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    random_history(store.db.conn, 3, count=20)
    before = summaries(store)
    with pytest.raises(RuntimeError), store.transaction() as db:
        insert(db.conn, "q-new", "2026-04-01T10:00:00+00:00", 1)
        raise RuntimeError("the answer is not saved")
    assert summaries(store) == before == truth(store.db.conn)


def test_they_are_neither_exported_nor_imported(tmp_path: Path) -> None:
    source = open_store(tmp_path / "a.db", tz=UTC)
    random_history(source.db.conn, 4, count=50)
    exported = export_progress(source)
    assert not set(SUMMARY_TABLES) & set(exported["tables"])
    exported["tables"]["review_latest"] = [{"question_id": "q1", "rating": 4}]  # a stale copy
    target = open_store(tmp_path / "b.db", tz=UTC)
    random_history(target.db.conn, 5, count=50)
    import_progress(target, exported, backup=False)
    assert summaries(target) == truth(target.db.conn)
    assert summaries(target)[0] > 50  # the file's reviews were added
