"""Writing reviews, cards and mock interviews; undo and override; two writers at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.core.scheduling import Rating, card_to_row, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, Store, StoreError, open_store
from quizapp.store.db import _use_wal

T0 = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "progress.db", tz=UTC)


def rate(store: Store, question_id: str, rating: Rating, at: datetime) -> int:
    before = store.card(question_id)
    card = review(make_scheduler(), before or new_card(question_id, at), rating, at)
    record = ReviewRecord(question_id, "airflow", "flash", at, rating, rating != Rating.Again)
    return store.record_review(record, card, before)


def test_a_review_is_committed_and_visible_to_another_connection(
    store: Store, tmp_path: Path
) -> None:
    review_id = rate(store, "dag-definition", Rating.Good, T0)
    other = open_store(tmp_path / "progress.db", tz=UTC)
    stored = other.review(review_id)
    assert stored is not None
    assert (stored.question_id, stored.rating, stored.correct, stored.day) == (
        "dag-definition",
        Rating.Good,
        True,
        "2026-03-01",
    )
    assert other.card("dag-definition") == store.card("dag-definition")
    assert other.new_cards_on("2026-03-01") == 1


def test_days_are_the_learners_local_days(tmp_path: Path) -> None:
    tokyo = timezone(timedelta(hours=9))
    store = open_store(tmp_path / "tokyo.db", tz=tokyo)
    review_id = rate(store, "q", Rating.Good, T0)  # 22:30 UTC is 07:30 next day in Tokyo
    stored = store.review(review_id)
    assert stored is not None and stored.day == "2026-03-02"


def test_undo_restores_the_card_and_removes_the_review(store: Store) -> None:
    first = rate(store, "q", Rating.Good, T0)
    after_first = store.card("q")
    second = rate(store, "q", Rating.Again, T0 + timedelta(days=3))
    with pytest.raises(StoreError):
        store.undo_review(first)  # only the latest review can be undone
    restored = store.undo_review(second)
    assert restored is not None and after_first is not None
    assert card_to_row(restored) == card_to_row(after_first)
    assert store.card("q") == after_first
    assert [r.id for r in store.reviews_of("q")] == [first]
    row = store.query("SELECT reps, lapses FROM cards WHERE question_id = 'q'")[0]
    assert row == {"reps": 1, "lapses": 0}
    assert store.undo_review(first) is None
    assert store.card("q") is None
    assert store.reviews_of("q") == []


def test_override_keeps_the_answer_and_counts_it_correct(store: Store) -> None:
    at = T0
    card = review(make_scheduler(), new_card("q", at), Rating.Again, at)
    record = ReviewRecord(
        "q", "airflow", "quiz", at, Rating.Again, False, "my answer", 0.2, "incorrect", 40.0
    )
    review_id = store.record_review(record, card, None)
    good = review(make_scheduler(), new_card("q", at), Rating.Good, at)
    store.override_review(review_id, Rating.Good, good)
    stored = store.review(review_id)
    assert stored is not None
    assert (stored.overridden, stored.correct, stored.rating) == (True, True, Rating.Good)
    assert (stored.answer, stored.verdict, stored.score) == ("my answer", "incorrect", 0.2)
    assert store.card("q") == good
    assert store.query("SELECT lapses FROM cards")[0]["lapses"] == 0
    assert store.card_before(review_id) is None


def test_history_of_a_question_outlives_its_bank(store: Store) -> None:
    rate(store, "removed-question", Rating.Good, T0)
    rate(store, "removed-question", Rating.Hard, T0 + timedelta(days=1))
    assert len(store.reviews_of("removed-question")) == 2


def test_mock_answers_are_kept_as_given_then_graded(store: Store) -> None:
    mock_id = store.create_mock(T0, 7, 600.0, 120.0, [("a", "b1", "easy"), ("b", "b2", "hard")])
    store.save_mock_answer(mock_id, 0, "first answer", 30.0, skipped=False)
    store.save_mock_answer(mock_id, 1, None, 5.0, skipped=True)
    rows = store.mock_answers(mock_id)
    assert [(r.answer, r.time_s, r.skipped, r.verdict) for r in rows] == [
        ("first answer", 30.0, False, None),
        (None, 5.0, True, None),
    ]
    assert store.mock_report(mock_id) is None
    card = review(make_scheduler(), new_card("a", T0), Rating.Good, T0)
    record = ReviewRecord("a", "b1", "mock", T0, Rating.Good, True, "first answer", 0.9, "correct")
    store.finish_mock(
        mock_id,
        T0 + timedelta(minutes=5),
        0.45,
        {"score": 0.45},
        [(0, 0.9, "correct"), (1, 0.0, "incorrect")],
        [(record, card, None)],
    )
    assert store.mock_report(mock_id) == {"score": 0.45}
    assert [r.verdict for r in store.mock_answers(mock_id)] == ["correct", "incorrect"]
    assert [r.mode for r in store.reviews_of("a")] == ["mock"]
    assert store.card("a") == card


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
    from quizapp.store import ReviewRecord, open_store

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = open_store(path, tz=UTC)
    scheduler = make_scheduler()
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    for i in range(count):
        qid = f"{name}-{i % 7}"
        at = t0 + timedelta(minutes=i)
        before = store.card(qid)
        card = review(scheduler, before or new_card(qid, at), Rating.Good, at)
        store.record_review(ReviewRecord(qid, name, "flash", at, Rating.Good, True), card, before)
    print("done", flush=True)
    """
)


def test_two_processes_write_at_once_without_locking_errors(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"  # both start on a missing file: both try to migrate
    count = 150
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    results = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    store = open_store(path, tz=UTC)
    counts = store.query("SELECT bank, count(*) AS n FROM reviews GROUP BY bank ORDER BY bank")
    assert counts == [{"bank": "left", "n": count}, {"bank": "right", "n": count}]
    assert store.query("SELECT sum(reps) AS n FROM cards")[0]["n"] == 2 * count


def test_switching_to_wal_waits_out_a_lock_the_busy_handler_does_not(tmp_path: Path) -> None:
    """SQLite can answer "locked" at once (no busy wait) while another process switches."""
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    impatient = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        impatient.execute("PRAGMA journal_mode = WAL")
    release = threading.Timer(0.2, holder.execute, ("COMMIT",))
    release.start()
    _use_wal(impatient)
    release.join()
    assert impatient.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    impatient.close()
    holder.close()
