"""A damaged database is refused everywhere; an unusable data folder or --db is a message."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.paths import DataDirError, data_dir
from quizapp.store import CorruptDatabaseError, ReviewRecord, StoreError, integrity, open_store

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def seeded(path: Path, reviews: int = 3000) -> None:
    store = open_store(path, tz=UTC)
    for i in range(reviews):
        qid = f"q{i}"
        card = review(make_scheduler(), new_card(qid, T0), Rating.Good, T0)
        store.record_review(
            ReviewRecord(qid, "bank", "quiz", T0, Rating.Good, True, answer="x" * 200),
            card,
            None,
        )
    store.close()


def damage(path: Path) -> bytes:
    """Scribble over pages in the middle of the file (the header stays valid)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in range(3, len(data) // page - 1, 7):
        data[number * page : number * page + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    return bytes(data)


def test_damaged_pages_are_refused_by_the_store_and_every_command(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    seeded(path)
    assert integrity.is_known_good(path)  # checked on open, then quizapp's own writes
    damaged = damage(path)
    assert not integrity.is_known_good(path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_store(path)
    for args in (["quiz", "--plain"], ["flash", "--plain"], ["stats"], ["stats", "--json"]):
        result = CliRunner().invoke(main, [*args, "--db", str(path)], input="an answer\n\n")
        assert result.exit_code == 1, (args, result.output)
        assert "is not a readable progress database" in result.output, args
        assert "Traceback" not in result.output
    assert path.read_bytes() == damaged  # nothing was written into it


def test_a_good_file_is_checked_once_not_on_every_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.db"
    seeded(path, reviews=10)
    checks: list[Path] = []
    real = integrity._quick_check
    monkeypatch.setattr(
        integrity, "_quick_check", lambda conn, p: (checks.append(p), real(conn, p))[1]
    )
    open_store(path).close()
    assert checks == []  # unchanged since quizapp closed it
    os.utime(path, ns=(1, 1))  # changed by something else
    open_store(path).close()
    assert checks == [path]


def test_a_data_folder_under_a_file_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for home in (blocker, blocker / "home"):
        monkeypatch.setenv("QUIZAPP_HOME", str(home))
        with pytest.raises(DataDirError, match=f"{blocker} is a file, not a folder"):
            data_dir()
        for args in (["stats"], ["quiz", "--plain"], ["bank", "list"], []):
            result = CliRunner().invoke(main, args, input="")
            assert result.exit_code == 1, (args, result.output)
            assert f"{blocker} is a file, not a folder" in result.output
            assert "set QUIZAPP_HOME to a folder you can write" in result.output
            assert "Traceback" not in result.output
    assert blocker.read_text() == "not a folder"


def test_a_db_under_a_file_or_in_a_read_only_place_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["quiz", "--plain", "--db", str(blocker / "p.db")])
    assert result.exit_code == 1
    assert f"cannot use {blocker / 'p.db'} as the progress database" in result.output
    assert f"{blocker} is a file, not a folder" in result.output
    with pytest.raises(StoreError, match="Nothing was written"):
        open_store(blocker / "p.db")

    def read_only(*_args: object, **_kwargs: object) -> None:  # as root, chmod is not enough
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(StoreError, match=r"it \(or its folder\) is read-only"):
        open_store(tmp_path / "ro" / "p.db")
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "ro-home"))
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 1 and "permission denied (a read-only place?)" in result.output


def test_a_missing_parent_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "p.db"
    open_store(path).close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] > 0
