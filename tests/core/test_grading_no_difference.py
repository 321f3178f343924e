"""A comparison answered with "they're the same" denies the question's premise."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question
from quizapp.core.traps import no_difference

LAKE = Question(
    id="warehouse-vs-lake",
    bank="test",
    prompt="What is the difference between a data warehouse and a data lake?",
    answer="A warehouse holds structured, modelled data; a lake keeps raw data in any format.",
    key_points=(
        KeyPoint("warehouse holds structured, modelled data", weight=2),
        KeyPoint("lake keeps raw data in any format", weight=2),
        KeyPoint("schema-on-write versus schema-on-read"),
    ),
)


def test_saying_they_are_the_same_is_incorrect() -> None:
    answer = "There's no real difference: both hold structured data, the lake is just bigger."
    result = grade(LAKE, answer)
    assert result.verdict == "incorrect"
    assert "same" in (result.reason or "")


def test_not_the_same_is_no_such_claim() -> None:
    answer = (
        "They are not the same: the warehouse holds structured, modelled data, while the lake "
        "keeps raw data in any format, schema-on-read instead of schema-on-write."
    )
    assert grade(LAKE, answer).verdict == "correct"


def test_only_a_comparison_prompt_is_answered_so() -> None:
    assert no_difference("They're the same thing.", "What is a data lake?") is None
    assert no_difference("They're the same thing.", "Compare Parquet and Avro.") is not None
    assert no_difference("dagrun_timeout is the same idea for a run.", "How do they differ?") is None
