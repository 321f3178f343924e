"""Issue 13: the predict explanation draws retried tries as the timeline does (both halves)."""

from __future__ import annotations

from quizapp.core.bank import load_catalog
from quizapp.core.predict import retried_tries
from quizapp.paths import bank_dirs


def test_a_retried_task_shows_failed_then_up_for_retry_with_the_retry_time() -> None:
    question = load_catalog(bank_dirs()).get("predict-retries-third-try")
    assert question is not None
    assert retried_tries(question) == {
        "call_api": "try 1 failed -> up_for_retry, retry at +00:05:00; "
        "try 2 failed -> up_for_retry, retry at +00:10:00; try 3 success"
    }


def test_the_last_failed_try_has_no_retry() -> None:
    question = load_catalog(bank_dirs()).get("predict-retries-exhausted")
    assert question is not None
    assert retried_tries(question)["export"] == (
        "try 1 failed -> up_for_retry, retry at +00:00:30; "
        "try 2 failed -> up_for_retry, retry at +00:01:00; try 3 failed"
    )
