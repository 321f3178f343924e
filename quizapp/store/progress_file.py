"""Progress you can move and back up: the whole database as one JSON file, and merging it back.

The file holds every table of the progress database (reviews with their
overrides, cards, mock interviews, settings, and whatever later migrations add,
but not the summaries that triggers derive from the reviews)
as rows of plain values, with the schema version that wrote it.

Importing *merges*: a review is known by what it is (question, time, mode), a
mock interview by when it started and its seed, so importing the same file twice
changes nothing, and importing into another learner's database adds only what
it lacks. Ids are the target's own (an imported mock's answers follow it). A
card keeps whichever side reviewed it last; an "I was right" on either side
stays. Settings already set are kept. Nothing is written when the file is
truncated, of another format, or from a newer quizapp; a copy of the database
is made before any import (:func:`quizapp.store.migrations.backup_copy`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quizapp.core.scheduling import card_id_for
from quizapp.store.db import Store
from quizapp.store.migrations import (
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    SUMMARY_TABLES,
    backup_copy,
)

FORMAT = "quizapp-progress"
FORMAT_VERSION = 1

_NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "reviews": ("question_id", "reviewed_at", "mode"),
    "mocks": ("started_at", "seed"),
}
"""Tables whose integer ids are local: rows are matched on these columns instead."""
_ORDER = ("reviews", "cards", "mocks", "mock_answers")
"""Known tables first (mock answers after their mocks); any others follow by name."""


class ProgressFileError(ValueError):
    """The progress file cannot be imported; the message says why (nothing was changed)."""


@dataclass
class ImportResult:
    """What an import added, per table, and where the copy made before it is."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything."""
        return any(self.added.values()) or any(self.updated.values())


def _tables(store: Store) -> list[str]:
    rows = store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != ?",
        [MIGRATIONS_TABLE],
    )
    names = {row["name"] for row in rows} - set(SUMMARY_TABLES)  # derived: triggers keep them
    return [t for t in _ORDER if t in names] + sorted(names - set(_ORDER))


def export_progress(store: Store, now: datetime | None = None) -> dict[str, Any]:
    """Every table of the progress database as a JSON-ready document."""
    tables = {
        name: store.query(f'SELECT * FROM "{name}" ORDER BY rowid') for name in _tables(store)
    }
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema_version": store.schema_version,
        "exported_at": (now or datetime.now(UTC)).isoformat(),
        "tables": tables,
    }


def read_progress_file(path: Path) -> dict[str, Any]:
    """A progress file, checked: ProgressFileError names what is wrong with it."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ProgressFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ProgressFileError(f"{path}: not a quizapp progress file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ProgressFileError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "a truncated or edited file? Nothing was imported."
        ) from None
    except OSError as exc:
        raise ProgressFileError(f"{path}: cannot read it: {exc.strerror}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressFileError(f'{path}: not a quizapp progress file (no "format": "{FORMAT}")')
    version, schema = data.get("version"), data.get("schema_version")
    if not isinstance(version, int) or not isinstance(schema, int):
        raise ProgressFileError(f"{path}: the file has no version numbers; nothing was imported")
    if version > FORMAT_VERSION or schema > SCHEMA_VERSION:
        raise ProgressFileError(
            f"{path} was written by a newer quizapp (file format {version}, schema {schema}; "
            f"this quizapp reads format {FORMAT_VERSION}, schema {SCHEMA_VERSION}). "
            "Upgrade quizapp to import it; nothing was imported."
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(rows, list) and all(isinstance(r, dict) for r in rows)
        for rows in tables.values()
    ):
        raise ProgressFileError(f'{path}: "tables" must map table names to lists of rows')
    return data


def import_progress(store: Store, data: dict[str, Any], backup: bool = True) -> ImportResult:
    """Merge a progress document (from :func:`read_progress_file`) into ``store``, atomically."""
    result = ImportResult()
    known = set(_tables(store))
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    unknown = sorted(set(tables) - known - set(SUMMARY_TABLES))
    if unknown:
        raise ProgressFileError(f"the file has tables this quizapp does not know: {unknown}")
    if backup and store.path is not None and any(tables.values()):
        result.backup = backup_copy(store.db.conn, store.path, store.schema_version)
    mock_ids: dict[int, int] = {}
    with store.transaction() as db:
        columns = {t: {c.name for c in db.table(t).columns} for t in known}
        for name in [t for t in _tables(store) if t in tables]:
            rows = [{k: v for k, v in row.items() if k in columns[name]} for row in tables[name]]
            if name == "mock_answers":
                rows = [
                    {**row, "mock_id": mock_ids.get(row["mock_id"], row["mock_id"])} for row in rows
                ]
            added, updated = _merge(db, name, rows, mock_ids if name == "mocks" else None)
            result.added[name], result.updated[name] = added, updated
    return result


def _merge(
    db: Any, name: str, rows: Iterable[dict[str, Any]], id_map: dict[int, int] | None
) -> tuple[int, int]:
    table = db.table(name)
    added = updated = 0
    natural = _NATURAL_KEYS.get(name)
    for row in rows:
        if natural is not None:
            where = " AND ".join(f'"{c}" IS ?' for c in natural)
            found = list(
                db.query(f'SELECT * FROM "{name}" WHERE {where}', [row.get(c) for c in natural])
            )
            old_id = row.pop("id", None)
            if found:
                if id_map is not None and old_id is not None:
                    id_map[old_id] = found[0]["id"]
                updated += _merge_existing(db, name, found[0], row)
                continue
            table.insert(row)
            if id_map is not None and old_id is not None:
                id_map[old_id] = int(table.last_pk)
            added += 1
        elif name == "cards":
            outcome = _merge_card(db, row)
            added += outcome == "added"
            updated += outcome == "updated"
        else:
            before = db.conn.total_changes
            table.insert(row, ignore=True)
            added += db.conn.total_changes - before
    return added, updated


def _merge_existing(db: Any, name: str, current: dict[str, Any], row: dict[str, Any]) -> int:
    """An "I was right" on the imported side is kept on a review both sides have."""
    if name != "reviews" or not row.get("overridden") or current.get("overridden"):
        return 0
    changes = {k: row[k] for k in ("overridden", "rating", "correct") if k in row}
    db.table("reviews").update(current["id"], changes)
    return 1


def _merge_card(db: Any, row: dict[str, Any]) -> str:
    """Whichever side reviewed the card last wins: ``added``, ``updated`` or ``kept``."""
    found = list(
        db.query("SELECT last_review FROM cards WHERE question_id = ?", [row.get("question_id")])
    )
    if not found:
        db.table("cards").insert(row)
        return "added"
    if (row.get("last_review") or "") > (found[0]["last_review"] or ""):
        db.table("cards").update(row["question_id"], row)
        return "updated"
    return "kept"


def revlog_csv(store: Store) -> str:
    """The review log as the FSRS optimizer's CSV.

    Columns ``card_id, review_time, review_rating, review_state, review_duration``:
    card ids as the scheduler makes them, times and durations in milliseconds,
    the state before each review (0 new, 1 learning, 2 review, 3 relearning).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["card_id", "review_time", "review_rating", "review_state", "review_duration"])
    rows = store.query(
        "SELECT question_id, reviewed_at, rating, duration_s, card_before FROM reviews "
        "ORDER BY reviewed_at, id"
    )
    for row in rows:
        before = json.loads(row["card_before"]) if row["card_before"] else None
        writer.writerow(
            [
                card_id_for(row["question_id"]),
                int(datetime.fromisoformat(row["reviewed_at"]).timestamp() * 1000),
                row["rating"],
                int(before["state"]) if before else 0,
                int((row["duration_s"] or 0) * 1000),
            ]
        )
    return out.getvalue()
