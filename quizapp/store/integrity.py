"""Refuse a database with damaged pages before anything reads or writes it.

SQLite's ``PRAGMA quick_check`` reads every page (about 0.35 s of CPU on a file of
1,000,000 reviews), too slow for every start. So a file that passed is remembered by
its fingerprint (size, mtime and inode of the file and of its ``-wal``) in
``checked.json`` in the data folder; quizapp refreshes the fingerprint when it closes
a database it wrote itself. A file changed by anything else (a copy, a sync tool, a
disk fault) no longer matches and is checked again on its next open.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path

from quizapp.store.errors import CorruptDatabaseError

CHECKED_FILE = "checked.json"
#: How many problems ``quick_check`` lists at most (the first ones name the damage).
MAX_PROBLEMS = 3

Fingerprint = list[list[int] | None]
#: Files this process checked (or created) and holds open: what it writes needs no check.
_OPEN_HERE: dict[str, int] = {}


def _stat(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def fingerprint(path: Path) -> Fingerprint:
    """What changes when the file (or its write-ahead log, when it holds anything) does."""
    wal = _stat(path.with_name(path.name + "-wal"))
    return [_stat(path), wal if wal and wal[0] else None]


def _record_file() -> Path | None:
    from quizapp.paths import data_dir

    try:
        return data_dir() / CHECKED_FILE
    except OSError:
        return None


def _records(where: Path) -> dict[str, Fingerprint]:
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_known_good(path: Path) -> bool:
    """Whether the file is exactly as it was when it last passed (or quizapp wrote it)."""
    if str(path.resolve()) in _OPEN_HERE:
        return True
    where = _record_file()
    if where is None or _stat(path) is None:
        return False
    return _records(where).get(str(path.resolve())) == fingerprint(path)


def opened(path: Path) -> None:
    """This process checked the file and keeps it open (until :func:`closed`)."""
    key = str(path.resolve())
    _OPEN_HERE[key] = _OPEN_HERE.get(key, 0) + 1


def closed(path: Path) -> None:
    """The process closed the file, after its own writes: remember it as good."""
    key = str(path.resolve())
    left = _OPEN_HERE.pop(key, 0) - 1
    if left > 0:
        _OPEN_HERE[key] = left
    remember(path)


def remember(path: Path) -> None:
    """Note the file's fingerprint as good (after a check, or after quizapp's own writes)."""
    where = _record_file()
    if where is None or _stat(path) is None:
        return
    records = _records(where)
    records[str(path.resolve())] = fingerprint(path)
    partial = where.with_name(f"{where.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        partial.write_text(json.dumps(records), encoding="utf-8")
        os.replace(partial, where)


def check(conn: sqlite3.Connection, path: Path) -> None:
    """CorruptDatabaseError when SQLite finds damaged pages (skipped for a known-good file).

    A file that passes counts as open in this process (:func:`opened`).
    """
    if not is_known_good(path):
        _quick_check(conn, path)
    opened(path)


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        rows = conn.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, f"damaged: {exc}") from exc
    problems = [str(row[0]) for row in rows]
    if problems != ["ok"]:
        raise CorruptDatabaseError(path, "damaged pages: " + "; ".join(problems))
