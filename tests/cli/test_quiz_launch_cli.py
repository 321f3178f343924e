"""`quizapp quiz --id/--weakest`: checked on the command line, then handed to the app."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, open_store

BANK = """\
bank: launch-test
title: Launch test bank
questions:
  - id: lt-one
    prompt: What is one?
    answer: One.
    key_points: [first number]
    difficulty: easy
  - id: lt-two
    prompt: What is two?
    answer: Two.
    key_points: [second number]
    difficulty: medium
  - id: lt-three
    prompt: What is three?
    answer: Three.
    key_points: [third number]
    difficulty: hard
"""


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "launch-test.yaml").write_text(BANK)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What the terminal app was started with (it never starts: run_app is replaced)."""
    received: dict[str, Any] = {}
    monkeypatch.setattr("quizapp.tui.app.run_app", lambda **kw: received.update(kw))
    return received


def run(args: list[str], db: Path, banks: Path) -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db), "--banks", str(banks)])


def answered(db: Path, ratings: dict[str, Rating]) -> None:
    """Record one flashcard rating per question, as if the learner had studied them."""
    store = open_store(db)
    now = datetime.now(UTC)
    for qid, rating in ratings.items():
        card = review(make_scheduler(), new_card(qid, now), rating, now)
        record = ReviewRecord(qid, "launch-test", "flash", now, rating, rating != Rating.Again)
        store.record_review(record, card, None)
    store.close()


def test_ids_reach_the_app_in_order(db: Path, banks: Path, launched: dict[str, Any]) -> None:
    result = run(["quiz", "--id", "lt-three", "--id", "lt-one"], db, banks)
    assert result.exit_code == 0, result.output
    assert launched["start"] == "quiz"
    assert tuple(launched["question_ids"]) == ("lt-three", "lt-one")


@pytest.mark.parametrize("plain", [[], ["--plain"]])
def test_an_unknown_id_stops_before_the_app_with_close_ids(
    db: Path, banks: Path, launched: dict[str, Any], plain: list[str]
) -> None:
    args = ["quiz", *plain, "--id", "lt-one", "--id", "lt-tow", "--id", "zzz"]
    result = run(args, db, banks)
    assert result.exit_code == 2
    assert "Invalid value for '--id': no question with id 'lt-tow' (did you mean 'lt-two'" in (
        result.output
    )
    assert "?), 'zzz'; `quizapp bank list` lists them" in result.output
    assert not launched


def test_weakest_without_history_says_so(db: Path, banks: Path, launched: dict[str, Any]) -> None:
    result = run(["quiz", "--weakest"], db, banks)
    assert result.exit_code == 1
    assert "no weakest questions yet: you have not answered any question." in result.output
    assert not launched
    plain = run(["quiz", "--plain", "--weakest", "--bank", "launch-test"], db, banks)
    assert plain.exit_code == 1
    assert "not answered any question in this selection" in plain.output


def test_weakest_n_sends_the_weakest_first(db: Path, banks: Path, launched: dict[str, Any]) -> None:
    answered(db, {"lt-two": Rating.Easy, "lt-three": Rating.Again})
    result = run(["quiz", "--weakest", "2"], db, banks)
    assert result.exit_code == 0, result.output
    assert tuple(launched["question_ids"]) == ("lt-three", "lt-two")
    everything = run(["quiz", "--weakest", "--questions", "3", "--bank", "launch-test"], db, banks)
    assert everything.exit_code == 0, everything.output
    # The two answered ones, weakest first, then the unseen one.
    assert tuple(launched["question_ids"]) == ("lt-three", "lt-two", "lt-one")


def test_weakest_in_plain_mode_asks_the_same_questions(db: Path, banks: Path) -> None:
    answered(db, {"lt-two": Rating.Easy, "lt-three": Rating.Again})
    result = run(["quiz", "--plain", "--weakest", "1"], db, banks)
    assert result.exit_code == 0, result.output
    assert "Quiz: 1 question." in result.output and "What is three?" in result.output


def test_id_and_weakest_together_are_a_usage_error(
    db: Path, banks: Path, launched: dict[str, Any]
) -> None:
    result = run(["quiz", "--id", "lt-one", "--weakest"], db, banks)
    assert result.exit_code == 2 and "--id or --weakest, not both" in result.output
    assert not launched


def test_without_id_or_weakest_the_app_gets_the_selection_only(
    db: Path, banks: Path, launched: dict[str, Any]
) -> None:
    result = run(["quiz", "--bank", "launch-test"], db, banks)
    assert result.exit_code == 0, result.output
    assert tuple(launched["banks"]) == ("launch-test",)
    assert "question_ids" not in launched
