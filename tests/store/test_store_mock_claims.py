"""A mock interview is held by the quizapp that runs it: a file lock the OS drops with the process."""

from __future__ import annotations

from pathlib import Path

from quizapp.store import open_memory_store, open_store


def test_one_quizapp_at_a_time_holds_an_interview(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    first, second = open_store(path), open_store(path)
    assert first.claim_mock(3) and first.claim_mock(3)  # holding it again is fine
    assert not second.claim_mock(3)
    assert second.claim_mock(4)
    lock = tmp_path / "progress.db.mock-3.lock"
    assert lock.exists()
    first.close()  # like the process ending: the interview is free, its file stays
    assert lock.exists() and second.claim_mock(3)
    second.release_mock(3)  # finished: the file goes
    assert not lock.exists()
    second.close()


def test_an_in_memory_store_always_holds(tmp_path: Path) -> None:
    store = open_memory_store()
    assert store.claim_mock(1) and open_memory_store().claim_mock(1)
    assert list(tmp_path.rglob("*.lock")) == []
