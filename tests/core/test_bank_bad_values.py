"""Bad YAML values in a bank are file:line errors, never a crash; every error is reported."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quizapp.core.bank import load_catalog, parse_bank


def bank(body: str) -> str:
    """A one-question bank whose question has the given YAML lines."""
    lines = textwrap.indent(textwrap.dedent(body), "    ")
    return f"bank: demo\ntitle: Demo\nquestions:\n  - id: q1\n{lines}"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("prompt: !!int abc\nanswer: A\nkey_points: [a]\n", "t.yaml:5: question 'q1': 'abc' is not a valid !!int value"),
        ("prompt: P\nanswer: A\nkey_points:\n  - text: a\n    weight: !!float abc\n", "t.yaml:9: question 'q1': 'abc' is not a valid !!float value"),
        ("prompt: P\nanswer: A\ndifficulty: !!bool maybe\nkey_points: [a]\n", "t.yaml:7: question 'q1': 'maybe' is not a valid !!bool value"),
        ("prompt: P\nanswer: A\nkey_points: !!map x\n", "t.yaml:7: question 'q1': YAML tag '!!map' needs a mapping, got a single value"),
        ("prompt: !!timestamp soon\nanswer: A\nkey_points: [a]\n", "t.yaml:5: question 'q1': 'soon' is not a valid !!timestamp value"),
    ],
)  # fmt: skip
def test_a_bad_tagged_value_is_a_located_error(body: str, expected: str) -> None:
    result, issues = parse_bank(bank(body), "t.yaml")
    assert expected in [str(i) for i in issues]
    assert result is not None and result.questions == ()


@pytest.mark.parametrize(("value", "shown"), [(".inf", "inf"), ("-.inf", "-inf"), (".NaN", "nan")])
def test_a_weight_that_is_not_finite_is_refused(value: str, shown: str) -> None:
    body = f"prompt: P\nanswer: A\nkey_points:\n  - text: a\n    weight: {value}\n"
    _result, issues = parse_bank(bank(body), "t.yaml")
    assert [str(i) for i in issues] == [
        f"t.yaml:9: question 'q1': 'weight' must be a finite number, got a number ({shown})"
    ]


def test_every_error_of_a_question_is_reported_each_at_its_line() -> None:
    body = "prompt: P\nanswer: A\ndifficulty: impossible\nkey_points: []\n"
    _result, issues = parse_bank(bank(body), "t.yaml")
    assert [str(i) for i in issues] == [
        "t.yaml:7: question 'q1': difficulty must be one of easy, medium, hard; got text 'impossible'",
        "t.yaml:8: question 'q1': key_points must not be empty",
    ]


def test_a_bad_value_in_one_bank_leaves_the_others_and_the_cli_working(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(bank("prompt: !!int abc\nanswer: A\nkey_points: [a]\n"))
    good = bank("prompt: P\nanswer: A\nkey_points: [a]\n").replace("q1", "q2").replace("demo", "ok")
    (tmp_path / "good.yaml").write_text(good)
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    assert [q.id for q in catalog.questions] == ["q2"]
    for args in (["bank", "validate", str(tmp_path)], ["bank", "list", "--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "quizapp", *args],
            capture_output=True,
            text=True,
            env={
                "QUIZAPP_BANKS": str(tmp_path),
                "QUIZAPP_HOME": str(tmp_path / "home"),
                "PATH": "/usr/bin:/bin",
            },
            timeout=60,
        )
        assert "Traceback" not in done.stderr
        assert "bad.yaml:5: question 'q1': 'abc' is not a valid !!int value" in (
            done.stdout + done.stderr
        )
    assert "q2" in [q["id"] for q in json.loads(done.stdout)]


def test_a_fifo_and_a_link_to_dev_zero_are_refused_at_once(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "x.yaml")  # opening it for reading would block every command
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    (tmp_path / "good.yaml").write_text(bank("prompt: P\nanswer: A\nkey_points: [a]\n"))
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    assert [q.id for q in catalog.questions] == ["q1"]
    shown = [str(e).replace(f"{tmp_path}/", "") for e in catalog.errors]
    assert shown == [
        "x.yaml:1: not a regular file (a FIFO); a bank must be a .yaml file",
        "zero.yaml:1: not a regular file (a device or special file); a bank must be a .yaml file",
    ]


def test_a_big_bank_is_not_taken_for_an_alias_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    """The node budget grows with the text: only aliases can visit more nodes than that."""
    from quizapp.core import bank as loader

    monkeypatch.setattr(loader, "_MAX_NODES", 500)  # as if the bank were 50 MB
    questions = "".join(
        f"  - id: q{i}\n    prompt: P{i}?\n    answer: A{i}.\n    key_points: [a, b, c]\n"
        for i in range(300)
    )
    big, issues = parse_bank(f"bank: big\ntitle: Big\nquestions:\n{questions}", "big.yaml")
    assert issues == [] and big is not None and len(big.questions) == 300
    one = "&q {id: q, prompt: P?, answer: A., key_points: [a, b, c], tags: [x, y, z]}"
    bomb = f"bank: bomb\ntitle: B\nquestions: [{one}, " + ", ".join(["*q"] * 300) + "]\n"
    _bank, issues = parse_bank(bomb, "bomb.yaml")
    assert any("document too large (alias expansion?)" in str(i) for i in issues)
