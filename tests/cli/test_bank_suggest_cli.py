"""`quizapp bank suggest`: answers marked right become alias snippets for the bank."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.core.bank import load_catalog
from quizapp.core.clock import FakeClock
from quizapp.core.grading import grade
from quizapp.core.sessions import QuizSession, default_graders
from quizapp.store import open_store

BANK = """\
bank: demo
title: Demo
questions:
  - id: demo-pool-question
    prompt: What is an Airflow pool?
    answer: A pool caps how many tasks run at once against a shared resource; each task
      takes pool slots, and tasks wait for a free slot.
    key_points:
      - caps how many tasks run at once
      - shared resource such as a database
      - each task takes pool slots
"""
ANSWER = (
    "It throttles concurrency so that only so many run together. "
    "The database we talk to has few connections. Every task occupies slots of it."
)


def test_overridden_answer_becomes_a_paste_ready_alias_snippet(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "demo.yaml").write_text(BANK, encoding="utf-8")
    catalog = load_catalog([banks], known_sandboxes=frozenset())
    question = catalog.get("demo-pool-question")
    assert question is not None
    assert grade(question, ANSWER).verdict != "correct"
    db = tmp_path / "progress.db"
    with open_store(db) as store:
        quiz = QuizSession(store, [question], clock=FakeClock(), graders=default_graders(catalog))
        quiz.submit(ANSWER)
        quiz.override()

    result = CliRunner().invoke(main, ["bank", "suggest", "--db", str(db), "--banks", str(banks)])
    assert result.exit_code == 0, result.output
    assert "1 suggestion(s) from 1 overridden answer(s)" in result.stderr
    snippet = yaml.safe_load(result.stdout)
    (entry,) = snippet
    assert entry["id"] == "demo-pool-question"
    aliases = [a for point in entry["key_points"] for a in point["aliases"]]
    assert aliases and all(a.lower() in ANSWER.lower() for a in aliases)
    assert result.stdout.startswith("# demo-pool-question (")


def test_no_overrides_prints_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bank", "suggest", "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 suggestion(s)" in result.stderr


def test_corrupt_database_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    db.write_bytes(b"not a database at all" * 50)
    result = CliRunner().invoke(main, ["bank", "suggest", "--db", str(db)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert db.read_bytes() == b"not a database at all" * 50
