"""The app's Header shows the title as Textual's does and survives a title change that
reaches it while its title widget is missing (a screen replaced while it mounts)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from quizapp.tui.widgets.header import StableHeader


class Titled(App[None]):
    TITLE = "quizapp"

    def __init__(self, header: type[Header]) -> None:
        super().__init__()
        self.header = header

    def compose(self) -> ComposeResult:
        yield self.header()


def shown(app: App[None]) -> str:
    return str(app.screen.query_one(HeaderTitle).render())


@pytest.mark.parametrize("header", [Header, StableHeader])
async def test_the_title_follows_the_app_and_the_screen(header: type[Header]) -> None:
    app = Titled(header)
    async with app.run_test() as pilot:
        assert "quizapp" in shown(app)
        app.sub_title = "Quiz"
        app.screen.title = "Mock interview 3"
        await pilot.pause()
        assert "Mock interview 3" in shown(app) and "Quiz" in shown(app)


async def test_a_title_change_while_the_title_widget_is_gone_is_not_a_crash() -> None:
    app = Titled(StableHeader)
    async with app.run_test() as pilot:
        await app.screen.query_one(HeaderTitle).remove()
        app.title = "Mock interview"  # Textual's Header raises NoMatches here
        await pilot.pause()
        with pytest.raises(NoMatches):
            app.screen.query_one(HeaderTitle)
    assert app.return_code in (None, 0)


async def test_textual_header_is_what_needed_it() -> None:
    """Textual's own Header crashes on the same change: if it ever stops, StableHeader can go."""
    app = Titled(Header)
    with pytest.raises(NoMatches):
        async with app.run_test() as pilot:
            await app.screen.query_one(HeaderTitle).remove()
            app.title = "Mock interview"
            await pilot.pause()
