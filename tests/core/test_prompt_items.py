"""Two ways an answer that makes enough points is still partial: it takes too few of the
items the prompt lists (the reason names them), or it gives another number for a
point's (one wrong detail beside a right core)."""

from __future__ import annotations

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.core.prompt_items import left_out, listed, named
from quizapp.paths import bundled_banks_dir


@pytest.fixture(scope="module")
def by_id() -> dict[str, Question]:
    return {q.id: q for q in load_catalog([bundled_banks_dir()]).questions}


TIMEOUTS = (
    "Compare `execution_timeout`, a sensor's `timeout`, `dagrun_timeout` and a deferral's "
    "`timeout`. What state does each produce?"
)


def test_code_spans_and_number_lists_are_items() -> None:
    assert listed(TIMEOUTS) == ("execution_timeout", "timeout", "dagrun_timeout")
    assert listed("Explain slowly changing dimension types 0, 1, 2 and 3.") == ("0", "1", "2", "3")
    assert listed("Why do retries, clears and backfills depend on it?") == ()
    assert listed("What do `ref()` and `source()` do?") == ()  # two items: a comparison


def test_an_item_is_named_in_its_usual_spellings() -> None:
    assert named("@task.virtualenv", "use the virtualenv decorator")
    assert named("expand_kwargs()", "expand_kwargs takes a list of dicts")
    assert named("max_active_tasks", "max active tasks is per run")
    assert not named("max_active_tasks", "it caps tasks")
    assert not named("1", "type 12 is not a thing")


def test_three_of_four_is_enough_two_is_not() -> None:
    scd = "Explain slowly changing dimension types 0, 1, 2 and 3."
    assert left_out(scd, "Type 0 keeps, type 1 overwrites, type 2 adds a row.") == ()
    assert left_out(scd, "Type 1 overwrites; type 2 adds a row per change.") == ("0", "3")


def test_half_the_listed_types_is_partial_and_says_what_is_missing(
    by_id: dict[str, Question],
) -> None:
    question = by_id["scd-types"]
    half = (
        "Type 1 you just overwrite the old value, so no history. Type 2 you insert a new row "
        "for each change with valid_from/valid_to dates and a current flag, so you keep the "
        "full history and old facts still point to the old version."
    )
    result = grade(question, half)
    assert result.verdict == "partial"
    assert "leaves out items the question lists (0, 3)" in result.reason
    whole = half + " Type 0 keeps the original value; type 3 adds a column for the previous one."
    assert grade(question, whole).verdict == "correct"


def test_a_wrong_value_beside_a_right_answer_keeps_it_from_correct(
    by_id: dict[str, Question],
) -> None:
    from quizapp.core.contradictions import says_other_number

    assert says_other_number("retries defaults to 0", "it defaults to 1 unless you set it")
    assert not says_other_number("retries defaults to 0", "it defaults to 0, so set it")
    assert not says_other_number("retries defaults to 0", "set it in default_args")
    assert not says_other_number("the KubernetesPodOperator is an operator", "a PythonOperator")
    question = by_id["retries-configure"]
    answer = (
        "retries sets the extra attempts after the first try and defaults to {} ([core] "
        "default_task_retries). retry_delay is the wait between tries, 5 minutes by default; "
        "retry_exponential_backoff=True grows it up to max_retry_delay. Set them per task or "
        "in default_args. Between tries the instance is up_for_retry, then failed."
    )
    assert grade(question, answer.format(0)).verdict == "correct"
    wrong = grade(question, answer.format(1))
    assert wrong.verdict == "partial"
    assert "another number than 'retries defaults to 0" in wrong.reason
