"""`quizapp quiz --bank ... --difficulty ...` opens the app with that selection to drill."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from conftest import AppFactory, settle

from quizapp.cli import main
from quizapp.tui.context import Selection
from quizapp.tui.screens.quiz import QuizScreen


@pytest.mark.parametrize("command", ["flash", "quiz", "mock"])
def test_command_line_filters_reach_the_app(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: dict[str, Any] = {}
    monkeypatch.setattr("quizapp.tui.app.run_app", lambda **kw: launched.update(kw))
    args = [command, "--bank", "airflow-basics", "--tag", "xcom", "--difficulty", "easy"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert launched["start"] == command
    assert (tuple(launched["banks"]), tuple(launched["tags"]), tuple(launched["difficulties"])) == (
        ("airflow-basics",),
        ("xcom",),
        ("easy",),
    )


async def test_a_preselected_bank_is_what_the_quiz_asks(make_app: AppFactory) -> None:
    app = make_app(selection=Selection(banks=frozenset({"fixture-broken"})))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert {q.bank for q in screen.session.questions} == {"fixture-broken"}
