"""`quizapp mock --plain` after a killed interview: the resume offer, abandoning, closing."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main
from quizapp.core.bank import load_catalog
from quizapp.core.clock import FakeClock
from quizapp.core.mock import MockConfig, MockSession
from quizapp.core.predict import session_graders
from quizapp.store import open_store
from tests.store.test_store_kill import child

BANK = """\
bank: resume-test
title: Resume test bank
questions:
""" + "".join(
    f"""  - id: resume-{i}
    prompt: What is number {i}?
    answer: Number {i} is a number.
    key_points:
      - number {i}
    difficulty: easy
"""
    for i in range(4)
)


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "resume-test.yaml").write_text(BANK)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


def run(args: list[str], db: Path, banks: Path, text: str = "") -> Result:
    return CliRunner().invoke(
        main, [*args, "--db", str(db), "--banks", str(banks)], input=text, catch_exceptions=False
    )


def left_running(
    db: Path, banks: Path, minutes: float, spent: list[float]
) -> tuple[int, list[str]]:
    """A 3-question interview started an hour ago whose process died after ``spent`` answers."""
    clock = FakeClock(datetime.now(UTC) - timedelta(hours=1))
    catalog = load_catalog([banks])
    store = open_store(db)
    session = MockSession(
        store,
        catalog,
        MockConfig(questions=3, minutes=minutes, seed=2),
        clock=clock,
        graders=session_graders(catalog),
    )
    for n, seconds in enumerate(spent):
        clock.advance(seconds)
        session.answer(f"number {n} answer")
    store.close()
    return session.mock_id, [q.id for q in session.questions]


def test_killed_interview_is_resumed_where_it_stopped(
    tmp_path: Path, db: Path, banks: Path
) -> None:
    common = ["--db", str(db), "--banks", str(banks)]
    # Its own bank only: a drill from the bundled banks ends its answer with '.', not a blank.
    mine = ["--bank", "resume-test"]
    with child(
        ["mock", "--plain", "--questions", "3", "--minutes", "5", *mine, *common]
    ) as process:
        process.wait_for("Mock interview 1")
        process.send("number one, I think\n\n")
        process.wait_for("Saved.")
        process.kill()

    result = run(["mock", "--plain"], db, banks, "r\nsecond answer\n\nthird answer\n\n")
    assert result.exit_code == 0, result.output
    offer = re.search(
        r"Resume the interview you started today at \d\d:\d\d "
        r"\(1 of 3 answered, (\d):(\d\d) left\)\?",
        result.output,
    )
    assert offer is not None, result.output
    assert 4 * 60 <= int(offer[1]) * 60 + int(offer[2]) <= 5 * 60
    assert "Resuming mock interview 1: 2 of 3 questions to go" in result.output
    assert "# Mock interview 1\n" in result.output
    store = open_store(db)
    assert store.mock_status(1) == "finished" and store.mock_status(2) is None
    answers = [row.answer for row in store.mock_answers(1)]
    assert answers == ["number one, I think", "second answer", "third answer"]


def test_starting_a_new_one_abandons_the_unfinished_one(db: Path, banks: Path) -> None:
    old, _ = left_running(db, banks, minutes=10, spent=[30])
    result = run(
        ["mock", "--plain", "--questions", "2", "--bank", "resume-test"],
        db,
        banks,
        "n\nfresh answer\n\n",
    )
    assert result.exit_code == 0, result.output
    assert "(1 of 3 answered, 9:30 left)?" in result.output
    assert f"Interview {old} is marked abandoned." in result.output
    assert "# Mock interview 2\n" in result.output
    store = open_store(db)
    assert store.mock_status(old) == "abandoned"
    stats = json.loads(run(["stats", "--json"], db, banks).output)
    assert [m["id"] for m in stats["mocks"]] == [2]
    report = run(["mock", "--report", str(old)], db, banks)
    assert report.exit_code == 1 and "was abandoned" in report.output


def test_an_interview_without_time_left_is_closed_and_listed_as_incomplete(
    db: Path, banks: Path
) -> None:
    old, order = left_running(db, banks, minutes=1, spent=[40, 25])
    result = run(["mock", "--plain", "--questions", "1"], db, banks, "/finish\n")
    assert result.exit_code == 0, result.output
    assert "Resume the interview" not in result.output
    assert f"Interview {old} was left unfinished and cannot be resumed: closed" in result.output
    stats = json.loads(run(["stats", "--json"], db, banks).output)
    (closed, new) = stats["mocks"]
    assert (closed["id"], closed["interrupted"], closed["questions"]) == (old, True, 3)
    assert (new["id"], new["interrupted"]) == (2, False)
    text = run(["stats", "--plain"], db, banks).output
    assert f"#{old} " in text and "(incomplete: quizapp ended before it did)" in text
    report = run(["mock", "--report", str(old)], db, banks)
    assert report.exit_code == 0, report.output
    assert report.output.startswith(f"# Mock interview {old}\n")
    assert "- Incomplete: quizapp ended before the interview did" in report.output
    assert "- Questions: 3 (2 answered)" in report.output
    assert "- Time: 1:00 of 1:00 (time ran out)" in report.output
    store = open_store(db)
    assert [len(store.reviews_of(qid)) for qid in order] == [1, 1, 0]


def test_end_of_input_at_the_offer_keeps_it_for_next_time(db: Path, banks: Path) -> None:
    old, _ = left_running(db, banks, minutes=10, spent=[30])
    result = run(["mock", "--plain"], db, banks, "")
    assert result.exit_code == 0, result.output
    assert "Nothing started; the unfinished interview is kept for next time." in result.output
    store = open_store(db)
    assert [m.id for m in store.running_mocks()] == [old]
    assert store.mock_status(old + 1) is None


def test_report_of_an_unfinished_interview(db: Path, banks: Path) -> None:
    resumable, _ = left_running(db, banks, minutes=10, spent=[30])
    result = run(["mock", "--report", str(resumable)], db, banks)
    assert result.exit_code == 1
    assert "is unfinished (1 of 3 answered, 9:30 left): `quizapp mock` offers to resume it" in (
        result.output
    )
    assert open_store(db).mock_status(resumable) == "running"


def test_report_closes_an_unfinished_interview_that_cannot_resume(db: Path, banks: Path) -> None:
    spent, _ = left_running(db, banks, minutes=0.5, spent=[31])
    result = run(["mock", "--report", str(spent)], db, banks)
    assert result.exit_code == 0, result.output
    assert "- Incomplete:" in result.output and "(1 answered)" in result.output
    assert open_store(db).mock_status(spent) == "finished"
