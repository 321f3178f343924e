"""Every bundled free-text question's model answer passes its own key points."""

from __future__ import annotations

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.paths import bank_dirs

CATALOG = load_catalog(bank_dirs())
TEXT_QUESTIONS = [q for q in CATALOG.questions if q.kind == "text"]


def test_the_catalog_has_text_questions() -> None:
    assert TEXT_QUESTIONS


@pytest.mark.parametrize("question", TEXT_QUESTIONS, ids=lambda q: q.id)
def test_model_answer_is_correct_against_its_own_key_points(question: Question) -> None:
    result = grade(question, question.answer, TEXT_QUESTIONS)
    assert result.verdict == "correct", (result.reason, result.missed)
