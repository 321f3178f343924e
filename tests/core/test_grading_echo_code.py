"""Code the prompt only names in words is an answer, not an echo of the prompt."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question

DEPLOY = Question(
    id="deploy",
    bank="test",
    prompt="How do you deploy an Astro project, and what is a DAG-only deploy?",
    answer="astro deploy builds the image; astro deploy --dags uploads only the dags folder.",
    key_points=(
        KeyPoint("astro deploy builds the project image"),
        KeyPoint("astro deploy --dags uploads only the dags folder"),
        KeyPoint("without rebuilding the image"),
    ),
)


def test_a_command_that_hits_a_key_point_is_not_an_echo() -> None:
    result = grade(DEPLOY, "astro deploy, or astro deploy --dags")
    assert "restates" not in (result.reason or "")
    assert result.points[1].hit
    assert result.verdict == "partial"


def test_the_prompts_words_without_the_command_are_still_an_echo() -> None:
    result = grade(DEPLOY, "You deploy an Astro project; a DAG-only deploy deploys the DAGs.")
    assert result.verdict == "incorrect"
    assert "restates" in (result.reason or "")
