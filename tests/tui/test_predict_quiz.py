"""A predict question inside the ordinary quiz: DAG source, one prediction per task, verdict."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from quizapp.store import open_store
from quizapp.tui.messages import StartMode
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.widgets.predict_form import PredictForm
from tests.tui.conftest import FIXTURE_BANKS, TUI_TESTS, AppFactory, plain, settle

PREDICT_BANKS = TUI_TESTS / "predict_banks"


async def test_a_predict_question_in_a_quiz_is_graded_and_stored(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(StartMode("quiz", {"question_ids": ("fx-predict-failure", "fx-dag")}))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        form = screen.query_one(PredictForm)
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if form.tasks:
                break
        assert not screen.query_one("#answer-input", TextArea).display
        assert form.tasks == ["extract", "load", "cleanup"]
        await pilot.press("f", "u", "s", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = plain(screen.query_one("#verdict-line", Static))
        assert verdict.startswith("✓ Correct  100%  ·  3 of 3 key points")
        points = plain(screen.query_one("#verdict-points", Static))
        assert "✓ load: upstream_failed" in points
        await pilot.press("enter")
        await pilot.pause()
        # The next (text) question gets the free-text box back.
        assert not screen.query(PredictForm)
        assert screen.query_one("#answer-input", TextArea).display
    (review,) = open_store(db_path).reviews_of("fx-predict-failure")
    assert (review.verdict, review.mode, review.correct) == ("correct", "quiz", True)
