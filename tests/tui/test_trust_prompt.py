"""The app asks, showing the code, before a DAG from a bank the learner has not trusted runs."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from quizapp.core.predict import _run
from quizapp.core.trust import status
from quizapp.tui.screens.predict import PredictScreen
from quizapp.tui.screens.sandbox import SandboxScreen
from quizapp.tui.screens.trust import TrustPrompt
from quizapp.tui.widgets.predict_form import PredictForm
from tests.tui.conftest import TUI_TESTS, AppFactory, plain, settle


def shared_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    text = (TUI_TESTS / "predict_banks" / "predict.yaml").read_text()
    text = text.replace("bank: fixture-predict", "bank: shared-predict")
    text = text.replace("fx-predict-failure", "shared-predict-failure")
    (folder / "shared.yaml").write_text(text)
    return folder


async def open_predict(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SandboxScreen)
    await pilot.press("p")
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(pilot.app.screen, TrustPrompt):
            return


async def test_no_keeps_the_dag_from_running(make_app: AppFactory, tmp_path: Path) -> None:
    folder = shared_bank(tmp_path)
    _run.cache_clear()
    app = make_app(bank_paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await open_predict(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, TrustPrompt)
        shown = plain(prompt.query_one("#trust-text"))
        assert "shared-predict" in shown and "not trusted" in shown
        screenshot = pilot.app.export_screenshot()
        assert "ValueError" in screenshot and "extract" in screenshot  # the code is on screen
        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, PredictScreen)
        form = screen.query_one(PredictForm)
        assert form.tasks == [] and form.error is not None and "not trusted" in form.error
    assert status(folder / "shared.yaml") == "untrusted"


async def test_yes_trusts_the_bank_and_runs_it(make_app: AppFactory, tmp_path: Path) -> None:
    folder = shared_bank(tmp_path)
    _run.cache_clear()
    app = make_app(bank_paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await open_predict(pilot)
        assert isinstance(pilot.app.screen, TrustPrompt)
        await pilot.press("y")
        screen = pilot.app.screen
        assert isinstance(screen, PredictScreen)
        form = screen.query_one(PredictForm)
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if form.tasks:
                break
        assert form.tasks == ["extract", "load", "cleanup"] and form.error is None
    assert status(folder / "shared.yaml") == "trusted"
