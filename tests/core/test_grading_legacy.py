"""Airflow 2 habits presented as current are misconceptions of any question not about them."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question

RERUN = Question(
    "rerun",
    "test",
    "How do you rerun a failed task for one date?",
    "Clear the failed task instance with its downstream tasks.",
    (
        KeyPoint("clear the failed task instance"),
        KeyPoint("together with its downstream tasks"),
        KeyPoint("the scheduler runs them again in the same DAG run"),
    ),
)
LOGICAL_DATE = Question(
    "logical-date",
    "test",
    "What replaced execution_date in Airflow 3?",
    "logical_date.",
    (KeyPoint("logical_date"), KeyPoint("execution_date was removed")),
)


def test_an_airflow_2_command_as_current_practice_is_a_misconception() -> None:
    result = grade(RERUN, "Run `airflow dags backfill -s 2024-01-15 -e 2024-01-15 my_dag`.")
    (hit,) = result.misconceptions
    assert hit.matched_text == "airflow dags backfill"
    assert "airflow backfill create" in hit.misconception.correction
    assert result.verdict == "incorrect"


def test_a_right_answer_with_one_legacy_habit_is_capped_at_partial() -> None:
    answer = (
        "Clear the failed task instance together with its downstream tasks; the scheduler runs "
        "them again in the same DAG run. Read the date from execution_date."
    )
    result = grade(RERUN, answer)
    assert result.verdict == "partial"
    assert [m.matched_text for m in result.misconceptions] == ["execution_date"]


def test_history_is_not_a_claim() -> None:
    for said in (
        "In Airflow 2 you would run airflow dags backfill instead.",
        "airflow dags backfill was removed.",
        "Use the data interval (execution_date is gone).",
        "flask webserver -> api server",
        "The scheduler isn't reading an execution_date for it.",
        "You don't use airflow dags backfill for this.",
    ):
        assert grade(RERUN, said).misconceptions == (), said


def test_a_question_about_the_term_does_not_count_it() -> None:
    result = grade(LOGICAL_DATE, "logical_date; execution_date was removed.")
    assert result.misconceptions == () and result.verdict == "correct"


def test_the_one_search_for_legacy_terms_finds_what_the_terms_find() -> None:
    import re

    from quizapp.core import legacy

    assert legacy._first_letters(p for p, _, _ in legacy.LEGACY) is not None  # the shortcut
    assert legacy._first_letters([r"\bfoo|bar"]) is None
    assert legacy._first_letters([r"\b(?:x|y)z"]) is None
    assert legacy._first_letters([r"\b(?:next_|prev_)?run\b|\bSla"]) == "nprs"
    texts = (
        "use next_execution_date and a SubDAG",
        "Run `airflow db init` then AIRFLOW WEBSERVER",
        "days_ago(1) with sla = timedelta",
        "nothing legacy here: logical_date and TaskGroups",
        "xexecution_date is not a word start",
    )
    plain = re.compile("|".join(f"(?:{p})" for p, _, _ in legacy.LEGACY), re.IGNORECASE)
    for text in texts:
        assert bool(legacy._ANY.search(text)) == bool(plain.search(text))
