"""SIGKILL mid-session, for real: every acknowledged answer is in the database afterwards."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from quizapp.store import open_store

BANK = """\
bank: kill-test
title: Kill test bank
questions:
""" + "".join(
    f"""  - id: kill-{i}
    prompt: What is number {i}?
    answer: Number {i} is a number.
    key_points:
      - number {i}
    difficulty: easy
"""
    for i in range(5)
)


class Child:
    """A `quizapp ... --plain` process driven line by line (a thread reads its output)."""

    def __init__(self, args: list[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "quizapp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.seen: list[str] = []

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put("")  # end of output

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def wait_for(self, marker: str, timeout: float = 60.0) -> None:
        """Read output lines until one contains ``marker`` (the acknowledgement)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if not line:
                break
            self.seen.append(line)
            if marker in line:
                return
        raise AssertionError(f"never saw {marker!r}; output so far: {''.join(self.seen)}")

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        assert self.proc.returncode == -signal.SIGKILL


@contextmanager
def child(args: list[str]) -> Iterator[Child]:
    running = Child(args)
    try:
        yield running
    finally:
        if running.proc.poll() is None:
            running.proc.kill()
            running.proc.wait(timeout=30)
        running.reader.join(timeout=30)
        for stream in (running.proc.stdin, running.proc.stdout, running.proc.stderr):
            if stream:
                stream.close()


@pytest.fixture
def common(tmp_path: Path) -> list[str]:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "kill-test.yaml").write_text(BANK)
    return ["--db", str(tmp_path / "progress.db"), "--banks", str(banks), "--bank", "kill-test"]


def test_killed_flashcard_session_keeps_every_acknowledged_rating(
    tmp_path: Path, common: list[str]
) -> None:
    with child(["flash", "--plain", *common]) as run:
        for rating in ("3", "4", "1"):
            run.send(f"\n{rating}\n")
            run.wait_for("Saved:")
        run.send("\n")  # revealed, never rated
        run.wait_for("1 Again")
        run.kill()
    store = open_store(tmp_path / "progress.db")
    rated = store.query("SELECT question_id, rating FROM reviews ORDER BY id")
    assert rated == [
        {"question_id": "kill-0", "rating": 3},
        {"question_id": "kill-1", "rating": 4},
        {"question_id": "kill-2", "rating": 1},
    ]
    assert set(store.cards()) == {"kill-0", "kill-1", "kill-2"}


def test_killed_quiz_keeps_every_graded_answer(tmp_path: Path, common: list[str]) -> None:
    with child(["quiz", "--plain", "--seed", "1", *common]) as run:
        for n in range(2):
            run.send(f"answer {n}\non two lines\n\n")
            run.wait_for("Saved: rated")
        run.send("an answer still being typed\n")
        run.kill()
    answers = open_store(tmp_path / "progress.db").query("SELECT answer FROM reviews ORDER BY id")
    assert answers == [{"answer": "answer 0\non two lines"}, {"answer": "answer 1\non two lines"}]


def test_killed_mock_interview_keeps_every_answer_given(tmp_path: Path, common: list[str]) -> None:
    with child(["mock", "--plain", "--questions", "4", "--seed", "5", *common]) as run:
        run.wait_for("Mock interview 1")
        for n in range(3):
            run.send(f"mock answer {n}\n\n")
            run.wait_for("Saved.")
        run.kill()
    store = open_store(tmp_path / "progress.db")
    rows = store.mock_answers(1)
    assert [r.answer for r in rows] == ["mock answer 0", "mock answer 1", "mock answer 2", None]
    assert store.mock_report(1) is None  # killed before the end: kept, not graded
