"""The bank loader: every error class gives the exact file:line message, and nothing runs."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quizapp.core.bank import load_bank_file, load_catalog, parse_bank
from quizapp.core.models import Catalog

SANDBOXES = frozenset({"retries", "branching"})

GOOD = """\
bank: demo
title: Demo bank
questions:
  - id: first
    prompt: What is first?
    answer: The first thing.
    key_points:
      - first thing
      - text: the very first
        aliases: [number one]
        weight: 2
    difficulty: easy
    tags: [basics]
    sandbox: retries
  - id: second
    prompt: What is second?
    answer: The second thing.
    key_points: [second thing]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(catalog: Catalog, folder: Path) -> list[str]:
    return [str(e).replace(f"{folder}/", "") for e in catalog.errors]


def load(folder: Path, *names: str) -> Catalog:
    return load_catalog([folder / n for n in names] or [folder], known_sandboxes=SANDBOXES)


def question(body: str, qid: str = "q1") -> str:
    """A one-question bank whose question has the given extra YAML lines."""
    lines = textwrap.indent(textwrap.dedent(body), "    ")
    return f"bank: demo\ntitle: Demo\nquestions:\n  - id: {qid}\n{lines}"


BASE = "prompt: P?\nanswer: A.\nkey_points: [a point]\n"


def test_a_good_bank_loads_into_frozen_questions(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", GOOD)
    catalog = load(tmp_path)
    assert catalog.errors == ()
    first = catalog.get("first")
    assert first is not None
    assert (first.bank, first.difficulty, first.tags, first.sandbox) == (
        "demo",
        "easy",
        ("basics",),
        "retries",
    )
    assert [p.text for p in first.key_points] == ["first thing", "the very first"]
    assert first.key_points[1].aliases == ("number one",)
    assert first.key_points[1].weight == 2.0
    assert first.line == 4
    second = catalog.get("second")
    assert second is not None and second.difficulty == "medium" and second.kind == "text"
    with pytest.raises(AttributeError):
        first.prompt = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "prompt: P?\nkey_points: [a]\n",
            "demo.yaml:4: question 'q1': missing required field 'answer'",
        ),
        (
            "prompt: P?\nanswer: 42\nkey_points: [a]\n",
            "demo.yaml:6: question 'q1': 'answer' must be text, got a number (42)",
        ),
        (
            BASE + "tags: dag\n",
            "demo.yaml:8: question 'q1': 'tags' must be a list of text, got text 'dag'",
        ),
        (
            "prompt: P?\nanswer: A.\nkey_point: [a]\n",
            "demo.yaml:7: question 'q1': unknown field 'key_point' in a question (did you mean "
            "'key_points'?); expected one of id, prompt, answer, key_points, kind, difficulty, tags, "
            "sandbox, note, source, grading, dag, ask, misconceptions, tables, reference, ordered, check_columns, starter, target, hint",
        ),
        (
            "prompt: P?\nanswer: A.\nkey_points: []\n",
            "demo.yaml:7: question 'q1': key_points must not be empty",
        ),
        (
            BASE + "difficulty: expert\n",
            "demo.yaml:8: question 'q1': difficulty must be one of easy, medium, hard; got text 'expert'",
        ),
        (
            BASE + "sandbox: retry\n",
            "demo.yaml:8: question 'q1': sandbox example 'retry' does not exist (known: branching, retries)",
        ),
        (
            BASE + "kind: quiz\n",
            "demo.yaml:8: question 'q1': kind must be one of text, predict, sql, debug; got text 'quiz'",
        ),
        (
            "prompt: P?\nanswer: A.\nkey_points:\n  - text: a\n    weight: -1\n",
            "demo.yaml:9: question 'q1': 'weight' must be a positive number, got a number (-1)",
        ),
        (
            "prompt: ''\nanswer: A.\nkey_points: [a]\n",
            "demo.yaml:5: question 'q1': 'prompt' must not be empty",
        ),
        (
            BASE + "kind: predict\n",
            "demo.yaml:4: question 'q1': a predict question needs 'dag': the DAG source to run",
        ),
    ],
    ids=[
        "missing",
        "wrong-type",
        "wrong-list",
        "unknown-key",
        "empty-points",
        "difficulty",
        "sandbox",
        "kind",
        "weight",
        "empty-prompt",
        "predict-without-dag",
    ],
)
def test_each_error_names_file_line_question_and_expectation(
    tmp_path: Path, body: str, expected: str
) -> None:
    write(tmp_path, "demo.yaml", question(body))
    catalog = load(tmp_path)
    assert expected in messages(catalog, tmp_path)
    assert catalog.get("q1") is None


def test_a_typo_in_key_points_reports_the_typo_and_the_missing_field(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", question("prompt: P?\nanswer: A.\nkey_point: [a]\n"))
    assert messages(load(tmp_path), tmp_path) == [
        "demo.yaml:4: question 'q1': missing required field 'key_points'",
        "demo.yaml:7: question 'q1': unknown field 'key_point' in a question (did you mean "
        "'key_points'?); expected one of id, prompt, answer, key_points, kind, difficulty, tags, "
        "sandbox, note, source, grading, dag, ask, misconceptions, tables, reference, ordered, check_columns, starter, target, hint",
    ]


def test_yaml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    write(
        tmp_path,
        "demo.yaml",
        "bank: demo\ntitle: D\nquestions:\n  - id: a\n    prompt: [unclosed\n",
    )
    assert messages(load(tmp_path), tmp_path) == [
        "demo.yaml:6: YAML syntax error: did not find expected ',' or ']' (column 1)"
    ]


def test_several_errors_in_one_file_are_all_reported_and_good_questions_kept(
    tmp_path: Path,
) -> None:
    text = GOOD + (
        "  - id: broken-a\n    prompt: P\n    key_points: [x]\n"
        "  - id: broken-b\n    prompt: P\n    answer: A\n    key_points: [x]\n    difficulty: 3\n"
    )
    write(tmp_path, "demo.yaml", text)
    catalog = load(tmp_path)
    assert messages(catalog, tmp_path) == [
        "demo.yaml:19: question 'broken-a': missing required field 'answer'",
        "demo.yaml:26: question 'broken-b': difficulty must be one of easy, medium, hard; got a number (3)",
    ]
    assert [q.id for q in catalog.questions] == ["first", "second"]


def test_duplicate_id_in_one_bank_names_both_places(tmp_path: Path) -> None:
    write(
        tmp_path,
        "demo.yaml",
        GOOD + "  - id: first\n    prompt: P\n    answer: A\n    key_points: [x]\n",
    )
    assert messages(load(tmp_path), tmp_path) == [
        "demo.yaml:19: question 'first': duplicate id, first defined at demo.yaml:4"
    ]


def test_duplicate_id_across_banks_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", question(BASE, qid="second").replace("bank: demo", "bank: other"))
    catalog = load(tmp_path)
    assert messages(catalog, tmp_path) == [
        "b.yaml:4: question 'second': duplicate id, first defined at a.yaml:15"
    ]
    assert [b.id for b in catalog.banks] == ["demo", "other"]


def test_python_tag_is_rejected_without_running_anything(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    body = (
        f"prompt: !!python/object/apply:os.system ['touch {marker}']\nanswer: A.\nkey_points: [a]\n"
    )
    write(tmp_path, "demo.yaml", question(body))
    catalog = load(tmp_path)
    assert messages(catalog, tmp_path) == [
        "demo.yaml:5: question 'q1': YAML tag '!!python/object/apply:os.system' is not allowed: "
        "banks hold plain data and never construct objects"
    ]
    assert not marker.exists()


def test_custom_local_tag_is_rejected(tmp_path: Path) -> None:
    write(tmp_path, "demo.yaml", question("prompt: !secret P\nanswer: A.\nkey_points: [a]\n"))
    assert "YAML tag '!secret' is not allowed" in messages(load(tmp_path), tmp_path)[0]


def test_alias_bomb_is_refused_not_expanded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    write(tmp_path, "demo.yaml", "\n".join(lines) + "\nbank: demo\ntitle: D\nquestions: [*a8]\n")
    catalog = load(tmp_path)
    assert catalog.banks == () or catalog.questions == ()
    assert catalog.errors


def test_a_broken_bank_never_stops_the_others(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "bank: [oops\n")
    write(tmp_path, "b.yaml", GOOD)
    catalog = load(tmp_path)
    assert [b.id for b in catalog.banks] == ["demo"]
    assert len(catalog) == 2
    assert messages(catalog, tmp_path)[0].startswith("a.yaml:2: YAML syntax error")


def test_top_level_problems(tmp_path: Path) -> None:
    write(tmp_path, "empty.yaml", "")
    write(tmp_path, "list.yaml", "- a\n- b\n")
    write(tmp_path, "noq.yaml", "bank: noq\ntitle: No questions\nquestion: []\n")
    assert messages(load(tmp_path), tmp_path) == [
        "empty.yaml:1: the file is empty; expected a bank with 'bank', 'title' and 'questions'",
        "list.yaml:1: the bank must be a mapping of field: value, got a list",
        "noq.yaml:1: missing required field 'questions'",
        "noq.yaml:3: unknown field 'question' in the bank (did you mean 'questions'?); "
        "expected one of bank, title, description, questions",
    ]


def test_duplicate_bank_id_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", "bank: demo\ntitle: Again\nquestions: []\n")
    assert messages(load(tmp_path), tmp_path) == [
        "b.yaml:1: bank id 'demo' is already used by a.yaml"
    ]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    catalog = load_catalog([tmp_path / "nowhere"], known_sandboxes=SANDBOXES)
    assert [e.message for e in catalog.errors] == ["no such file or folder"]


def test_predict_question_needs_no_key_points(tmp_path: Path) -> None:
    body = "kind: predict\nprompt: P?\nanswer: A.\nask: try_number\ndag: |\n  print('hi')\n"
    bank, issues = parse_bank(question(body), "demo.yaml", SANDBOXES)
    assert issues == []
    assert bank is not None
    (q,) = bank.questions
    assert (q.kind, q.ask, q.key_points, q.dag) == ("predict", "try_number", (), "print('hi')")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00bank")
    bank, issues = load_bank_file(path, SANDBOXES)
    assert bank is None
    assert issues[0].message.startswith("cannot read the file")
