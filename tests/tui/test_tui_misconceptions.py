"""A misconception shows as such on the quiz screen: the wrong claim, its correction, struck out."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from quizapp.core.grading import grade
from quizapp.core.models import Grade, KeyPoint, Misconception, MisconceptionHit, PointResult
from quizapp.core.report import MockItem
from quizapp.tui.messages import StartMode
from quizapp.tui.screens.mock_report import item_markdown
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.widgets.verdict import (
    WRONG_CLAIM_STYLE,
    highlighted_answer,
    misconception_line,
    reason_text,
)
from tests.tui.conftest import AppFactory, plain, settle

BANK = """\
bank: fixture-misconceptions
title: Misconceptions
questions:
  - id: fm-executor
    prompt: Which executor does Airflow 3 use by default?
    answer: LocalExecutor, which runs tasks as parallel processes on one machine.
    key_points:
      - LocalExecutor is the default
      - parallel processes on one machine
      - no separate workers needed
    misconceptions:
      - text: SequentialExecutor is the default
        correction: SequentialExecutor was removed in Airflow 3; LocalExecutor is the default.
        core: true
"""
WRONG = "The SequentialExecutor is the default, it runs one task at a time."


def _banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "fixture-misconceptions.yaml").write_text(BANK, encoding="utf-8")
    return folder


async def test_the_quiz_verdict_names_the_wrong_claim_and_what_is_true(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(bank_paths=[_banks(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.post_message(StartMode("quiz", {"question_ids": ("fm-executor",)}))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        screen.query_one("#answer-input", TextArea).text = WRONG
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert plain(screen.query_one("#verdict-line", Static)).startswith("✗ Not yet")
        details = plain(screen.query_one("#verdict-points", Static))
        assert "✗ Wrong: SequentialExecutor is the default" in details
        assert "In fact: SequentialExecutor was removed in Airflow 3" in details
        assert "is wrong" not in plain(screen.query_one("#verdict-reason", Static))


def test_the_wrong_claim_is_struck_in_the_answer(tmp_path: Path) -> None:
    from quizapp.core.bank import load_catalog

    question = load_catalog([_banks(tmp_path)]).get("fm-executor")
    assert question is not None
    result = grade(question, WRONG)
    (hit,) = result.misconceptions
    content = highlighted_answer(WRONG, result)
    struck = [WRONG[s.start : s.end] for s in content.spans if s.style == WRONG_CLAIM_STYLE]
    assert struck == [hit.matched_text] and "SequentialExecutor" in struck[0]
    assert "is wrong" not in reason_text(result)
    assert "is wrong: SequentialExecutor was removed" in (result.reason or "")


def test_misconception_line_without_a_span() -> None:
    hit = MisconceptionHit(Misconception("retries default to 3", "They default to 0."))
    assert (
        misconception_line(hit).plain
        == "✗ Wrong: retries default to 3\n  In fact: They default to 0."
    )


def test_the_mock_report_screen_lists_wrong_claims() -> None:
    item = MockItem(
        0,
        "q",
        "b",
        "easy",
        "P?",
        "A.",
        "my answer",
        False,
        "incorrect",
        0.1,
        5.0,
        60.0,
        misconceptions=(("retries default to 3", "They default to 0."),),
    )
    text = item_markdown(item)
    assert "*Wrong claims:*" in text and "- ✗ retries default to 3: They default to 0." in text


def test_the_reason_drops_the_hit_count_wherever_a_rule_put_it() -> None:
    """The verdict line shows the count; the reason keeps only what the rules added."""
    points = (
        PointResult(KeyPoint("a"), True, 100.0),
        PointResult(KeyPoint("b"), False, 0.0),
    )

    def reason(text: str) -> str:
        return reason_text(Grade("q", 0.5, "partial", points, text))

    assert reason("1 of 2 key points matched") == ""
    assert reason("1 of 2 key points matched, said the opposite of: b") == (
        "said the opposite of: b"
    )
    assert reason("it leaves out part of the question (b); 1 of 2 key points matched") == (
        "it leaves out part of the question (b)"
    )
    assert reason("it leaves out part (b); 1 of 2 key points matched, said the opposite of: c") == (
        "it leaves out part (b); said the opposite of: c"
    )
