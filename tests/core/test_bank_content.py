"""The bundled banks as content: every seed question is there, and every model answer
passes its own key points (a key point the answer does not support fails here)."""

from __future__ import annotations

import re

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Catalog, Question
from quizapp.paths import bundled_banks_dir

SEED_SOURCES = (
    {f"seed Q{n}" for n in range(1, 11)}
    | {f"seed Q{n}" for n in range(12, 38)}
    | {"seed task", "seed setup"}
)


def _catalog() -> Catalog:
    return load_catalog([bundled_banks_dir()])


CATALOG = _catalog()
TEXT_QUESTIONS = [q for q in CATALOG.questions if q.kind == "text"]


def test_bundled_banks_load_without_errors() -> None:
    assert [str(e) for e in CATALOG.errors] == []


def test_every_seed_question_is_present_once() -> None:
    sources = [q.source for q in CATALOG.questions if q.source and q.source.startswith("seed")]
    assert sorted(sources) == sorted(SEED_SOURCES)


def test_seed_leftovers_never_reach_the_banks() -> None:
    leftover = re.compile(r"let me know if you want|\bsued to\b", re.IGNORECASE)
    assert [
        q.id for q in CATALOG.questions if leftover.search(q.prompt) or leftover.search(q.answer)
    ] == []


@pytest.mark.parametrize("question", TEXT_QUESTIONS, ids=lambda q: q.id)
def test_model_answer_is_correct_against_its_own_key_points(question: Question) -> None:
    result = grade(question, question.answer, TEXT_QUESTIONS)
    assert result.verdict == "correct", (
        f"{question.location}: missed {result.missed}; {result.reason}"
    )
