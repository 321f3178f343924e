"""The app shell: home screen, bank errors, help, themes, coming-soon modes."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import OptionList, Static

from quizapp.tui.modes import MODES
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from tests.tui.conftest import AppFactory, plain


async def test_home_lists_every_mode_and_the_broken_bank(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#modes", OptionList)
        assert [menu.get_option_at_index(i).id for i in range(menu.option_count)] == [
            m.name for m in MODES
        ]
        errors = plain(app.screen.query_one("#bank-errors Static", Static))
        assert "tests/tui/banks/broken.yaml:15: question 'fx-bad'" in errors
        assert "key_points must not be empty" in errors


async def test_help_lists_the_home_keys_and_closes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(plain(s) for s in app.screen.query(Static))
        for mode in MODES:
            assert mode.title in text
        assert "Command palette" in text and "Quit" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_unbuilt_mode_says_coming_soon(make_app: AppFactory) -> None:
    unbuilt = next(m for m in MODES if not m.available)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(unbuilt.key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("coming soon" in str(n.message) for n in app._notifications)


async def test_theme_is_remembered_across_runs(make_app: AppFactory, settings_file: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert json.loads(settings_file.read_text())["theme"] == "nord"
    again = make_app()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_unknown_remembered_theme_falls_back(
    make_app: AppFactory, settings_file: Path
) -> None:
    settings_file.write_text('{"theme": "no-such-theme"}')
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-dark"
