"""Words drawn at random from a question's own key points, full stops or not, are no answer."""

from __future__ import annotations

import random

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.paths import bundled_banks_dir

TEXT_QUESTIONS = [q for q in load_catalog([bundled_banks_dir()]).questions if q.kind == "text"]


def salad(question: Question, seed: int, words: int = 120, sentence: int = 12) -> str:
    """``words`` words picked from the key points' phrasings, a full stop every ``sentence``."""
    rng = random.Random(f"{question.id}-{seed}")
    pool = [w for p in question.key_points for text in p.phrasings for w in text.split()]
    picked = [rng.choice(pool) for _ in range(words)]
    return " ".join(w + ("." if i % sentence == sentence - 1 else "") for i, w in enumerate(picked))


def test_there_are_text_questions_to_check() -> None:
    assert len(TEXT_QUESTIONS) >= 100


@pytest.mark.parametrize("question", TEXT_QUESTIONS, ids=[q.id for q in TEXT_QUESTIONS])
def test_a_salad_of_its_own_key_point_words_is_never_correct(question: Question) -> None:
    for seed in range(2):
        answer = salad(question, seed)
        result = grade(question, answer, TEXT_QUESTIONS)
        assert result.verdict != "correct", (answer, result.reason)


def test_the_key_points_recited_in_sentences_are_not_a_salad() -> None:
    question = next(q for q in TEXT_QUESTIONS if q.id == "dag-definition")
    answer = ". ".join(p.text for p in question.key_points for _ in range(2)) + "."
    answer = " ".join([answer] * 2)
    assert len(answer.split()) >= 40
    assert "strings the key points" not in (grade(question, answer).reason or "")
