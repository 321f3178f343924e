"""Issue 13, "Plain mode is for screen readers": Markdown as text, wrapping, predict, mock."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main
from quizapp.core.bank import load_catalog
from quizapp.core.clock import FakeClock
from quizapp.core.markdown_text import markdown_to_text
from quizapp.core.mock import MockConfig, MockSession
from quizapp.core.predict import session_graders
from quizapp.core.trust import trust
from quizapp.plain import Console, run_mock
from quizapp.store import open_store

BANK = """\
bank: md-test
title: Markdown test bank
questions:
  - id: md-one
    prompt: |
      What does **`retries`** do in a *task*? Two things:

      - it sets how many more tries a failed task gets
      - it changes the final state
    answer: |
      A failing task is tried again, after `retry_delay`:

      ```python
      PythonOperator(task_id="extract_everything_from_the_warehouse", python_callable=extract, retries=3)
      ```

      1. try 1 fails
      2. try 2 runs after the delay
    key_points:
      - tried again
    difficulty: easy
"""

PREDICT_BANK = """\
bank: md-predict
title: Predict test bank
questions:
  - id: md-predict
    prompt: "`a` succeeds and `b` raises. What state does each task end in?"
    answer: a succeeds, b fails.
    kind: predict
    ask: state
    difficulty: easy
    dag: |
      from datetime import datetime
      from airflow.sdk import DAG, task

      with DAG(dag_id="mdp", start_date=datetime(2024, 1, 1), schedule=None):
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
    (folder / "md-test.yaml").write_text(BANK)
    (folder / "md-predict.yaml").write_text(PREDICT_BANK)
    trust(folder / "md-predict.yaml")  # the learner's own bank: its DAGs may run
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


def run(args: list[str], db: Path, banks: Path, text: str = "", columns: int = 80) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(
        main, [*args, "--db", str(db), "--banks", str(banks)], input=text, catch_exceptions=False
    )


def test_markdown_becomes_plain_text_with_lists_and_whole_code_blocks() -> None:
    text = markdown_to_text(
        "Use **`retries`** and *then* [docs](https://x.io).\n\n"
        "- one item that is long enough to wrap around at this width\n- two\n\n"
        "```python\nrun(a_very_long_argument_name_that_must_never_be_cut=True, another=False)\n```\n",
        width=30,
    )
    assert text.split("\n") == [
        "Use retries and then docs",
        "(https://x.io).",
        "",
        "- one item that is long enough",
        "  to wrap around at this width",
        "- two",
        "",
        "    run(a_very_long_argument_name_that_must_never_be_cut=True, another=False)",
    ]


def test_quiz_plain_prints_no_markdown_and_wraps_between_words(db: Path, banks: Path) -> None:
    result = run(["quiz", "--plain", "--id", "md-one"], db, banks, "it is tried again\n\n", 40)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "**" not in out and "`" not in out and "```" not in out
    assert "What does retries do in a task? Two" in out
    assert "- it sets how many more tries a failed" in out and "\n  task gets\n" in out
    code = 'PythonOperator(task_id="extract_everything_from_the_warehouse", python_callable='
    code_line = next(line for line in out.splitlines() if code in line)
    assert code_line.startswith("      ") and code_line.endswith("retries=3)")  # kept whole
    for line in out.splitlines():
        assert len(line) <= 40 or line == code_line or " " not in line.strip(), line
    assert "1. try 1 fails" in out and "2. try 2 runs after the delay" in out
    lines = out.splitlines()
    prompt = lines[
        lines.index("[1/1] md-test · easy") + 1 : lines.index("Verdict: correct (score 100%)")
    ]
    assert " ".join(" ".join(prompt).split()) == (  # wrapped only between words
        "What does retries do in a task? Two things: - it sets how many more tries a "
        "failed task gets - it changes the final state"
    )


def test_predict_plain_is_titled_predict_lists_states_and_warns_on_a_bad_line(
    db: Path, banks: Path
) -> None:
    script = "a: success\nb: faild\nthe task b fails I think\n\nb: failed\n\n"
    result = run(["predict", "--plain", "--bank", "md-predict"], db, banks, script)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Predict the run: 1 DAG.") and not out.startswith("Quiz")
    assert "Valid states: success, failed, skipped, upstream_failed." in out
    assert "Warning: 'b: faild': 'faild' is not success, failed, skipped, upstream_failed" in out
    assert "Warning: 'the task b fails I think' is not 'task: value'" in out
    assert "Still to predict: b." in out
    assert "Verdict: correct (score 100%)" in out
    (stored,) = open_store(db).reviews_of("md-predict")
    assert (stored.verdict, stored.answer) == ("correct", "a: success\nb: failed")


def test_mock_plain_on_empty_input_records_no_interview(db: Path, banks: Path) -> None:
    result = run(["mock", "--plain", "--questions", "1", "--bank", "md-test"], db, banks, "")
    assert result.exit_code == 0, result.output
    assert "not graded or recorded" in result.output
    assert "Score" not in result.output
    stats = json.loads(run(["stats", "--json"], db, banks).output)
    assert stats["mocks"] == [] and stats["reviews"] == 0


class _SlowTypist(io.StringIO):
    """Input whose every line takes ``seconds`` of the fake clock to type."""

    def __init__(self, text: str, clock: FakeClock, seconds: float) -> None:
        super().__init__(text)
        self.clock = clock
        self.seconds = seconds

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.clock.advance(self.seconds)
        return super().readline(size)


def test_mock_plain_refuses_an_answer_submitted_after_the_time_ran_out(
    db: Path, banks: Path
) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    catalog = load_catalog([banks])
    store = open_store(db)
    config = MockConfig(questions=1, minutes=1, seed=1)
    session = MockSession(store, catalog, config, clock=clock, graders=session_graders(catalog))
    typist = _SlowTypist("it is tried again\n\n", clock, seconds=40)  # 80 s for a 60 s budget
    out = io.StringIO()
    report = run_mock(session, Console(typist, out, width=80))
    assert "Time ran out before this answer was submitted: it is not counted." in out.getvalue()
    assert report is not None and report.items[0].answer is None and report.score == 0.0
