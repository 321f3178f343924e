"""Issue 13: a predict question in a mock interview takes predictions, never typed prose."""

from __future__ import annotations

from quizapp.tui.widgets.predict_form import PredictForm, PredictionTable
from tests.tui.conftest import FIXTURE_BANKS, AppFactory
from tests.tui.test_mock_interview import PREDICT_BANKS, start_with


async def _on_the_predict_question(pilot, screen) -> PredictForm:  # type: ignore[no-untyped-def]
    session = screen.session
    position = next(i for i, q in enumerate(session.questions) if q.kind == "predict")
    await pilot.app.workers.wait_for_complete()  # the interview lists its predict tasks first
    session.go(position)
    await screen._show_question()
    await pilot.pause()
    return screen.query_one(PredictForm)


async def test_prose_typed_into_the_prediction_table_is_refused(make_app: AppFactory) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=5, minutes=10)
        form = await _on_the_predict_question(pilot, screen)
        table = form.query_one(PredictionTable)
        # Listed when the interview began: no loading placeholder when the question comes up.
        assert form.tasks == ["extract", "load", "cleanup"] and not table.loading
        form.focus_table()
        await pilot.press(*"the load fails, so cleanup is skipped")
        await pilot.pause()
        assert form.prediction == {"extract": "", "load": "", "cleanup": ""}
        assert any("Not a text box" in str(n.message) for n in app._notifications)
        assert "Not a text box" in str(form.query_one("#predict-keys").content)
        await pilot.press("down", "u")  # moving the cursor ends the refusal
        assert form.prediction["load"] == "upstream_failed"
        assert screen.draft() == "load: upstream_failed"


async def test_the_learners_keys_still_predict(make_app: AppFactory) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=5, minutes=10)
        form = await _on_the_predict_question(pilot, screen)
        form.focus_table()
        await pilot.press("f", "u", "s")
        assert form.prediction == {
            "extract": "failed",
            "load": "upstream_failed",
            "cleanup": "success",
        }
        assert not any("Not a text box" in str(n.message) for n in app._notifications)
