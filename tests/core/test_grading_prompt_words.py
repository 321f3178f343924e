"""A key point made of the prompt's own words can be earned when those words carry the answer."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question

API_SERVER = Question(
    "api-server",
    "test",
    "What replaced the webserver in Airflow 3, and what does the API server serve?",
    "`airflow api-server` replaced it; it serves the React UI and the REST API.",
    (
        KeyPoint("API server, started with airflow api-server", aliases=("airflow api-server",)),
        KeyPoint("serves the React UI"),
        KeyPoint("the stable REST API"),
    ),
)


def test_the_prompts_words_said_as_the_point_says_them_are_a_hit() -> None:
    result = grade(API_SERVER, "It was replaced by airflow api-server.")
    assert result.matched == ["API server, started with airflow api-server"]
    assert result.verdict == "partial"
    assert "restates the question" not in (result.reason or "")


def test_saying_the_prompt_back_is_still_an_echo() -> None:
    result = grade(API_SERVER, "The API server replaced the webserver in Airflow 3.")
    assert result.verdict == "incorrect" and result.matched == []


def test_the_words_in_another_order_are_no_hit() -> None:
    result = grade(API_SERVER, "The server of the API of Airflow.")
    assert result.matched == []
