"""Negations that contrast an alternative, and negations inside a key point's own phrasing."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question

BACKFILL = Question(
    id="backfill",
    bank="test",
    prompt="How do backfills work in Airflow 3, and how is that different from Airflow 2?",
    answer=(
        "The scheduler manages backfills; you create one from the UI, the REST API or the CLI "
        "command airflow backfill create. In Airflow 2 they ran inside a long-running CLI process."
    ),
    key_points=(
        KeyPoint("backfills are managed by the scheduler", weight=2),
        KeyPoint("UI, the REST API or the CLI"),
        KeyPoint("CLI command airflow backfill create", weight=2),
        KeyPoint("inside a long-running CLI process"),
    ),
)
XCOM_BACKENDS = Question(
    id="xcom-backends",
    bank="test",
    prompt="Where are XComs stored by default, and when would you configure an XCom backend?",
    answer=(
        "In the metadata database; pass references instead of data, or write large values to "
        "object storage."
    ),
    key_points=(
        KeyPoint("stored in the metadata database", weight=2),
        KeyPoint("pass references instead of data", aliases=("pass references, not data",)),
        KeyPoint("large values are written to object storage"),
    ),
)
TASK_GROUPS = Question(
    id="task-groups",
    bank="test",
    prompt="What are Task Groups and how do they differ from SubDAGs?",
    answer=(
        "Task groups organise tasks visually in the UI without affecting task execution. "
        "SubDAGs were separate DAGs with their own scheduling."
    ),
    key_points=(
        KeyPoint("organizes tasks visually in the UI", weight=2),
        KeyPoint(
            "without affecting task execution",
            aliases=("no scheduling or execution implications",),
            weight=2,
        ),
        KeyPoint("SubDAGs were separate DAGs with their own scheduling"),
    ),
)
XCOM = Question(
    id="xcom",
    bank="test",
    prompt="What are XComs in Airflow?",
    answer="XComs let tasks share small amounts of data with each other.",
    key_points=(KeyPoint("tasks share data with each other"), KeyPoint("small amounts of data")),
)


def test_a_contrast_does_not_negate_the_clause_after_a_colon() -> None:
    answer = (
        "In Airflow 3 the scheduler runs backfills, not a long-running CLI process: you create "
        "them from the UI, the REST API or airflow backfill create."
    )
    result = grade(BACKFILL, answer)
    assert not any(p.negated for p in result.points)
    assert result.points[2].hit
    assert result.verdict == "correct"


def test_in_a_comparison_the_contrasted_old_way_is_not_a_contradiction() -> None:
    result = grade(BACKFILL, "The scheduler manages backfills, not a long-running CLI process.")
    assert not result.points[3].negated
    assert result.verdict != "incorrect"


def test_a_contrast_still_negates_its_own_clause_outside_comparisons() -> None:
    result = grade(
        XCOM, "They hold small amounts of data, not data that tasks share with each other."
    )
    assert result.points[0].negated and not result.points[0].hit


def test_a_later_plain_mention_outweighs_a_negated_one() -> None:
    answer = "Tasks do not share files. Tasks share data with each other through XComs."
    assert grade(XCOM, answer).points[0].hit


def test_a_contrast_inside_a_key_point_is_not_required_of_the_answer() -> None:
    answer = (
        "By default they are stored in the metadata database. To pass bigger data, configure an "
        "object storage backend so large values go to S3 and only a reference stays in the "
        "database."
    )
    result = grade(XCOM_BACKENDS, answer)
    assert not any(p.negated for p in result.points)
    assert result.verdict != "incorrect"


def test_saying_the_contrasted_alternative_of_a_key_point_contradicts_it() -> None:
    result = grade(XCOM_BACKENDS, "Stored in the metadata database; pass data, not references.")
    assert result.points[1].negated and not result.points[1].hit


def test_a_negative_key_point_is_not_contradicted_by_an_answer_lacking_its_negation() -> None:
    answer = (
        "Task groups only group tasks visually in the UI. SubDAGs were separate DAGs run by a "
        "SubDagOperator, with their own scheduling."
    )
    result = grade(TASK_GROUPS, answer)
    assert not result.points[1].negated and not result.points[1].hit
    assert result.verdict != "incorrect"


def test_a_negative_key_point_is_contradicted_by_saying_what_it_denies() -> None:
    result = grade(TASK_GROUPS, "Task groups group tasks in the UI and they affect task execution.")
    assert result.points[1].negated
