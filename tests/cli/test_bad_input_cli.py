"""Bad bytes and huge answers get a message and lose nothing: grade --batch, plain mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.core.answers import MAX_ANSWER_CHARS
from quizapp.store import open_store

BANK = """\
bank: bad-input
title: Bad input
questions:
  - id: bi-dag
    prompt: What is a DAG?
    answer: A directed acyclic graph of tasks.
    key_points: [directed acyclic graph]
"""


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "bad-input.yaml").write_text(BANK)
    return folder


def invoke(args: list[str], banks: Path, data: bytes = b"") -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [*args, "--banks", str(banks)], input=data)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_batch_survives_a_lone_surrogate_and_invalid_utf8(banks: Path, tmp_path: Path) -> None:
    good = b'{"id": "bi-dag", "answer": "a directed acyclic graph"}\n'
    batch = tmp_path / "answers.jsonl"
    batch.write_bytes(
        good
        + b'{"id": "bi-dag", "answer": "bad \\ud800 escape"}\n'
        + b'{"id": "bi-dag", "answer": "caf\xe9"}\n'
        + good
    )
    code, out, _ = invoke(["grade", "--batch", str(batch)], banks)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(rows) == 4
    assert rows[0]["verdict"] == rows[3]["verdict"] == "correct"
    assert rows[1] == {
        "line": 2,
        "id": "bi-dag",
        "error": "a lone surrogate escape (such as \\ud800) is not text",
    }
    assert rows[2] == {"line": 3, "error": "not UTF-8: byte 0xe9 at 31"}


def test_a_huge_answer_is_capped_with_a_message(banks: Path, tmp_path: Path) -> None:
    huge = "a directed acyclic graph " + "x" * (5 * MAX_ANSWER_CHARS)
    code, out, err = invoke(["grade", "bi-dag", "--json"], banks, huge.encode())
    assert code == 0 and json.loads(out)["verdict"] == "correct"
    assert f"only the first {MAX_ANSWER_CHARS:,} were kept and graded" in err
    batch = tmp_path / "huge.jsonl"
    batch.write_text(json.dumps({"id": "bi-dag", "answer": huge}) + "\n")
    code, out, _ = invoke(["grade", "--batch", str(batch)], banks)
    assert json.loads(out)["truncated"] is True
    db = tmp_path / "p.db"
    code, out, _ = invoke(
        ["quiz", "--plain", "--bank", "bad-input", "--db", str(db)], banks, huge.encode() + b"\n\n"
    )
    assert code == 0, out
    assert f"only the first {MAX_ANSWER_CHARS:,} were kept and graded" in out
    (stored,) = open_store(db).reviews_of("bi-dag")
    assert stored.answer == huge[:MAX_ANSWER_CHARS] and stored.verdict == "correct"


def test_plain_mode_takes_bytes_that_are_not_utf8(banks: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    typed = b"caf\xe9 \xff\xfe a directed acyclic graph\n\n"
    code, out, _ = invoke(["quiz", "--plain", "--bank", "bad-input", "--db", str(db)], banks, typed)
    assert code == 0, out
    assert "Saved:" in out and "Done: 1 answered, 1 right." in out
    (stored,) = open_store(db).reviews_of("bi-dag")
    assert stored.answer == "caf\ufffd \ufffd\ufffd a directed acyclic graph"
