"""The set-up screen after a killed mock interview: offer to resume it, start anew, or close it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from quizapp.core.bank import load_catalog
from quizapp.core.clock import FakeClock
from quizapp.core.mock import MockConfig, MockSession
from quizapp.core.predict import session_graders
from quizapp.store import open_store
from quizapp.tui.context import LaunchOptions
from quizapp.tui.screens.mock_interview import MockInterviewScreen
from quizapp.tui.screens.mock_report import MockReportScreen
from quizapp.tui.screens.mock_setup import MockSetupScreen, ResumeOffer
from quizapp.tui.widgets.countdown import Countdown
from tests.tui.conftest import FIXTURE_BANKS, AppFactory, plain, settle
from tests.tui.test_mock_interview import GOOD_ANSWERS, type_answer


def left_unfinished(db_path: Path, clock: FakeClock, minutes: float, spent: float) -> list[str]:
    """A 3-question interview whose quizapp was killed after answering the first question."""
    catalog = load_catalog([FIXTURE_BANKS])
    store = open_store(db_path)
    session = MockSession(
        store,
        catalog,
        MockConfig(questions=3, minutes=minutes, seed=1),
        clock=clock,
        graders=session_graders(catalog),
    )
    clock.advance(spent)
    session.answer(GOOD_ANSWERS[session.current.id])
    store.close()
    clock.advance(hours=1)
    return [q.id for q in session.questions]


async def open_mock(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("m")
    await pilot.pause()


async def test_the_offer_resumes_the_same_questions_on_the_budget_left(
    make_app: AppFactory, clock: FakeClock, db_path: Path
) -> None:
    order = left_unfinished(db_path, clock, minutes=10, spent=40)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mock(pilot)
        offer = app.screen
        assert isinstance(offer, ResumeOffer)
        assert plain(offer.query_one("#resume-text", Static)) == (
            "Resume the interview you started today at 09:00 (1 of 3 answered, 9:20 left)?"
        )
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockInterviewScreen)
        session = screen.session
        assert session.resumed and session.mock_id == 1
        assert [q.id for q in session.questions] == order and session.index == 1
        assert plain(screen.query_one(Countdown)).startswith("⏱ 9:20 left")
        assert any("Resumed: 1 of 3 answered" in str(n.message) for n in app._notifications)
        for _ in range(2):
            clock.advance(30)
            await type_answer(pilot, screen, GOOD_ANSWERS[session.current.id])
            await pilot.press("ctrl+s")
            await pilot.pause()
        report = app.screen
        assert isinstance(report, MockReportScreen)
        assert [i.question_id for i in report.report.items] == order
        assert all(item.answer for item in report.report.items)
        assert report.report.seconds == 100.0
    store = open_store(db_path)
    assert store.mock_status(1) == "finished" and store.mock_status(2) is None


async def test_starting_a_new_one_abandons_it(
    make_app: AppFactory, clock: FakeClock, db_path: Path
) -> None:
    left_unfinished(db_path, clock, minutes=10, spent=40)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mock(pilot)
        assert isinstance(app.screen, ResumeOffer)
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, MockSetupScreen)
        assert "marks the unfinished one (1) abandoned" in plain(setup.query_one("#mock-error"))
        assert open_store(db_path).mock_status(1) == "running"  # not until a new one starts
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockInterviewScreen)
        assert screen.session.mock_id == 2 and not screen.session.resumed
    assert open_store(db_path).mock_status(1) == "abandoned"


async def test_command_line_numbers_start_a_new_one_after_the_offer(
    make_app: AppFactory, clock: FakeClock, db_path: Path
) -> None:
    left_unfinished(db_path, clock, minutes=10, spent=40)
    app = make_app(start="mock", options=LaunchOptions(mock_questions=2, mock_minutes=3))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(app.screen, ResumeOffer):
                break
        assert isinstance(app.screen, ResumeOffer)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockInterviewScreen)
        assert len(screen.session.questions) == 2 and screen.session.mock_id == 2
    assert open_store(db_path).mock_status(1) == "abandoned"


async def test_one_without_time_left_is_closed_and_listed_incomplete(
    make_app: AppFactory, clock: FakeClock, db_path: Path
) -> None:
    left_unfinished(db_path, clock, minutes=1, spent=70)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mock(pilot)
        assert isinstance(app.screen, MockSetupScreen)  # nothing to offer
        assert any(
            "Interview 1 was left unfinished and could not be resumed" in str(n.message)
            for n in app._notifications
        )
        await pilot.press("escape")
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("4")
        table = app.screen.query_one("#progress-mocks", DataTable)
        assert "(incomplete)" in str(table.get_row_at(0))
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, MockReportScreen) and report.report.interrupted
        assert "incomplete" in plain(report.query_one("#report-summary", Static))
        assert "time ran out" in plain(report.query_one("#report-summary", Static))
