"""`quizapp predict`: the predict drill in the app, or in plain text with --plain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main
from quizapp.core.trust import trust
from quizapp.store import open_store

PREDICT_BANK = """\
bank: cli-predict
title: Predict test bank
questions:
  - id: cp-failure
    prompt: What state does each task end in?
    answer: a succeeds, b fails.
    kind: predict
    ask: state
    difficulty: easy
    dag: |
      from datetime import datetime
      from airflow.sdk import DAG, task

      with DAG(dag_id="cp", start_date=datetime(2024, 1, 1), schedule=None):
          @task
          def a():
              return 1

          @task
          def b():
              raise ValueError("no")

          a() >> b()
  - id: cp-text
    prompt: What is a DAG?
    answer: A directed acyclic graph.
    key_points: [directed acyclic graph]
    difficulty: easy
"""


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "cli-predict.yaml").write_text(PREDICT_BANK)
    trust(folder / "cli-predict.yaml")  # the learner's own bank: its DAGs may run
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


def run(args: list[str], db: Path, banks: Path, text: str = "") -> Result:
    return CliRunner().invoke(main, [*args, "--db", str(db), "--banks", str(banks)], input=text)


def test_predict_opens_the_app_on_the_predict_mode_with_the_selection(
    db: Path, banks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: dict[str, Any] = {}
    monkeypatch.setattr("quizapp.tui.app.run_app", lambda **kw: launched.update(kw))
    result = run(["predict", "--bank", "cli-predict", "--difficulty", "easy"], db, banks)
    assert result.exit_code == 0, result.output
    assert launched["start"] == "predict"
    assert tuple(launched["banks"]) == ("cli-predict",)
    assert tuple(launched["difficulties"]) == ("easy",)


def test_predict_plain_asks_new_predict_questions_only_then_nothing_until_due(
    db: Path, banks: Path
) -> None:
    first = run(
        ["predict", "--plain", "--bank", "cli-predict"], db, banks, "a: success\nb: failed\n\n"
    )
    assert first.exit_code == 0, first.output
    assert "Predict the run: 1 DAG." in first.output and "Quiz" not in first.output
    assert 'with DAG(dag_id="cp"' in first.output and "What is a DAG?" not in first.output
    (stored,) = open_store(db).reviews_of("cp-failure")
    assert (stored.verdict, stored.score) == ("correct", 1.0)
    again = run(["predict", "--plain", "--bank", "cli-predict"], db, banks)
    assert again.exit_code == 1
    assert "no predict question is due and none is new in this selection" in again.output
