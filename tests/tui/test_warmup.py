"""The warm-up: the heavy kept screens are built off screen while the home screen is read."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, TabbedContent

from quizapp.tui import warmup
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.progress import ProgressScreen
from quizapp.tui.screens.sandbox import SandboxScreen
from tests.tui.conftest import AppFactory, settle


async def warmed_up(pilot: Pilot[None]) -> None:
    """Settle, then wait for the warm-up (started by the store's thread) to have built both."""
    app = pilot.app
    await settle(pilot)
    for _ in range(500):
        warming = any(w.group == "warm-up" and not w.is_finished for w in app.workers)
        if not warming and all(name in app._kept_screens for name in warmup.WARM_MODES):
            break
        await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_heavy_screens_are_built_behind_home_and_shown_on_their_first_visit(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await warmed_up(pilot)
        progress, sandbox = app._kept_screens["stats"], app._kept_screens["sandbox"]
        assert isinstance(progress, ProgressScreen) and isinstance(sandbox, SandboxScreen)
        assert progress.is_running and sandbox.is_running  # mounted, never shown
        assert app.screen_stack == [app.screen] and isinstance(app.screen, HomeScreen)
        assert app.screen.focused is app.screen.query_one("#modes", OptionList)  # home keeps keys

        await pilot.press("s")
        await pilot.pause()
        assert app.screen is sandbox
        assert "r: run" in str(sandbox.query_one("#sandbox-status").render())

        await pilot.press("escape")
        warmed = progress.data
        await pilot.press("p")
        await settle(pilot)
        assert app.screen is progress
        assert progress.data is not None and progress.data is not warmed  # read anew
        assert not progress.query_one("#progress-tabs", TabbedContent).loading


async def test_a_key_pressed_during_the_warm_up_opens_its_screen_without_waiting(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warmup, "SETTLE_S", 0.5)  # the warm-up is caught between two steps
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            await pilot.pause()
            if "stats" in app._kept_screens:
                break
            await asyncio.sleep(0.01)
        warming = app._kept_screens["stats"]
        await pilot.press("p")
        await pilot.pause()  # far shorter than one step of the warm-up
        assert app.screen is warming
        await settle(pilot)
        assert app.screen is warming and warming.data is not None
        assert not warming.query_one("#progress-tabs", TabbedContent).loading
        assert "sandbox" not in app._kept_screens  # the warm-up stopped when home was left

        await pilot.press("escape")
        await warmed_up(pilot)  # back home: the warm-up goes on
        sandbox = app._kept_screens["sandbox"]
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is sandbox
