"""A general answer that makes no key point is vague (partial); a specific one is wrong."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question
from quizapp.core.vagueness import names_something, vague

HUNDREDS = Question(
    id="dag-hundreds-of-tasks",
    bank="test",
    prompt="A DAG has grown to hundreds of tasks. How would you keep it manageable?",
    answer="Use dynamic task mapping, group tasks with TaskGroups, split it into smaller DAGs.",
    key_points=(
        KeyPoint("use dynamic task mapping"),
        KeyPoint("group related tasks with TaskGroups"),
        KeyPoint("split it into smaller DAGs"),
        KeyPoint("limit concurrency with pools and max_active_tasks"),
    ),
)


def test_a_general_answer_that_names_nothing_is_partial() -> None:
    answer = "I'd try to organise it better and keep it efficient, so the infrastructure copes."
    result = grade(HUNDREDS, answer)
    assert not any(p.hit for p in result.points)
    assert result.verdict == "partial"
    assert "vague" in (result.reason or "")


def test_an_answer_that_names_other_things_is_incorrect() -> None:
    answer = "I'd move it to Kafka, probably, and run every step as a KubernetesPodOperator."
    assert grade(HUNDREDS, answer).verdict == "incorrect"


def test_a_claim_that_they_are_all_the_same_is_not_vague() -> None:
    assert not vague("They're basically the same thing under different names.", "x")
    assert not vague("I'd have to look it up, something about offsets.", "x")


def test_names_something_leaves_out_what_the_prompt_names() -> None:
    prompt = "How does Airflow differ from cron?"
    assert not names_something("Airflow is more powerful and gives you more control.", prompt)
    assert names_something("Airflow uses max_active_runs=3 to cap runs.", prompt)
    assert names_something("You would put it on Spark instead.", prompt)


def test_a_long_general_answer_is_still_vague_not_off_the_mark() -> None:
    answer = (
        "It's about keeping things organised, basically. I'd make it better structured and "
        "more efficient, so that the whole thing is easier to follow and the infrastructure "
        "copes with it, and people on the team can find their way around it later on."
    )
    assert len(answer.split()) >= 28  # long enough for the off-the-mark check
    assert grade(HUNDREDS, answer).verdict == "partial"


def test_a_sweeping_claim_is_not_vague() -> None:
    assert not vague("Cron can only schedule to the hour, so Airflow is more precise.", "x")
