"""No misconception of the bundled banks is made by an answer a judge or writer called
correct in the benchmark sets of answers written without the banks (fp7's 380 right
answers rich in side details and denials, fp8's 95 terse and paraphrased ones, blind's and
blind3's right answers, dev2's).

A claim that fires on a right answer marks a learner down for being right: that is how
the side-detail misconceptions were checked, and this keeps the banks so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.paths import bundled_banks_dir

ROOT = Path(__file__).resolve().parents[2]
SETS = [
    ROOT / "benchmarks" / "grading_fp7.jsonl",
    ROOT / "benchmarks" / "grading_fp8.jsonl",
    ROOT / "benchmarks" / "grading_blind.jsonl",
    ROOT / "benchmarks" / "grading_blind3.jsonl",
    ROOT.parent / "shared" / "grading" / "dev2.jsonl",
]


def right_answers() -> list[tuple[str, str, str]]:
    rows = []
    for path in SETS:
        if not path.is_file():
            continue  # dev2 lives beside the project, as CI provides it
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("label") == "correct" and "id" in row:
                rows.append((path.stem, row["id"], row["answer"]))
    return rows


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    catalog = load_catalog([bundled_banks_dir()])
    return {q.id: q for q in catalog.questions}


def test_the_sets_are_there() -> None:
    assert len(right_answers()) >= 600


def test_no_misconception_is_made_by_a_right_answer(questions: dict[str, Question]) -> None:
    made = []
    for name, qid, answer in right_answers():
        question = questions.get(qid)
        if question is None:
            continue  # a seed question the banks left out
        for hit in grade(question, answer).misconceptions:
            made.append(f"{name} {qid}: '{hit.misconception.text}' made by '{hit.matched_text}'")
    assert made == []
