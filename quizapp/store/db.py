"""Open the progress database, and every write to it.

One SQLite file (sqlite-utils over :mod:`sqlite3`) in WAL mode with a busy
timeout, so a second quizapp on the same file waits its turn instead of failing
with "database is locked". Each answer is one ``BEGIN IMMEDIATE`` ...
``COMMIT`` transaction with ``synchronous=FULL``: when a write method returns,
the answer is on disk, and a killed process loses nothing it acknowledged.

Days (streaks, reviews per day, the daily new-card limit) are the learner's
*local* calendar days, fixed when the review is written: a review at 23:30 in
Berlin counts for that evening even though it is 22:30 UTC, and travelling
later does not rewrite history. Pass ``tz`` to :func:`open_store` to choose the
zone (tests use UTC); every stored timestamp itself is UTC.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from quizapp.core.clock import as_utc
from quizapp.core.plan import StudySettings
from quizapp.core.records import ReviewRecord
from quizapp.core.scheduling import (
    Card,
    CardRow,
    DueCap,
    Rating,
    card_from_row,
    card_id_for,
    card_to_row,
)
from quizapp.paths import protect, usable_folder
from quizapp.store import integrity
from quizapp.store import settings as settings_table
from quizapp.store.claims import Claims
from quizapp.store.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    StoreError,
)
from quizapp.store.migrations import (
    SCHEMA_VERSION,
    applied_names,
    migrate,
    migration_names,
)
from quizapp.store.queries import local_day, new_cards_on
from quizapp.store.sqlite_utils_import import database_class

if TYPE_CHECKING:
    from sqlite_utils import Database
else:
    Database = database_class()

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 30.0
"""How long a writer waits for another process's transaction before giving up."""


@dataclass(frozen=True, slots=True)
class StoredReview:
    """A review as read back from the database."""

    id: int
    question_id: str
    bank: str
    mode: str
    reviewed_at: datetime
    day: str
    rating: Rating
    correct: bool
    overridden: bool
    answer: str | None
    score: float | None
    verdict: str | None
    duration_s: float | None


@dataclass(frozen=True, slots=True)
class MockAnswerRow:
    """One question of a stored mock interview, as answered so far."""

    position: int
    question_id: str
    bank: str
    difficulty: str
    answer: str | None
    time_s: float
    skipped: bool
    score: float | None
    verdict: str | None
    saved_at: datetime | None = None
    draft: str | None = None
    """Typed and not submitted (None: nothing, or it was submitted)."""


@dataclass(frozen=True, slots=True)
class RunningMock:
    """A mock interview still marked running: in progress, or its process ended early."""

    id: int
    started_at: datetime
    seed: int
    budget_s: float
    soft_limit_s: float


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite's error means the file itself is bad (not a lock or a bug)."""
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _card_json(card: Card | None) -> str | None:
    return json.dumps(card_to_row(card)) if card is not None else None


def _review_row(record: ReviewRecord, day: str, before: Card | None) -> dict[str, Any]:
    """The ``reviews`` row of one answer (``day`` is the learner's local day)."""
    return {
        "question_id": record.question_id,
        "bank": record.bank,
        "mode": record.mode,
        "reviewed_at": as_utc(record.reviewed_at).isoformat(),
        "day": day,
        "answer": record.answer,
        "score": record.score,
        "verdict": record.verdict,
        "rating": int(record.rating),
        "correct": int(record.correct),
        "duration_s": record.duration_s,
        "overridden": 0,
        "card_before": _card_json(before),
    }


class Store:
    """An open progress database. Use :func:`open_store` to get one.

    Safe to share between threads (a lock serialises access); close it when done.
    """

    def __init__(self, db: Database, path: Path | None, tz: tzinfo | None = None) -> None:
        self.db = db
        self.path = path
        self.tz = tz
        self.lock = threading.RLock()
        self.backup_path: Path | None = None
        self.claims = Claims(path)

    # --- housekeeping -------------------------------------------------------

    def close(self) -> None:
        """Close the connection (and let go of the mock interviews this process holds)."""
        with self.lock:
            self.claims.close()
            self.db.close()
            if self.path is not None:
                integrity.closed(self.path)  # checked on open, then only quizapp wrote it

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The number of migrations applied."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def day_of(self, moment: datetime) -> str:
        """The learner's calendar day (``YYYY-MM-DD``) of a UTC moment."""
        return local_day(moment, self.tz).isoformat()

    def today(self, now: datetime) -> date:
        """The learner's calendar day at ``now``."""
        return date.fromisoformat(self.day_of(now))

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction, taken immediately (waits for other writers), committed on exit."""
        with self.lock:
            conn = self.db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts."""
        with self.lock:
            return list(self.db.query(sql, params))

    # --- cards and reviews --------------------------------------------------

    def card(self, question_id: str) -> Card | None:
        """The question's FSRS card, or None when it was never reviewed."""
        rows = self.query("SELECT * FROM cards WHERE question_id = ?", [question_id])
        return card_from_row(question_id, cast(CardRow, rows[0])) if rows else None

    def cards(self, question_ids: Iterable[str] | None = None) -> dict[str, Card]:
        """Every card (or those of ``question_ids``), by question id.

        A session asks for its own questions' cards: a long history has many more
        (removed banks, other selections), and each costs a row read and a Card.
        """
        if question_ids is None:
            rows = self.query("SELECT * FROM cards")
        else:
            rows = self.query(
                "SELECT * FROM cards WHERE question_id IN (SELECT value FROM json_each(?))",
                [json.dumps(list(question_ids))],
            )
        return {
            row["question_id"]: card_from_row(row["question_id"], cast(CardRow, row))
            for row in rows
        }

    def card_banks(self) -> dict[str, str]:
        """Each carded question's bank (topic), by question id."""
        return {
            row["question_id"]: row["bank"]
            for row in self.query("SELECT question_id, bank FROM cards")
        }

    def new_cards_on(self, day: str) -> int:
        """How many questions were seen for the first time on ``day``."""
        with self.lock:
            return new_cards_on(self.db.conn, day)

    def recent_reviews_by_bank(self, now: datetime, days: int = 30) -> dict[str, tuple[int, int]]:
        """``bank -> (reviews, recalled)`` over the last ``days`` local days."""
        since = (self.today(now) - timedelta(days=days - 1)).isoformat()
        rows = self.query(
            "SELECT bank, count(*) AS n, sum(correct) AS c FROM reviews "
            "WHERE day >= ? GROUP BY bank",
            [since],
        )
        return {row["bank"]: (row["n"], row["c"]) for row in rows}

    def record_review(self, record: ReviewRecord, card: Card, before: Card | None) -> int:
        """Write a review and the card it produced, in one committed transaction.

        ``before`` is the card as it was (None for a new question); it is kept
        with the review so the review can be undone or overridden. Returns the
        review id.
        """
        day = self.day_of(record.reviewed_at)
        with self.transaction() as db:
            table = db.table("reviews")
            table.insert(_review_row(record, day, before))
            review_id = int(cast(int, table.last_pk))
            self._save_card(db, record.question_id, record.bank, card, record.rating, day)
        return review_id

    def _save_card(
        self, db: Database, question_id: str, bank: str, card: Card, rating: Rating, day: str
    ) -> None:
        lapse = int(rating == Rating.Again)
        db.execute(
            """
            INSERT INTO cards (question_id, bank, state, step, stability, difficulty, due,
                               last_review, reps, lapses, introduced_day)
            VALUES (:question_id, :bank, :state, :step, :stability, :difficulty, :due,
                    :last_review, 1, :lapse, :day)
            ON CONFLICT (question_id) DO UPDATE SET
                bank = excluded.bank, state = excluded.state, step = excluded.step,
                stability = excluded.stability, difficulty = excluded.difficulty,
                due = excluded.due, last_review = excluded.last_review,
                reps = reps + 1, lapses = lapses + excluded.lapses
            """,
            {"question_id": question_id, "bank": bank, "lapse": lapse, "day": day}
            | card_to_row(card),
        )

    def review(self, review_id: int) -> StoredReview | None:
        """One review by id."""
        rows = self.query("SELECT * FROM reviews WHERE id = ?", [review_id])
        return _stored_review(rows[0]) if rows else None

    def reviews_of(self, question_id: str) -> list[StoredReview]:
        """A question's reviews, oldest first (history stays when a bank drops it)."""
        rows = self.query(
            "SELECT * FROM reviews WHERE question_id = ? ORDER BY reviewed_at, id", [question_id]
        )
        return [_stored_review(row) for row in rows]

    def overridden_reviews(self) -> list[StoredReview]:
        """Answers the learner marked right against the grader ("I was right"), oldest first."""
        rows = self.query(
            "SELECT * FROM reviews WHERE overridden = 1 AND answer IS NOT NULL "
            "ORDER BY reviewed_at, id"
        )
        return [_stored_review(row) for row in rows]

    def _latest_row(self, db: Database, review_id: int) -> dict[str, Any]:
        rows = list(db.query("SELECT * FROM reviews WHERE id = ?", [review_id]))
        if not rows:
            raise StoreError(self.path, f"review {review_id} does not exist")
        row = rows[0]
        later = db.execute(
            "SELECT 1 FROM reviews WHERE question_id = ? AND id > ? LIMIT 1",
            [row["question_id"], review_id],
        ).fetchone()
        if later:
            raise StoreError(self.path, f"review {review_id} is not its question's latest review")
        return row

    def undo_review(self, review_id: int) -> Card | None:
        """Delete a question's latest review and put its card back as it was before.

        Returns the restored card (None: the question is new again).
        """
        with self.transaction() as db:
            row = self._latest_row(db, review_id)
            question_id = row["question_id"]
            db.execute("DELETE FROM reviews WHERE id = ?", [review_id])
            if row["card_before"] is None:
                db.execute("DELETE FROM cards WHERE question_id = ?", [question_id])
                return None
            before = card_from_row(question_id, json.loads(row["card_before"]))
            lapse = int(row["rating"] == Rating.Again)
            db.execute(
                """
                UPDATE cards SET state = :state, step = :step, stability = :stability,
                    difficulty = :difficulty, due = :due, last_review = :last_review,
                    reps = reps - 1, lapses = lapses - :lapse
                WHERE question_id = :question_id
                """,
                {"question_id": question_id, "lapse": lapse} | card_to_row(before),
            )
            return before

    def card_before(self, review_id: int) -> Card | None:
        """The card as it was just before a review (None: it was a new question)."""
        rows = self.query("SELECT question_id, card_before FROM reviews WHERE id = ?", [review_id])
        if not rows or rows[0]["card_before"] is None:
            return None
        return card_from_row(rows[0]["question_id"], json.loads(rows[0]["card_before"]))

    def override_review(self, review_id: int, rating: Rating, card: Card) -> None:
        """Mark a graded answer as right after all ("I was right").

        The answer text and the grader's verdict and score stay as they were
        (they are what the grader got wrong); the review now counts as correct,
        carries ``rating``, and the question's card becomes ``card``.
        """
        with self.transaction() as db:
            row = self._latest_row(db, review_id)
            db.execute(
                "UPDATE reviews SET overridden = 1, correct = 1, rating = ? WHERE id = ?",
                [int(rating), review_id],
            )
            lapse_change = int(row["rating"] == Rating.Again) - int(rating == Rating.Again)
            db.execute(
                """
                UPDATE cards SET state = :state, step = :step, stability = :stability,
                    difficulty = :difficulty, due = :due, last_review = :last_review,
                    lapses = lapses - :lapse_change
                WHERE question_id = :question_id
                """,
                {"question_id": row["question_id"], "lapse_change": lapse_change}
                | card_to_row(card),
            )

    # --- study settings and the interview plan ---------------------------------

    def study_settings(self) -> StudySettings:
        """The learner's study settings (defaults for anything never set)."""
        with self.lock:
            return settings_table.read_settings(self.db.conn)

    def save_study_settings(self, settings: StudySettings) -> None:
        """Store every study setting, in one committed transaction."""
        settings.check()
        rows = settings_table.encode(settings)
        with self.transaction() as db:
            db.conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(rows.items()),
            )

    def save_plan_rate(self, day: str, new_per_day: int) -> None:
        """Remember the plan's new questions per day for ``day`` (the home screen reads it)."""
        value = json.dumps({"day": day, "value": new_per_day})
        with self.transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [settings_table.PLAN_RATE, value],
            )

    def cap_due_dates(self, cap: DueCap) -> int:
        """Bring every card's due date within ``cap`` (an interview date); returns how many moved.

        Cards reviewed before the interview was set may be due after it: this
        moves them to the day the plan allows, as a review made now would.
        """
        changed = []
        with self.transaction() as db:
            rows = db.execute(
                "SELECT question_id, due, last_review FROM cards WHERE last_review IS NOT NULL"
            ).fetchall()
            for question_id, due_text, last_text in rows:
                due = datetime.fromisoformat(due_text)
                capped = cap(card_id_for(question_id), datetime.fromisoformat(last_text), due)
                if capped < due:
                    changed.append((as_utc(capped).isoformat(), question_id))
            db.conn.executemany("UPDATE cards SET due = ? WHERE question_id = ?", changed)
        return len(changed)

    def recent_durations(self, limit: int = 200) -> list[float]:
        """How long (seconds) each of the latest ``limit`` timed reviews took, newest first."""
        with self.lock:
            rows = self.db.execute(
                "SELECT duration_s FROM reviews WHERE duration_s IS NOT NULL "
                "ORDER BY id DESC LIMIT ?",
                [limit],
            ).fetchall()
        return [float(row[0]) for row in rows]

    def review_log(self) -> list[tuple[str, date, int]]:
        """Every review as ``(question_id, local day, rating)``, oldest first (for ``tune``)."""
        with self.lock:
            rows = self.db.execute(
                "SELECT question_id, day, rating FROM reviews ORDER BY reviewed_at, id"
            ).fetchall()
        return [(qid, date.fromisoformat(day), int(rating)) for qid, day, rating in rows]

    def lapses(self) -> dict[str, int]:
        """Each carded question's lapse count (Again ratings), by question id."""
        return {
            row["question_id"]: row["lapses"]
            for row in self.query("SELECT question_id, lapses FROM cards WHERE lapses > 0")
        }

    # --- mock interviews ----------------------------------------------------

    def create_mock(
        self,
        started_at: datetime,
        seed: int,
        budget_s: float,
        soft_limit_s: float,
        questions: Sequence[tuple[str, str, str]],
    ) -> int:
        """Start a mock interview of ``(question_id, bank, difficulty)``; returns its id."""
        with self.transaction() as db:
            mocks = db.table("mocks")
            mocks.insert(
                {
                    "started_at": as_utc(started_at).isoformat(),
                    "seed": seed,
                    "budget_s": budget_s,
                    "soft_limit_s": soft_limit_s,
                    "status": "running",
                }
            )
            mock_id = int(cast(int, mocks.last_pk))
            db.table("mock_answers").insert_all(
                {
                    "mock_id": mock_id,
                    "position": position,
                    "question_id": question_id,
                    "bank": bank,
                    "difficulty": difficulty,
                    "time_s": 0.0,
                    "skipped": 0,
                }
                for position, (question_id, bank, difficulty) in enumerate(questions)
            )
        return mock_id

    def save_mock_answer(
        self,
        mock_id: int,
        position: int,
        answer: str | None,
        time_s: float,
        skipped: bool,
        saved_at: datetime | None = None,
    ) -> None:
        """Keep an answer as given (graded only when the interview finishes).

        ``time_s`` is the whole time spent on the question so far: what is left
        of the budget after a crash is the budget minus these times.
        """
        saved = as_utc(saved_at).isoformat() if saved_at else None
        with self.transaction() as db:
            db.execute(
                "UPDATE mock_answers SET answer = ?, time_s = ?, skipped = ?, saved_at = ?, "
                "draft = CASE WHEN ? THEN NULL ELSE draft END "  # an answer replaces the draft
                "WHERE mock_id = ? AND position = ?",
                [answer, time_s, int(skipped), saved, answer is not None, mock_id, position],
            )

    def save_mock_draft(
        self, mock_id: int, position: int, draft: str | None, time_s: float | None = None
    ) -> None:
        """Keep what is typed (not submitted) for a mock question; None clears it.

        ``time_s``, when given, is the time spent on the question so far (as in
        :meth:`save_mock_answer`), so a crash after it leaves the right budget.
        """
        with self.transaction() as db:
            if time_s is None:
                db.execute(
                    "UPDATE mock_answers SET draft = ? WHERE mock_id = ? AND position = ?",
                    [draft, mock_id, position],
                )
            else:
                db.execute(
                    "UPDATE mock_answers SET draft = ?, time_s = ? "
                    "WHERE mock_id = ? AND position = ?",
                    [draft, time_s, mock_id, position],
                )

    def claim_mock(self, mock_id: int) -> bool:
        """Hold a mock interview for this process; False when another live quizapp holds it.

        See :mod:`quizapp.store.claims`: a killed process's interviews are free again.
        """
        return self.claims.take(mock_id)

    def release_mock(self, mock_id: int) -> None:
        """Let go of a mock interview this process no longer runs."""
        self.claims.release(mock_id)

    def running_mocks(self) -> list[RunningMock]:
        """Mock interviews still marked running, oldest first."""
        rows = self.query(
            "SELECT id, started_at, seed, budget_s, soft_limit_s FROM mocks "
            "WHERE status = 'running' ORDER BY started_at, id"
        )
        return [
            RunningMock(
                id=row["id"],
                started_at=datetime.fromisoformat(row["started_at"]),
                seed=row["seed"],
                budget_s=row["budget_s"],
                soft_limit_s=row["soft_limit_s"],
            )
            for row in rows
        ]

    def mock_status(self, mock_id: int) -> str | None:
        """``running``, ``finished`` or ``abandoned`` (None: no such interview)."""
        rows = self.query("SELECT status FROM mocks WHERE id = ?", [mock_id])
        return str(rows[0]["status"]) if rows else None

    def abandon_mock(self, mock_id: int, at: datetime) -> bool:
        """Mark a running interview abandoned (its answers stay, ungraded); False if not running."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE mocks SET status = 'abandoned', finished_at = ? "
                "WHERE id = ? AND status = 'running'",
                [as_utc(at).isoformat(), mock_id],
            )
            return cursor.rowcount == 1

    def mock_answers(self, mock_id: int) -> list[MockAnswerRow]:
        """A mock interview's questions and answers, in order."""
        rows = self.query(
            "SELECT * FROM mock_answers WHERE mock_id = ? ORDER BY position", [mock_id]
        )
        return [
            MockAnswerRow(
                position=row["position"],
                question_id=row["question_id"],
                bank=row["bank"],
                difficulty=row["difficulty"],
                answer=row["answer"],
                time_s=row["time_s"],
                skipped=bool(row["skipped"]),
                score=row["score"],
                verdict=row["verdict"],
                saved_at=datetime.fromisoformat(row["saved_at"]) if row["saved_at"] else None,
                draft=row.get("draft"),
            )
            for row in rows
        ]

    def finish_mock(
        self,
        mock_id: int,
        finished_at: datetime,
        score: float,
        report: dict[str, Any],
        graded: Sequence[tuple[int, float, str]],
        reviews: Sequence[tuple[ReviewRecord, Card, Card | None]],
        *,
        interrupted: bool = False,
    ) -> bool:
        """Save a finished interview in one transaction.

        ``graded`` holds ``(position, score, verdict)``; ``reviews`` the answers
        to enter into the review history and schedule, with their new and old
        cards. ``interrupted``: closed after its process ended early; then it is
        only saved while still running (two quizapps closing it at once grade
        it once), and False is returned when it was not.
        """
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE mocks SET finished_at = ?, status = 'finished', score = ?, report = ?, "
                "interrupted = ? WHERE id = ?" + (" AND status = 'running'" if interrupted else ""),
                [
                    as_utc(finished_at).isoformat(),
                    score,
                    json.dumps(report),
                    int(interrupted),
                    mock_id,
                ],
            )
            if cursor.rowcount != 1:
                return False
            db.conn.executemany(
                "UPDATE mock_answers SET score = ?, verdict = ? WHERE mock_id = ? AND position = ?",
                [(s, verdict, mock_id, position) for position, s, verdict in graded],
            )
            for record, card, before in reviews:
                day = self.day_of(record.reviewed_at)
                db.table("reviews").insert(_review_row(record, day, before))
                self._save_card(db, record.question_id, record.bank, card, record.rating, day)
        return True

    def mock_report(self, mock_id: int) -> dict[str, Any] | None:
        """The saved report of a finished mock interview (None: unknown or unfinished)."""
        rows = self.query("SELECT report FROM mocks WHERE id = ?", [mock_id])
        if not rows or rows[0]["report"] is None:
            return None
        return cast(dict[str, Any], json.loads(rows[0]["report"]))


def _stored_review(row: dict[str, Any]) -> StoredReview:
    return StoredReview(
        id=row["id"],
        question_id=row["question_id"],
        bank=row["bank"],
        mode=row["mode"],
        reviewed_at=datetime.fromisoformat(row["reviewed_at"]),
        day=row["day"],
        rating=Rating(row["rating"]),
        correct=bool(row["correct"]),
        overridden=bool(row["overridden"]),
        answer=row["answer"],
        score=row["score"],
        verdict=row["verdict"],
        duration_s=row["duration_s"],
    )


def _check_header(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise StoreError(path, f"{path} is a folder, not a progress database file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(path, "it is not an SQLite file")


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse, before writing anything, a database we must not touch."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    applied = applied_names(conn)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    unknown = [name for name in applied if name not in migration_names()]
    if unknown or version > SCHEMA_VERSION:
        raise NewerSchemaError(path, max(version, len(applied)), SCHEMA_VERSION)
    if tables and not applied:
        raise ForeignDatabaseError(path)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting out another process doing the same.

    Two processes switching a new file at once can deadlock on the upgrade from
    a shared to an exclusive lock; SQLite then answers "database is locked" at
    once instead of calling the busy handler. Once the other has switched, the
    pragma is a no-op, so retrying for the busy timeout is enough.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def open_store(
    path: Path | str, *, tz: tzinfo | None = None, migrate_upto: int | None = None
) -> Store:
    """Open (creating if needed) and migrate the progress database at ``path``.

    Raises a :class:`StoreError` subclass whose message can be shown as is when
    the file is damaged, not a quizapp database, or from a newer quizapp; the
    file is left untouched then. ``tz`` is the learner's time zone for days
    (default: the system's). ``migrate_upto`` is for tests building old schemas.
    """
    path = Path(path)
    protect(path)  # a bank's DAG, run confined, must never reach it
    try:
        _check_header(path)
        usable_folder(path.parent, "the progress database")
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(path, _unusable(path, exc)) from None
    try:
        _check_schema(conn, path)
        integrity.check(conn, path)  # damaged pages: refused before anything is written
        db = Database(conn, execute_plugins=False)  # quizapp uses no sqlite-utils plugin
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        store = Store(db, path, tz)
        store.backup_path = migrate(db, path, upto=migrate_upto)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if is_corruption(exc):
            raise CorruptDatabaseError(path, str(exc)) from exc
        raise StoreError(path, _unusable(path, exc)) from exc
    except BaseException:
        conn.close()
        raise
    return store


def _unusable(path: Path, exc: Exception) -> str:
    """Why the database file cannot be opened or written, in words for the learner."""
    text = str(exc)
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        why = "it (or its folder) is read-only"
    elif isinstance(exc, OSError) or "unable to open" in text:
        why = text.removeprefix("cannot use ").split(": ", 1)[-1] if text else "cannot open it"
    else:
        why = text
    return (
        f"cannot use {path} as the progress database: {why}. Nothing was written; "
        "use --db PATH (or QUIZAPP_HOME) to keep your progress somewhere writable."
    )


def open_memory_store(*, tz: tzinfo | None = None) -> Store:
    """A migrated in-memory database (tests and benchmarks)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    db = Database(conn, execute_plugins=False)
    migrate(db)
    return Store(db, None, tz)
