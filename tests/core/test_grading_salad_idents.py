"""A bare list of identifiers is a keyword salad, not an explanation."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question

TRIGGER_RULES = Question(
    id="trigger-rules",
    bank="test",
    prompt="What are trigger rules in Airflow?",
    answer=(
        "They decide when a task runs from its upstream states: all_success (the default) "
        "needs every upstream to succeed, all_done runs whatever the outcome, one_failed runs "
        "once one upstream failed."
    ),
    key_points=(
        KeyPoint("default is all_success: every upstream must succeed"),
        KeyPoint("all_done runs whatever the outcome"),
        KeyPoint("one_failed runs as soon as one upstream has failed"),
        KeyPoint("none_failed"),
    ),
)


def test_a_list_of_identifiers_is_a_keyword_salad() -> None:
    result = grade(TRIGGER_RULES, "all_success all_done one_failed none_failed")
    assert result.verdict == "incorrect"
    assert "keywords" in (result.reason or "")


def test_identifiers_in_a_sentence_are_not_a_salad() -> None:
    answer = "all_success needs every upstream to succeed and all_done runs whatever the outcome"
    result = grade(TRIGGER_RULES, answer)
    assert "keywords" not in (result.reason or "")
    assert result.verdict == "correct"


def test_a_full_stop_does_not_make_a_list_of_identifiers_a_sentence() -> None:
    result = grade(TRIGGER_RULES, "all_success all_done one_failed none_failed upstream.")
    assert result.verdict == "incorrect"
    assert "keywords" in (result.reason or "")
