"""The home menu's "Predict the run" (r): predict questions due first, then new ones."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Markdown

from quizapp.core.clock import FakeClock
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, open_store
from quizapp.tui.context import Selection
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.predict import PredictScreen
from quizapp.tui.widgets.predict_form import PredictForm
from tests.tui.conftest import FIXTURE_BANKS, TUI_TESTS, AppFactory, plain, settle

PREDICT_BANKS = TUI_TESTS / "predict_banks"
QUESTION = "fx-predict-failure"


def answered(db_path: Path, clock: FakeClock, rating: Rating, days_ago: float) -> None:
    """The fixture's predict question, answered ``days_ago`` with ``rating``."""
    at = clock.now() - timedelta(days=days_ago)
    card = review(make_scheduler(), new_card(QUESTION, at), rating, at)
    store = open_store(db_path)
    store.record_review(
        ReviewRecord(QUESTION, "fixture-predict", "quiz", at, rating, True), card, None
    )
    store.close()


async def test_r_on_home_drills_a_new_predict_question_and_saves_it(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PredictScreen)
        assert [q.id for q in screen.session.questions] == [QUESTION]
        form = screen.query_one(PredictForm)
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if form.tasks:
                break
        await pilot.press("f", "u", "s", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.has_class("-graded")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # Just answered right: not due, so the drill has nothing to ask now.
        await pilot.press("r")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, PredictScreen) and again is not screen
        assert not again.session.questions
        prompt = again.query_one("#predict-prompt", Markdown).source
        assert prompt.startswith("Nothing to predict now: you have met all 1 predict questions")
    (stored,) = open_store(db_path).reviews_of(QUESTION)
    assert (stored.verdict, stored.mode) == ("correct", "quiz")


async def test_a_due_prediction_comes_back(
    make_app: AppFactory, db_path: Path, clock: FakeClock
) -> None:
    answered(db_path, clock, Rating.Again, days_ago=3)
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PredictScreen)
        assert [q.id for q in screen.session.questions] == [QUESTION]


async def test_the_home_selection_is_honoured(make_app: AppFactory) -> None:
    app = make_app(
        bank_paths=[FIXTURE_BANKS, PREDICT_BANKS],
        selection=Selection(banks=frozenset({"fixture-airflow"})),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PredictScreen)
        assert not screen.session.questions
        prompt = screen.query_one("#predict-prompt", Markdown).source
        assert prompt.startswith("There are no predict questions in this selection.")


async def test_the_home_help_lists_the_predict_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        lines = "\n".join(plain(static) for static in help_screen.query("Static")).splitlines()
        assert any(line.split() == ["r", "Predict", "the", "run"] for line in lines)
        assert "Flashcards and Predict the run bring back what is due first" in " ".join(lines)
