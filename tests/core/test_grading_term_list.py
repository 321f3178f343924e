"""A list of bare terms, alone or with a sentence that says the question back, is no answer."""

from __future__ import annotations

import pytest

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question
from quizapp.core.traps import term_list

SENSORS = Question(
    id="sensors",
    bank="test",
    prompt="What are sensors in Airflow?",
    answer="Operators that wait for a condition, checking every poke_interval until timeout.",
    key_points=(
        KeyPoint("operator that waits for a condition to be true", weight=2),
        KeyPoint("checks every poke_interval until timeout"),
        KeyPoint("poke mode holds the worker slot"),
        KeyPoint("reschedule mode gives the slot back between checks"),
        KeyPoint("deferrable sensors wait in the triggerer"),
    ),
)
SKIPS = Question(
    id="skips",
    bank="test",
    prompt="How do skipped tasks propagate downstream, and what does none_failed do?",
    answer="With all_success a skip cascades; none_failed runs as long as nothing upstream failed.",
    key_points=(
        KeyPoint("a skip cascades to the downstream tasks", weight=2),
        KeyPoint("none_failed runs when no upstream task failed"),
        KeyPoint("upstream_failed"),
    ),
)


def test_a_bare_list_of_terms_is_incorrect() -> None:
    answer = "poke, reschedule, poke_interval, timeout, soft_fail, deferrable, triggerer."
    result = grade(SENSORS, answer)
    assert result.verdict == "incorrect"
    assert "keywords" in (result.reason or "")


def test_a_list_with_a_sentence_that_says_the_question_back_is_incorrect() -> None:
    answer = (
        "Skipped, upstream_failed, none_failed, all_success, branching: skipped tasks "
        "propagate downstream depending on those rules."
    )
    assert term_list(answer, SKIPS.prompt) is not None
    assert grade(SKIPS, answer).verdict == "incorrect"


def test_a_list_followed_by_an_explanation_is_graded_on_its_points() -> None:
    answer = (
        "poke, reschedule, timeout, deferrable, triggerer: a sensor is an operator that "
        "waits for a condition to be true and checks every poke_interval until its timeout."
    )
    assert term_list(answer, SENSORS.prompt) is None


@pytest.mark.parametrize(
    "prompt",
    [
        "What are the core components of Airflow architecture?",
        "Which executor types does Airflow ship with?",
        "Name the trigger rules you use most.",
    ],
)
def test_a_list_is_an_answer_when_the_prompt_asks_for_one(prompt: str) -> None:
    answer = "Scheduler, API server, DAG processor, triggerer, workers, metadata database."
    assert term_list(answer, prompt) is None


@pytest.mark.parametrize(
    "answer",
    [
        "Executors: Local, Celery, Kubernetes, Sequential.",  # a heading and four terms
        "Scheduler, webserver/UI, metadata DB, executor plus workers, DAG files and XCom.",
    ],
)
def test_short_or_joined_enumerations_are_not_term_lists(answer: str) -> None:
    assert term_list(answer, "Explain the concept of Executors in Airflow.") is None


def test_hyphenated_compounds_are_one_term_of_a_list() -> None:
    listed = "lake, S3, Parquet, schema-on-read, swamp, Iceberg, Delta, raw."
    assert term_list(listed, "What is a data lake?") is not None
    said = "A lake keeps raw files on S3 and applies the schema on read."
    assert term_list(said, "What is a data lake?") is None
