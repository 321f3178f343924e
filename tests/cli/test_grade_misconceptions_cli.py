"""`quizapp grade --json` and `--batch` carry the misconceptions an answer makes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main

BANK = """\
bank: grade-misc-test
title: Misconceptions in grade JSON
questions:
  - id: zz-retries-default
    prompt: How many retries does an Airflow task get by default?
    answer: None; retries defaults to 0 unless default_args or the config set it.
    key_points:
      - retries defaults to 0
      - set it in default_args
      - or with core.default_task_retries
    misconceptions:
      - text: retries default to 3
        aliases: [three retries by default]
        correction: retries defaults to 0 (core.default_task_retries).
        core: true
"""


def run(tmp_path: Path, *args: str) -> str:
    folder = tmp_path / "banks"
    folder.mkdir(exist_ok=True)
    (folder / "grade-misc-test.yaml").write_text(BANK, encoding="utf-8")
    result = CliRunner().invoke(main, ["--banks", str(folder), "grade", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_grade_json_names_the_misconception_and_its_correction(tmp_path: Path) -> None:
    out = run(
        tmp_path, "zz-retries-default", "--answer", "Tasks get 3 retries by default.", "--json"
    )
    data = json.loads(out)
    assert data["verdict"] == "incorrect"
    assert [(m["text"], m["correction"]) for m in data["misconceptions"]] == [
        ("retries default to 3", "retries defaults to 0 (core.default_task_retries).")
    ]


def test_batch_lines_carry_misconceptions(tmp_path: Path) -> None:
    batch = tmp_path / "answers.jsonl"
    batch.write_text(
        json.dumps({"id": "zz-retries-default", "answer": "retries default to 3"})
        + "\n"
        + json.dumps({"id": "zz-retries-default", "answer": "retries defaults to 0"})
        + "\n",
        encoding="utf-8",
    )
    lines = [json.loads(line) for line in run(tmp_path, "--batch", str(batch)).splitlines()]
    assert [len(line["misconceptions"]) for line in lines] == [1, 0]
    assert lines[0]["verdict"] == "incorrect"


QUIZ_ID = ("--id", "zz-retries-default")


def test_plain_quiz_shows_the_wrong_claim_and_its_correction(tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "grade-misc-test.yaml").write_text(BANK, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["--banks", str(folder), "--db", str(tmp_path / "p.db"), "quiz", "--plain", *QUIZ_ID],
        input="retries default to 3\n\n",
    )
    assert result.exit_code == 0, result.output
    assert (
        "Wrong claim: retries default to 3. In fact: retries defaults to 0 "
        "(core.default_task_retries)." in result.output
    )
