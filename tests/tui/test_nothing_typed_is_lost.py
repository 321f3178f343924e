"""Issue 13, "Answers are lost": drafts survive skip/back/quit, ctrl+q asks, home shows ctrl+q."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from quizapp.core.bank import load_catalog
from quizapp.core.clock import FakeClock
from quizapp.core.mock import settle_unfinished
from quizapp.store import open_store
from quizapp.tui.screens.confirm_quit import ConfirmQuit
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.mock_report import MockReportScreen
from quizapp.tui.screens.quiz import QuizScreen
from tests.tui.conftest import FIXTURE_BANKS, AppFactory, settle
from tests.tui.test_mock_interview import start_with, type_answer


async def shown_text(pilot, screen, expected: str) -> str:  # type: ignore[no-untyped-def]
    """The answer box's text, waiting (a busy machine is slow) for the redraw to show ``expected``."""
    text = None
    for _ in range(100):
        await pilot.pause()
        editors = [e for e in screen.query("#mock-answer").results(TextArea) if e.is_attached]
        text = editors[-1].text if editors else None
        if len(editors) == 1 and text == expected:
            break
    return str(text)


async def test_home_footer_shows_how_to_quit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        shown = {key for key, b in app.screen.active_bindings.items() if b.binding.show}
        assert "ctrl+q" in shown


async def test_mock_drafts_survive_skip_and_back(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=3, minutes=10)
        session = screen.session
        await type_answer(pilot, screen, "half an answer")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert session.index == 1
        assert await shown_text(pilot, screen, "") == ""
        await type_answer(pilot, screen, "second draft")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert session.index == 0
        assert await shown_text(pilot, screen, "half an answer") == "half an answer"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert await shown_text(pilot, screen, "second draft") == "second draft"
        rows = screen.context.store.mock_answers(session.mock_id)
        assert [r.draft for r in rows[:2]] == ["half an answer", "second draft"]


async def test_ctrl_q_in_a_mock_keeps_the_draft_for_resuming(
    make_app: AppFactory, clock: FakeClock, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=3, minutes=10)
        mock_id = screen.session.mock_id
        await type_answer(pilot, screen, "typed, never submitted")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code is not None or not app.is_running
    with open_store(db_path) as store:
        rows = store.mock_answers(mock_id)
        assert rows[0].draft == "typed, never submitted"
        settled = settle_unfinished(store, load_catalog([FIXTURE_BANKS]), clock=clock)
    assert settled.offer is not None and settled.offer.mock_id == mock_id
    assert settled.offer.answers[0].draft == "typed, never submitted"


async def test_a_resumed_mock_shows_and_grades_the_draft(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=2, minutes=10)
        await type_answer(pilot, screen, "kept draft")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, MockReportScreen)
        assert report.report.items[0].answer == "kept draft"


async def test_ctrl_q_with_a_typed_quiz_answer_asks_first(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        screen.query_one("#answer-input", TextArea).text = "an answer I typed"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        assert screen.query_one("#answer-input", TextArea).text == "an answer I typed"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running or app._exit_renderables is not None


async def test_ctrl_q_with_nothing_typed_quits_at_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmQuit)
    assert app.return_code == 0


async def test_an_untouched_drill_starter_is_no_draft(make_app: AppFactory) -> None:
    from tests.tui.conftest import TUI_TESTS

    app = make_app(bank_paths=[TUI_TESTS / "drill_banks"])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=2, minutes=10)
        session = screen.session
        assert session.current.kind in ("sql", "debug")
        assert screen.draft().strip()  # the drill's starter is in the box
        await pilot.press("ctrl+n")
        await pilot.pause()
        rows = screen.context.store.mock_answers(session.mock_id)
        assert rows[0].draft is None  # nothing typed: nothing to grade as an answer later


async def test_ctrl_q_on_an_untouched_drill_quits_at_once(make_app: AppFactory) -> None:
    from quizapp.tui.context import LaunchOptions
    from tests.tui.conftest import TUI_TESTS

    app = make_app(
        bank_paths=[TUI_TESTS / "drill_banks"],
        start="quiz",
        options=LaunchOptions(question_ids=("fx-sql",)),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.unsaved_input() is None  # the starter query is not the learner's
        app.screen.query_one("#answer-input", TextArea).insert("-- my change\n")
        assert app.screen.unsaved_input() is not None
