"""Predict the run: a prediction is checked against the sandbox, stored and scheduled."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from quizapp.core.trust import trust
from quizapp.store import open_store
from quizapp.tui.screens.predict import PredictScreen
from quizapp.tui.screens.sandbox import SandboxScreen
from quizapp.tui.widgets.predict_form import PredictForm, PredictionTable
from tests.tui.conftest import FIXTURE_BANKS, TUI_TESTS, AppFactory, plain, settle

PREDICT_BANKS = TUI_TESTS / "predict_banks"


async def open_predict(pilot: Pilot[None]) -> PredictScreen:
    """Home -> sandbox (s) -> predict the run (p), with the task list loaded."""
    await settle(pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SandboxScreen)
    await pilot.press("p")
    screen = pilot.app.screen
    assert isinstance(screen, PredictScreen)
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if screen.query(PredictForm) and screen.query_one(PredictForm).tasks:
            break
    return screen


async def test_a_wrong_prediction_is_graded_task_by_task_and_stored(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_predict(pilot)
        form = screen.query_one(PredictForm)
        assert form.tasks == ["extract", "load", "cleanup"]
        await pilot.press("ctrl+s")
        assert any("Predict every task" in str(n.message) for n in app._notifications)
        await pilot.press("f", "f")  # extract failed, load failed (wrong: upstream_failed)
        await pilot.press("space", "space")  # cleanup: success -> failed (wrong)
        assert form.prediction == {"extract": "failed", "load": "failed", "cleanup": "failed"}
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.has_class("-graded")
        verdict = plain(screen.query_one("#predict-result-verdict", Static))
        assert verdict.startswith("✗ Not yet  33%")
        tasks = plain(screen.query_one("#predict-result-tasks", Static)).splitlines()
        assert tasks[0].startswith("✓ extract") and "run ✗ failed" in tasks[0]
        assert tasks[1].startswith("✗ load") and "run ⤓ upstream_failed" in tasks[1]
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        sandbox = app.screen
        assert isinstance(sandbox, SandboxScreen)
        assert sandbox.result is not None
        assert sandbox.result.tasks["load"].state == "upstream_failed"
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("enter")
        assert "1 of 1 runs" not in plain(screen.query_one("#predict-status", Static))
    store = open_store(db_path)
    (review,) = store.reviews_of("fx-predict-failure")
    assert review.verdict == "incorrect" and review.mode == "quiz"
    assert review.answer == "extract: failed\nload: failed\ncleanup: failed"
    assert store.card("fx-predict-failure") is not None


async def test_a_right_prediction_is_correct(make_app: AppFactory) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_predict(pilot)
        table = screen.query_one(PredictionTable)
        assert table.has_focus
        await pilot.press("f", "u", "s", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert plain(screen.query_one("#predict-result-verdict", Static)).startswith(
            "✓ Correct  100%"
        )


async def test_keys_typed_just_before_ctrl_s_count_in_the_prediction(
    make_app: AppFactory,
) -> None:
    """Keys that reach the app in one burst with ctrl+s (a priority binding) are all in."""
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_predict(pilot)
        for key in ("f", "u", "s", "ctrl+s"):  # queued as the terminal driver posts them
            app.post_message(events.Key(key, key if len(key) == 1 else "\x13"))
        for _ in range(50):
            await settle(pilot)
            if screen.has_class("-graded"):
                break
        assert plain(screen.query_one("#predict-result-verdict", Static)).startswith(
            "✓ Correct  100%"
        )


def test_snapshot_predict_question(snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await open_predict(pilot)
        await pilot.press("f", "u")

    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_snapshot_predict_result(snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await open_predict(pilot)
        await pilot.press("f", "f", "s", "ctrl+s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_broken_predict_dag_says_why(make_app: AppFactory, tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    text = (PREDICT_BANKS / "predict.yaml").read_text()
    text = text.replace("bank: fixture-predict", "bank: broken-predict")
    text = text.replace("fx-predict-failure", "fx-predict-broken")
    text = text.replace('raise ValueError("bad input")', "raise ValueError((")
    (folder / "broken.yaml").write_text(text)
    trust(folder / "broken.yaml")
    app = make_app(bank_paths=[folder])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_predict(pilot)
        form = screen.query_one(PredictForm)
        assert form.error is not None and "syntax error" in form.error
        assert "syntax error" in plain(form.query_one("#predict-keys", Static))
        await pilot.press("ctrl+s")
        assert any("syntax error" in str(n.message) for n in app._notifications)


async def test_watch_the_run_shows_the_predicted_dag(make_app: AppFactory) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_predict(pilot)
        question = screen.session.current
        assert question is not None and question.dag
        await pilot.press("f", "u", "s", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        sandbox = app.screen
        assert isinstance(sandbox, SandboxScreen)
        assert sandbox.path is not None and sandbox.path.name == f"{question.id}.py"
        shown = sandbox.query_one("#sandbox-code", Static).content
        assert getattr(shown, "code", None) == question.dag
        assert plain(sandbox.query_one("#sandbox-status", Static)).startswith("fx_failure")


def test_the_result_draws_each_retried_try_with_both_halves() -> None:
    from quizapp.core.bank import load_catalog
    from quizapp.paths import bank_dirs
    from quizapp.tui.screens.predict import prediction_lines

    question = load_catalog(bank_dirs()).get("predict-retries-third-try")
    assert question is not None
    drawn = prediction_lines(question, "get_token: 1\ncall_api: 3\nstore: 1").plain
    assert "try 1 failed -> up_for_retry, retry at +00:05:00" in drawn
    assert "try 3 success" in drawn


async def test_ctrl_q_with_a_prediction_made_asks_first(make_app: AppFactory) -> None:
    from quizapp.tui.screens.confirm_quit import ConfirmQuit

    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_predict(pilot)
        await pilot.press("f")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        assert "prediction" in plain(app.screen.query_one("#confirm-quit-text", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(PredictForm).prediction["extract"] == "failed"
