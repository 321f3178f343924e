"""The home screen's light reader never writes, and leaves files it does not know to the store."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.store import open_store
from quizapp.store.summary import fresh_figures, home_figures

NOW = datetime(2026, 3, 10, 15, tzinfo=UTC)
IDS = ["a", "b", "c"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding only what each test puts there."""
    folder = tmp_path / "db"
    folder.mkdir()
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_missing_file_is_fresh_and_not_created(folder: Path) -> None:
    assert home_figures(folder / "p.db", IDS, NOW, UTC) == fresh_figures(IDS)
    assert fresh_figures(IDS).new_available == 3
    assert list(folder.iterdir()) == []


def test_current_database_is_read_and_left_as_it_was(folder: Path) -> None:
    open_store(folder / "p.db", tz=UTC).close()
    before = files(folder)
    figures = home_figures(folder / "p.db", IDS, NOW, UTC)
    assert figures == fresh_figures(IDS)
    assert files(folder) == before


def test_older_schema_is_left_to_the_store_to_migrate(folder: Path) -> None:
    open_store(folder / "p.db", tz=UTC, migrate_upto=2).close()
    before = files(folder)
    assert home_figures(folder / "p.db", IDS, NOW, UTC) is None
    assert files(folder) == before


@pytest.mark.parametrize("kind", ["newer", "foreign"])
def test_newer_or_foreign_database_is_left_to_the_store(folder: Path, kind: str) -> None:
    path = folder / "p.db"
    if kind == "newer":
        open_store(path, tz=UTC).close()
        conn = sqlite3.connect(path)
        conn.execute("INSERT INTO _quizapp_migrations VALUES ('m999_future', 'x')")
        conn.execute("PRAGMA user_version = 99")
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = files(folder)
    assert home_figures(path, IDS, NOW, UTC) is None
    assert files(folder) == before


def test_corrupt_file_raises_and_is_untouched(folder: Path) -> None:
    path = folder / "p.db"
    path.write_bytes(b"not sqlite" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        home_figures(path, IDS, NOW, UTC)
    assert files(folder) == {"p.db": b"not sqlite" * 100}
