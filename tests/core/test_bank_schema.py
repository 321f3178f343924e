"""questions/schema.json agrees with the loader, so editors flag what `bank validate` flags."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizapp.core.bank import parse_bank
from quizapp.paths import bundled_banks_dir

SCHEMA = json.loads((bundled_banks_dir() / "schema.json").read_text(encoding="utf-8"))
BANK_FILES = sorted(bundled_banks_dir().glob("*.yaml"))


def schema_errors(data: object) -> list[str]:
    return [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(data)]


def test_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", BANK_FILES, ids=[p.name for p in BANK_FILES])
def test_every_bundled_bank_matches_the_schema_and_points_editors_at_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    assert schema_errors(yaml.safe_load(text)) == []


@pytest.mark.parametrize(
    "question",
    [
        {"id": "a", "prompt": "P", "answer": "A"},
        {"id": "a", "prompt": "P", "answer": "A", "key_points": []},
        {"id": "a", "prompt": "P", "answer": "A", "key_points": ["x"], "key_point": ["x"]},
        {"id": "a", "prompt": "P", "answer": "A", "key_points": ["x"], "difficulty": "expert"},
        {"id": "Bad Id", "prompt": "P", "answer": "A", "key_points": ["x"]},
        {"id": "a", "prompt": "P", "answer": "A", "kind": "predict"},
        {"id": "a", "prompt": "P", "answer": "A", "key_points": [{"text": "x", "weight": 0}]},
    ],
    ids=["no-points", "empty-points", "typo", "difficulty", "slug", "predict-no-dag", "weight"],
)
def test_schema_and_loader_both_reject(question: dict[str, object]) -> None:
    bank = {"bank": "demo", "title": "Demo", "questions": [question]}
    assert schema_errors(bank)
    _, issues = parse_bank(yaml.safe_dump(bank), "demo.yaml", frozenset())
    assert issues


def test_schema_and_loader_both_accept_a_full_question() -> None:
    question = {
        "id": "full",
        "prompt": "P",
        "answer": "A",
        "kind": "text",
        "difficulty": "hard",
        "key_points": ["x", {"text": "y", "aliases": ["why"], "weight": 2}],
        "tags": ["t"],
        "note": "n",
        "source": "seed Q1",
        "grading": "strict",
    }
    bank = {"bank": "demo", "title": "Demo", "description": "d", "questions": [question]}
    assert schema_errors(bank) == []
    loaded, issues = parse_bank(yaml.safe_dump(bank), "demo.yaml", frozenset())
    assert issues == [] and loaded is not None and loaded.questions[0].grading == "strict"
