"""`quizapp flash|quiz|mock|stats` in plain mode, reports, stats JSON and database faults."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.core.trust import trust
from quizapp.plain import Console, use_colour
from quizapp.store import ReviewRecord, open_store
from quizapp.store.migrations import MIGRATIONS_TABLE, SCHEMA_VERSION

BANK = """\
bank: study-test
title: Study test bank
questions:
  - id: st-one
    prompt: What is one?
    answer: One is the first number.
    key_points:
      - first number
    difficulty: easy
    tags: [numbers]
  - id: st-two
    prompt: What is two?
    answer: Two is the second number.
    key_points:
      - second number
    difficulty: medium
    tags: [numbers]
  - id: st-three
    prompt: What is three?
    answer: Three is the third number.
    key_points:
      - third number
    difficulty: hard
"""

PREDICT_BANK = """\
bank: study-predict
title: Predict test bank
questions:
  - id: st-predict
    prompt: What state does each task end in?
    answer: a succeeds, b fails.
    kind: predict
    ask: state
    difficulty: easy
    dag: |
      from datetime import datetime
      from airflow.sdk import DAG, task

      with DAG(dag_id="st", start_date=datetime(2024, 1, 1), schedule=None):
          @task
          def a():
              return 1

          @task
          def b():
              raise ValueError("no")

          a() >> b()
"""


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "study-test.yaml").write_text(BANK)
    (folder / "study-predict.yaml").write_text(PREDICT_BANK)
    trust(folder / "study-predict.yaml")  # the learner's own bank: its DAGs may run
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


def run(args: list[str], db: Path, banks: Path, text: str = "") -> Result:
    runner = CliRunner()
    return runner.invoke(
        main, [*args, "--db", str(db), "--banks", str(banks)], input=text, catch_exceptions=False
    )


def test_flash_plain_rates_cards_and_ends_cleanly_at_eof(db: Path, banks: Path) -> None:
    result = run(["flash", "--plain", "--bank", "study-test"], db, banks, "\n3\n\n1\n\n")
    assert result.exit_code == 0, result.output
    assert "What is one?" in result.output and "One is the first number." in result.output
    assert "1 Again (1m)  2 Hard (6m)  3 Good (10m)  4 Easy (8d)" in result.output
    assert "Saved: Good, next review in 10m." in result.output
    assert "Done: 2 rated" in result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour
    store = open_store(db)
    assert [r.rating for r in store.reviews_of("st-one")] == [Rating.Good]
    assert [r.rating for r in store.reviews_of("st-two")] == [Rating.Again]


def test_flash_plain_undo_and_bad_input(db: Path, banks: Path) -> None:
    result = run(["flash", "--plain", "--bank", "study-test"], db, banks, "\n5\n4\nu\n\n2\nq\n")
    assert result.exit_code == 0, result.output
    assert "Type 1 (Again)" in result.output
    assert "Undone: 'st-one' is back." in result.output
    store = open_store(db)
    assert [r.rating for r in store.reviews_of("st-one")] == [Rating.Hard]


def test_quiz_plain_multiline_answers_override_and_skip(db: Path, banks: Path) -> None:
    script = "the first\nnumber\n\n/override\n/skip\nI do not know\n"  # last one cut by EOF
    result = run(
        ["quiz", "--plain", "--id", "st-one", "--id", "st-two", "--id", "st-three"],
        db,
        banks,
        script,
    )
    assert result.exit_code == 0, result.output
    assert "Verdict:" in result.output and "Model answer:" in result.output
    assert "Overridden: 'st-one' counts as right." in result.output
    store = open_store(db)
    (first,) = store.reviews_of("st-one")
    assert first.answer == "the first\nnumber" and first.overridden and first.correct
    assert store.reviews_of("st-two") == []
    (third,) = store.reviews_of("st-three")
    assert third.answer == "I do not know" and third.mode == "quiz"


def test_quiz_plain_override_is_refused_on_a_dont_know_answer(db: Path, banks: Path) -> None:
    script = "no idea\n\n/override\n/skip\n"
    result = run(["quiz", "--plain", "--id", "st-one", "--id", "st-two"], db, banks, script)
    assert result.exit_code == 0, result.output
    assert "Cannot mark it right: the answer says it does not know" in result.output
    assert "Overridden" not in result.output
    (first,) = open_store(db).reviews_of("st-one")
    assert not first.overridden and not first.correct


def test_quiz_plain_predict_question_shows_the_dag_and_grades_by_task(
    db: Path, banks: Path
) -> None:
    result = run(["quiz", "--plain", "--id", "st-predict"], db, banks, "a: success\nb: success\n\n")
    assert result.exit_code == 0, result.output
    assert 'with DAG(dag_id="st"' in result.output
    assert "one 'task: final state' per line for: a, b" in result.output
    (stored,) = open_store(db).reviews_of("st-predict")
    assert (stored.verdict, stored.score, stored.answer) == (
        "partial",
        0.5,
        "a: success\nb: success",
    )


def test_flash_leaves_predict_questions_out(db: Path, banks: Path) -> None:
    result = run(["flash", "--plain", "--bank", "study-predict"], db, banks, "")
    assert "Flashcards: 0 due, 0 new." in result.output


def test_quiz_unknown_id_is_a_usage_error(db: Path, banks: Path) -> None:
    result = run(["quiz", "--plain", "--id", "nope"], db, banks)
    assert result.exit_code == 2
    assert "no question with id 'nope'" in result.output


def test_mock_plain_then_report_and_stats(db: Path, banks: Path) -> None:
    result = run(
        [
            "mock",
            "--plain",
            "--questions",
            "2",
            "--minutes",
            "5",
            "--seed",
            "3",
            "--bank",
            "study-test",
        ],
        db,
        banks,
        "the first number\nwhich comes before two\n\n/skip\n",
    )
    assert result.exit_code == 0, result.output
    before_report = result.output.split("\nMock interview 1\n")[0]
    assert "Saved." in before_report  # acknowledged, but no hint before the end:
    assert "One is the first number." not in before_report and "Missed" not in before_report
    assert "\nMock interview 1\n" in result.output and "**" not in result.output
    stats = run(["stats", "--json"], db, banks)
    assert stats.exit_code == 0, stats.output
    data = json.loads(stats.output)
    assert {"reviews", "topics", "streak", "due", "weakest", "mocks"} <= set(data)
    (mock,) = data["mocks"]
    assert mock["id"] == 1 and 0.0 <= mock["score"] <= 1.0
    assert data["reviews"] == 1  # the one answered question entered the history
    report = run(["mock", "--report", "1"], db, banks)
    assert report.exit_code == 0
    assert report.output.startswith("# Mock interview 1\n")
    assert "_(no answer)_" in report.output and "the first number" in report.output
    missing = run(["mock", "--report", "99"], db, banks)
    assert missing.exit_code == 1 and "no finished mock interview with id 99" in missing.output


def test_stats_text_and_a_question_removed_from_the_banks(db: Path, banks: Path) -> None:
    store = open_store(db)
    now = datetime.now(UTC)
    card = review(make_scheduler(), new_card("retired", now), Rating.Again, now)
    store.record_review(
        ReviewRecord("retired", "study-test", "flash", now, Rating.Again, False), card, None
    )
    store.close()
    text = run(["stats"], db, banks)
    assert text.exit_code == 0
    assert "Reviews: 1." in text.output and "study-test" in text.output
    assert "retired" not in text.output  # not among the weakest: no bank has it any more
    flash = run(["flash", "--plain", "--bank", "study-test"], db, banks, "q\n")
    assert "retired" not in flash.output
    assert len(open_store(db).reviews_of("retired")) == 1


@pytest.mark.parametrize(
    "command", [["stats", "--json"], ["flash", "--plain"], ["mock", "--plain"]]
)
def test_corrupt_database_exits_1_with_a_message_and_is_untouched(
    tmp_path: Path, banks: Path, command: list[str]
) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database at all\n" * 200)
    before = db.read_bytes()
    result = run(command, db, banks, "\n")
    assert result.exit_code == 1
    assert "is not a readable progress database" in result.output
    assert "--db" in result.output and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_newer_schema_exits_1_with_a_message_and_is_untouched(db: Path, banks: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"CREATE TABLE {MIGRATIONS_TABLE} (name TEXT PRIMARY KEY, applied_at TEXT)")
    conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} VALUES ('m042_future', 'x')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = run(["stats", "--json"], db, banks)
    assert result.exit_code == 1
    assert "newer version of quizapp" in result.output
    assert db.read_bytes() == before


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(FakeTerminal())
    assert not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(FakeTerminal())
    out = FakeTerminal()
    Console(io.StringIO(), out, colour=use_colour(out)).say("Verdict: correct", fg="green")
    assert out.getvalue() == "Verdict: correct\n"
    Console(io.StringIO(), out, colour=True).say("x", fg="green")
    assert "\x1b[" in out.getvalue()


def test_stats_mastery_counts_every_question_and_a_lapse_as_not_known(
    db: Path, banks: Path
) -> None:
    """Issue 13: one of three questions recalled today, one missed, one unseen: 33%, not 100%."""
    store = open_store(db)
    now = datetime.now(UTC)
    for qid, rating in (("st-one", Rating.Good), ("st-two", Rating.Again)):
        card = review(make_scheduler(), new_card(qid, now), rating, now)
        record = ReviewRecord(qid, "study-test", "flash", now, rating, rating != Rating.Again)
        store.record_review(record, card, None)
    store.close()
    data = json.loads(run(["stats", "--json"], db, banks).output)
    topic = next(t for t in data["topics"] if t["topic"] == "study-test")
    assert topic["mastery"] == pytest.approx(1 / 3)
    assert (topic["cards"], topic["questions"]) == (2, 3)
    text = run(["stats", "--plain"], db, banks).output
    line = next(line for line in text.splitlines() if line.startswith("study-test"))
    assert line.split()[1] == "33%" and line.split()[-1] == "2/3"
    assert "share of a topic's questions you would" in text


def test_flash_plain_cram_promises_no_interval_and_says_nothing_is_saved(
    db: Path, banks: Path
) -> None:
    result = run(["flash", "--plain", "--cram", "--bank", "study-test"], db, banks, "\n1\nq\n")
    assert result.exit_code == 0, result.output
    assert "Cram: 3 questions, weakest first; nothing is saved or rescheduled." in result.output
    assert "1 Again  2 Hard  3 Good  4 Easy" in result.output and "(1m)" not in result.output
    assert "Rated Again (cram: not saved)." in result.output and "Saved:" not in result.output
    stats = json.loads(run(["stats", "--json"], db, banks).output)
    assert stats["reviews"] == 0
