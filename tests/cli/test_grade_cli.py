"""`quizapp grade` as a user runs it: one answer, stdin, JSON, batch files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main

BANK = """\
bank: grade-cli-test
title: Grading CLI test bank
questions:
  - id: zz-retries
    prompt: Explain task retries.
    answer: retries is how many extra attempts a failed task gets; retry_delay is the wait between attempts.
    key_points:
      - retries is how many extra attempts a failed task gets
      - retry_delay is the wait between attempts
      - set per task or for every task in default_args
  - id: zz-predict
    kind: predict
    prompt: What state does t end in?
    answer: success
    key_points: [success]
    dag: |
      from airflow.sdk import DAG
    ask: state
"""
RIGHT = (
    "retries: how many extra attempts a failed task gets; retry_delay: the wait between attempts;"
    " both set per task or in default_args"
)


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "grade-cli-test.yaml").write_text(BANK, encoding="utf-8")
    return folder


def run(banks: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--banks", str(banks), "grade", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_grade_has_the_contract_fields(banks: Path) -> None:
    code, out, _ = run(banks, "zz-retries", "--answer", RIGHT, "--json")
    assert code == 0
    grade = json.loads(out)
    assert {"id", "score", "verdict", "matched", "missed", "reason", "points"} <= set(grade)
    assert grade["id"] == "zz-retries"
    assert grade["verdict"] == "correct"
    assert grade["score"] == 1.0
    assert grade["missed"] == []
    first = grade["points"][0]
    start, end = first["span"]
    assert RIGHT[start:end] == first["matched_text"]


def test_answer_is_read_from_stdin_when_absent(banks: Path) -> None:
    code, out, _ = run(
        banks, "zz-retries", "--json", stdin="retry_delay is the wait between attempts\n"
    )
    assert code == 0
    assert json.loads(out)["matched"] == ["retry_delay is the wait between attempts"]


def test_human_output_shows_each_point_and_its_span(banks: Path) -> None:
    code, out, _ = run(banks, "zz-retries", "--answer", "retry_delay is the wait between attempts")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("PARTIAL")
    assert lines[1].startswith("  ✗ retries is how many")
    assert lines[2] == (
        '  ✓ retry_delay is the wait between attempts  <- "retry_delay is the wait between '
        'attempts" [0:40]'
    )


def test_unknown_id_and_non_text_question_exit_1(banks: Path) -> None:
    code, _, err = run(banks, "no-such-question", "--answer", "x")
    assert code == 1
    assert "unknown question id 'no-such-question'" in err
    code, _, err = run(banks, "zz-predict", "--answer", "success")
    assert code == 1
    assert "predict question" in err


@pytest.mark.parametrize(
    "args", [(), ("zz-retries", "--batch", "-"), ("--nope",), ("--batch", "/no/such/file.jsonl")]
)
def test_usage_errors_exit_2(banks: Path, args: tuple[str, ...]) -> None:
    code, _, _ = run(banks, *args)
    assert code == 2


def test_batch_writes_one_line_per_input_line_in_order(banks: Path, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "zz-retries", "answer": RIGHT}),
        "{not json",
        json.dumps({"id": "nope", "answer": "x"}),
        json.dumps({"id": "zz-retries"}),
        json.dumps(["zz-retries", RIGHT]),
        "",
        json.dumps({"id": "zz-predict", "answer": "success"}),
        json.dumps({"id": "zz-retries", "answer": "I don't know"}),
    ]
    path = tmp_path / "answers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(banks, "--batch", str(path))
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(lines)
    assert code == 1  # some lines were invalid
    assert results[0]["verdict"] == "correct"
    assert [("error" in r) for r in results] == [False, True, True, True, True, True, True, False]
    assert results[2]["id"] == "nope"
    assert [r.get("line") for r in results[1:7]] == [2, 3, 4, 5, 6, 7]
    assert results[7]["verdict"] == "incorrect"


def test_batch_of_good_lines_exits_0(banks: Path) -> None:
    stdin = json.dumps({"id": "zz-retries", "answer": RIGHT}) + "\n"
    code, out, _ = run(banks, "--batch", "-", stdin=stdin)
    assert code == 0
    assert json.loads(out)["verdict"] == "correct"


def test_one_shots_read_the_catalog_cache_and_notice_a_changed_bank(
    banks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second `grade` parses no YAML; after a bank file changes it parses it again."""
    import quizapp.core.bank as bank_module

    parsed: list[object] = []
    load = bank_module.load_catalog

    def counting(paths):  # type: ignore[no-untyped-def]
        parsed.append(paths)
        return load(paths)

    monkeypatch.setattr(bank_module, "load_catalog", counting)
    assert run(banks, "zz-retries", "--answer", RIGHT)[0] == 0
    assert len(parsed) == 1
    assert run(banks, "zz-retries", "--answer", RIGHT)[0] == 0
    assert CliRunner().invoke(main, ["--banks", str(banks), "bank", "list"]).exit_code == 0
    assert len(parsed) == 1
    bank_file = banks / "grade-cli-test.yaml"
    bank_file.write_text(BANK.replace("Explain task retries.", "Explain retries."), "utf-8")
    code, out, _ = run(banks, "zz-retries", "--answer", RIGHT, "--json")
    assert code == 0 and len(parsed) == 2
    assert json.loads(out)["id"] == "zz-retries"
