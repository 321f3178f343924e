"""`quizapp quiz --id ...` in the app: the first quiz asks exactly those questions."""

from __future__ import annotations

from textual.widgets import Markdown

from quizapp.tui.context import LaunchOptions
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from tests.tui.conftest import AppFactory, settle


async def test_the_app_opens_a_quiz_on_exactly_the_ids_given(make_app: AppFactory) -> None:
    app = make_app(start="quiz", options=LaunchOptions(question_ids=("fx-xcom", "fx-dag")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert [q.id for q in screen.session.questions] == ["fx-xcom", "fx-dag"]
        xcom = app.catalog.get("fx-xcom")
        assert xcom is not None
        assert screen.query_one("#quiz-prompt", Markdown).source == xcom.prompt
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # A quiz started later from the home screen is the usual one, not the ids again.
        await pilot.press("q")
        await settle(pilot)
        later = app.screen
        assert isinstance(later, QuizScreen)
        assert [q.id for q in later.session.questions] != ["fx-xcom", "fx-dag"]
        assert len(later.session.questions) > 2
