"""`misconceptions:` in the bank format: loaded, validated with file:line, in the schema,
listed by `bank list --json`, kept by the cache, and linted against the model answer."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizapp.core.bank import load_catalog, parse_bank
from quizapp.core.bank_cache import load_catalog_cached
from quizapp.core.lint import lint_catalog
from quizapp.core.models import Misconception
from quizapp.paths import bundled_banks_dir

SCHEMA = json.loads((bundled_banks_dir() / "schema.json").read_text(encoding="utf-8"))

BANK = """\
bank: demo
title: Demo
questions:
  - id: default-executor
    prompt: What is the default executor in Airflow 3?
    answer: LocalExecutor runs tasks as parallel processes on the scheduler's machine.
    key_points:
      - LocalExecutor
      - parallel processes on one machine
      - runs on the scheduler's machine
    misconceptions:
      - text: SequentialExecutor is the default
        aliases: [the sequential executor]
        correction: SequentialExecutor was removed in Airflow 3; LocalExecutor is the default.
        core: true
      - text: tasks run in threads
        correction: LocalExecutor runs each task in its own process.
"""


def bank_with(misconceptions: str) -> str:
    body = textwrap.indent(textwrap.dedent(misconceptions), "      ")
    return (
        "bank: demo\ntitle: Demo\nquestions:\n  - id: q1\n    prompt: P?\n    answer: A.\n"
        f"    key_points: [a point]\n    misconceptions:\n{body}"
    )


def test_misconceptions_load_into_frozen_values() -> None:
    bank, issues = parse_bank(BANK, "demo.yaml", frozenset())
    assert issues == [] and bank is not None
    first, second = bank.questions[0].misconceptions
    assert first == Misconception(
        "SequentialExecutor is the default",
        "SequentialExecutor was removed in Airflow 3; LocalExecutor is the default.",
        ("the sequential executor",),
        True,
        12,
    )
    assert second.core is False and second.aliases == () and second.line == 16
    with pytest.raises(AttributeError):
        first.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- text: a claim\n", "demo.yaml:9: question 'q1': missing required field 'correction'"),
        ("- correction: true thing\n", "demo.yaml:9: question 'q1': missing required field 'text'"),
        (
            "- text: a claim\n  correction: c\n  alias: [x]\n",
            "demo.yaml:11: question 'q1': unknown field 'alias' in a misconception "
            "(did you mean 'aliases'?)",
        ),
        (
            "- text: a claim\n  correction: c\n  aliases: x\n",
            "demo.yaml:11: question 'q1': 'aliases' must be a list of text",
        ),
        (
            "- text: a claim\n  correction: c\n  core: yes please\n",
            "demo.yaml:11: question 'q1': 'core' must be true or false",
        ),
        ("- just a claim\n", "demo.yaml:9: question 'q1': a misconception must be a mapping"),
        ("{text: a}\n", "demo.yaml:9: question 'q1': 'misconceptions' must be a list"),
        (
            "- text: a claim\n  correction: ''\n",
            "demo.yaml:10: question 'q1': 'correction' must not be empty",
        ),
    ],
)
def test_bad_misconceptions_are_errors_with_file_line_and_id(body: str, message: str) -> None:
    bank, issues = parse_bank(bank_with(body), "demo.yaml", frozenset())
    assert issues, "expected an error"
    assert str(issues[0]).startswith(message), str(issues[0])
    assert bank is not None and bank.questions == ()  # the broken question is left out


def test_schema_accepts_and_rejects_what_the_loader_does() -> None:
    data = yaml.safe_load(BANK)
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert list(validator.iter_errors(data)) == []
    data["questions"][0]["misconceptions"][0]["colour"] = "red"
    assert list(validator.iter_errors(data))
    del data["questions"][0]["misconceptions"][0]["colour"]
    del data["questions"][0]["misconceptions"][1]["correction"]
    assert list(validator.iter_errors(data))


def test_question_json_carries_misconceptions() -> None:
    bank, _ = parse_bank(BANK, "demo.yaml", frozenset())
    assert bank is not None
    listed = bank.questions[0].to_json()["misconceptions"]
    assert listed == [
        {
            "text": "SequentialExecutor is the default",
            "aliases": ["the sequential executor"],
            "correction": "SequentialExecutor was removed in Airflow 3; LocalExecutor is the default.",
            "core": True,
        },
        {
            "text": "tasks run in threads",
            "aliases": [],
            "correction": "LocalExecutor runs each task in its own process.",
            "core": False,
        },
    ]


def test_the_cache_keeps_misconceptions(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "demo.yaml").write_text(BANK, encoding="utf-8")
    first = load_catalog_cached([banks], tmp_path / "cache")
    again = load_catalog_cached([banks], tmp_path / "cache")
    assert again.get("default-executor") == first.get("default-executor")
    question = again.get("default-executor")
    assert question is not None and len(question.misconceptions) == 2


def test_lint_errors_on_a_misconception_the_model_answer_makes(tmp_path: Path) -> None:
    text = BANK.replace(
        "answer: LocalExecutor runs tasks",
        "answer: SequentialExecutor is the default. It runs tasks",
    )
    (tmp_path / "demo.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    findings = [f for f in lint_catalog(catalog) if "misconception" in f.message]
    assert len(findings) == 1
    assert findings[0].severity == "error" and findings[0].line == 12
    assert "'SequentialExecutor is the default' matches the question's own model answer" in str(
        findings[0]
    )


def test_lint_accepts_a_model_answer_that_refutes_the_misconception(tmp_path: Path) -> None:
    text = BANK.replace(
        "answer: LocalExecutor runs tasks",
        "answer: It is not SequentialExecutor any more. LocalExecutor runs tasks",
    )
    (tmp_path / "demo.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    assert [f for f in lint_catalog(catalog) if "misconception" in f.message] == []


def test_lint_errors_on_a_misconception_a_key_point_makes(tmp_path: Path) -> None:
    """A claim whose words a right answer uses ("keeps every row and adds the aggregate")
    would mark down the learner who says just that key point."""
    text = BANK.replace(
        "      - runs on the scheduler's machine\n",
        "      - runs on the scheduler's machine\n      - tasks run in parallel processes\n",
    ).replace("text: tasks run in threads", "text: tasks run in parallel threads and processes")
    (tmp_path / "demo.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    findings = [f for f in lint_catalog(catalog) if "key point" in f.message]
    assert [f.severity for f in findings] == ["error"]
    assert (
        "'tasks run in parallel threads and processes' is made by an answer that says "
        "the key point 'tasks run in parallel processes'"
    ) in findings[0].message


def test_lint_accepts_misconceptions_in_other_words_than_the_key_points(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(BANK, encoding="utf-8")
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    assert [f for f in lint_catalog(catalog) if "key point" in f.message] == []
