"""The mock interview, driven end to end on a fake clock: set-up, questions, time-out, report."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from quizapp.core.clock import FakeClock
from quizapp.store import open_store
from quizapp.tui.context import LaunchOptions
from quizapp.tui.messages import StartMode
from quizapp.tui.screens.mock_interview import ConfirmStop, MockInterviewScreen
from quizapp.tui.screens.mock_report import MockReportScreen
from quizapp.tui.screens.mock_setup import MockSetupScreen
from quizapp.tui.widgets.countdown import Countdown
from quizapp.tui.widgets.predict_form import PredictForm
from tests.tui.conftest import FIXTURE_BANKS, TUI_TESTS, AppFactory, plain, settle

PREDICT_BANKS = TUI_TESTS / "predict_banks"
GOOD_ANSWERS = {
    "fx-dag": "A directed acyclic graph: tasks are the nodes, dependencies are the edges, "
    "and there are no cycles.",
    "fx-retries": "The task is retried up to three more times, it waits retry_delay between "
    "tries, and it is failed only after the last try fails.",
    "fx-xcom": "It passes small values between tasks: one task pushes and another pulls.",
    "fx-ok": "Fine.",
}


async def open_setup(pilot: Pilot[None]) -> MockSetupScreen:
    await settle(pilot)
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MockSetupScreen)
    return screen


async def start_with(pilot: Pilot[None], questions: int, minutes: float) -> MockInterviewScreen:
    setup = await open_setup(pilot)
    setup.query_one("#mock-count", Input).value = str(questions)
    setup.query_one("#mock-minutes", Input).value = f"{minutes:g}"
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MockInterviewScreen)
    return screen


async def type_answer(pilot: Pilot[None], screen: MockInterviewScreen, text: str) -> None:
    editor = screen.query_one("#mock-answer", TextArea)
    editor.focus()
    editor.insert(text)
    await pilot.pause()


async def predict_all(pilot: Pilot[None], screen: MockInterviewScreen, keys: str) -> None:
    form = screen.query_one(PredictForm)
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if form.tasks:
            break
    form.focus_table()
    for key in keys:
        await pilot.press(key)


async def test_whole_mock_interview_with_skip_back_and_report(
    make_app: AppFactory, clock: FakeClock, db_path: Path
) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=5, minutes=10)
        session = screen.session
        order = [q.id for q in session.questions]
        assert len(order) == 5 and "fx-predict-failure" in order
        assert "Q1 of 5" in plain(screen.query_one("#mock-position", Static))
        # No model answer anywhere on screen during the interview.
        first = session.current
        assert first.answer.strip().splitlines()[0] not in plain(screen.query_one("#mock-question"))

        async def answer() -> None:
            question = session.current
            clock.advance(45)
            if question.kind == "predict":
                await predict_all(pilot, screen, "fus")
            else:
                await type_answer(pilot, screen, GOOD_ANSWERS[question.id])
            await pilot.press("ctrl+s")
            await pilot.pause()

        clock.advance(20)
        await pilot.press("ctrl+n")
        assert session.current.id == order[1]
        assert "1–" in plain(screen.query_one("#mock-strip", Static))
        await answer()
        await answer()
        assert session.index == 3
        await pilot.press("ctrl+b")
        assert session.index == 2
        if session.current.kind == "text":
            assert screen.query_one("#mock-answer", TextArea).text == session.answer_of(2)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert session.index == 3
        await answer()
        await answer()
        # The skipped question comes back once the others are answered.
        assert session.index == 0
        await answer()

        report_screen = app.screen
        assert isinstance(report_screen, MockReportScreen)
        report = report_screen.report
        assert not report.timed_out
        assert [i.question_id for i in report.items] == order
        by_id = {i.question_id: i for i in report.items}
        assert by_id["fx-predict-failure"].verdict == "correct"
        assert by_id["fx-dag"].verdict == "correct"
        assert by_id[order[0]].seconds == 65.0
        summary = plain(report_screen.query_one("#report-summary", Static))
        assert f"Score {report.score:.0%}" in summary and "answered 5 of 5" in summary
        table = report_screen.query_one("#report-items", DataTable)
        assert table.row_count == 5

        await pilot.press("e")
        exported = Path(report_screen.exported or "")
        assert exported.name == f"mock-{report.mock_id}.md"
        assert exported.read_text().startswith(f"# Mock interview {report.mock_id}")
        assert any(str(exported) in str(n.message) for n in app._notifications)

    store = open_store(db_path)
    saved = store.mock_report(report.mock_id)
    assert saved is not None and saved["score"] == report.score
    modes = {r.mode for q in order for r in store.reviews_of(q)}
    assert modes == {"mock"}


async def test_time_out_submits_what_is_typed(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=2, minutes=4)
        countdown = screen.query_one(Countdown)
        assert not countdown.has_class("-warning")
        assert plain(countdown) == "⏱ 4:00 left  ·  this one 2:00"
        first = screen.session.current.id
        await type_answer(pilot, screen, GOOD_ANSWERS[first])
        clock.advance(70)
        screen.tick()
        # The last minute of the question's two-minute soft limit.
        assert countdown.has_class("-warning")
        assert plain(countdown) == "⏱ 2:50 left  ·  this one 0:50"
        clock.advance(60)
        screen.tick()
        assert "over by 0:10" in plain(countdown)
        clock.advance(120)
        screen.tick()
        await pilot.pause()
        report_screen = app.screen
        assert isinstance(report_screen, MockReportScreen)
        report = report_screen.report
        assert report.timed_out
        first_item = report.items[0]
        assert first_item.question_id == first and first_item.answer == GOOD_ANSWERS[first]
        assert first_item.over_limit
        assert report.items[1].answer is None
        summary = plain(report_screen.query_one("#report-summary", Static))
        assert "time ran out" in summary and "Over the soft limit Q1 (4:10)" in summary
        assert any("Time is up" in str(n.message) for n in app._notifications)


async def test_quitting_asks_first_and_keeps_the_answers(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=3, minutes=10)
        first = screen.session.current.id
        await type_answer(pilot, screen, GOOD_ANSWERS[first])
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmStop)
        await pilot.press("n")
        assert app.screen is screen
        await pilot.press("escape", "y")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, MockReportScreen)
        answers = [i.answer for i in report.report.items]
        assert answers[0] == GOOD_ANSWERS[first] and answers[1:] == [None, None]


async def test_quick_and_command_line_numbers(make_app: AppFactory) -> None:
    app = make_app(bank_paths=[FIXTURE_BANKS, PREDICT_BANKS])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockInterviewScreen)
        assert screen.session.config.questions == 5 and screen.session.config.minutes == 8
    launched = make_app(start="mock", options=LaunchOptions(mock_questions=2, mock_minutes=3))
    async with launched.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await launched.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(launched.screen, MockInterviewScreen):
                break
        screen = launched.screen
        assert isinstance(screen, MockInterviewScreen)
        assert len(screen.session.questions) == 2 and screen.session.config.minutes == 3


async def test_bad_numbers_are_refused(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup(pilot)
        setup.query_one("#mock-count", Input).value = "0"
        await pilot.press("ctrl+s")
        assert app.screen is setup
        assert "Choose 1 to 50 questions" in plain(setup.query_one("#mock-error", Static))


async def test_fix_it_quiz_is_one_key_away(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app()
    started: list[StartMode] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=2, minutes=5)
        first = screen.session.current.id
        await type_answer(pilot, screen, GOOD_ANSWERS[first])
        await pilot.press("ctrl+s")
        await type_answer(pilot, screen, "no idea")
        await pilot.press("ctrl+s")
        await pilot.pause()
        report = app.screen
        assert isinstance(report, MockReportScreen)
        forward = report.post_message

        def capture(message: Message) -> bool:
            if isinstance(message, StartMode):
                started.append(message)
                return True
            return forward(message)

        report.post_message = capture  # type: ignore[method-assign]
        await pilot.press("f")
    (message,) = started
    assert message.mode == "quiz"
    second = next(i for i in report.report.items if i.question_id != first).question_id
    assert message.arguments["question_ids"] == (second,)


async def test_a_stored_report_opens_from_the_progress_screen(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=1, minutes=5)
        await type_answer(pilot, screen, "A directed acyclic graph")
        await pilot.press("ctrl+s")
        await pilot.pause()
        mock_id = app.screen.report.mock_id  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("4", "tab")
        table = app.screen.query_one("#progress-mocks", DataTable)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MockReportScreen)
        assert app.screen.report.mock_id == mock_id


def test_snapshot_mock_setup(snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await open_setup(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_mock_question(snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await start_with(pilot, questions=3, minutes=2)
        await type_answer(pilot, screen, "A directed acyclic graph")
        clock.advance(70)
        screen.tick()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_mock_report(snap_compare, make_app: AppFactory, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await start_with(pilot, questions=3, minutes=5)
        for _ in range(3):
            question = screen.session.current
            clock.advance(40)
            await type_answer(pilot, screen, GOOD_ANSWERS[question.id][:40])
            await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_time_running_out_under_the_stop_question_still_ends_in_the_report(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=2, minutes=1)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmStop)
        clock.advance(61)
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, MockReportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MockInterviewScreen | ConfirmStop)


async def test_keys_typed_just_before_ctrl_s_are_all_in_the_answer(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    text = "It passes small values between tasks: one task pushes and another pulls."
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_with(pilot, questions=2, minutes=5)
        screen.query_one("#mock-answer", TextArea).focus()
        await pilot.pause()
        for char in text:  # as the terminal driver posts them: all queued, none handled yet
            app.post_message(events.Key(char if char != " " else "space", char))
        app.post_message(events.Key("ctrl+s", "\x13"))
        await settle(pilot)
        assert screen.session.answer_of(0) == text and screen.session.index == 1
    with open_store(db_path) as store:
        rows = store.query("SELECT answer FROM mock_answers WHERE answer IS NOT NULL")
    assert rows == [{"answer": text}]


async def test_setup_focus_starts_on_the_first_field_and_marks_are_glyphs(
    make_app: AppFactory,
) -> None:
    """Issue 13: typed numbers land in Questions; ticked and focused differ by a glyph."""
    from textual.widgets import Label

    from quizapp.tui.screens.mock_setup import TickList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup(pilot)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "mock-count"
        assert str(setup.query_one("#mock-count-label", Label).content) == "▸ Questions"
        count = setup.query_one("#mock-count", Input)
        count.value = ""
        await pilot.press("3")
        assert count.value == "3"
        banks = setup.query_one("#mock-banks", TickList)
        banks.focus()
        await pilot.pause()
        assert str(setup.query_one("#mock-count-label", Label).content) == "  Questions"
        assert str(setup.query_one("#mock-banks-label", Label).content).startswith("▸ Topics")
        await pilot.press("space")  # tick the first topic
        await pilot.pause()
        first, second = banks.render_line(0).text, banks.render_line(1).text
        assert "▐✓▌▸" in first and "▐ ▌ " in second
