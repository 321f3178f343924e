"""The plan's screens at 80x24: errors in sight, figures not cut off, leech states visible."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from pathlib import Path

from textual.widgets import DataTable, Input

from quizapp.core.leeches import Leech, Miss
from quizapp.core.models import KeyPoint, Question
from quizapp.core.plan import StudySettings
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, open_store
from quizapp.tui.screens.leeches import leech_cells, leech_detail
from quizapp.tui.screens.study_settings import StudySettingsScreen
from quizapp.tui.widgets.summary import HomeSummary, SummaryBar
from tests.tui.conftest import START, AppFactory, plain, settle

SMALL = (80, 24)


async def test_a_refused_setting_is_reported_where_it_can_be_seen_at_80x24(
    make_app: AppFactory, db_path: Path
) -> None:
    store = open_store(db_path, tz=UTC)
    store.save_study_settings(StudySettings(interview=date(2026, 3, 23)))
    store.close()
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, StudySettingsScreen)
        app.screen.query_one("#settings-minutes", Input).value = "0"
        await pilot.press("ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications if n.severity == "error"]
        assert any("minutes per day" in m for m in messages)
        assert app.focused is app.screen.query_one("#settings-minutes", Input)
        assert not any("saved" in n.message for n in app._notifications)


async def test_home_figures_with_an_interview_fit_in_80_columns(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(SummaryBar)
        bar.show(HomeSummary(123, 20, 12, 0.85, 245, days_to_go=21))
        await pilot.pause()
        text = plain(bar)
        assert len(text) <= bar.content_size.width, text
        assert "21" in text and "Interview" in text
        bar.show(HomeSummary(1, 0, 1, None, 245, days_to_go=1))
        await pilot.pause()
        assert "1 day to go" in plain(bar)


async def test_leech_table_shows_the_suspended_state_at_80_columns(
    make_app: AppFactory, db_path: Path
) -> None:
    from quizapp.tui.screens.leeches import LeechesScreen

    store = open_store(db_path, tz=UTC)
    scheduler = make_scheduler()
    card = None
    for days_ago in range(8, 0, -1):
        when = START - timedelta(days=days_ago)
        before = card
        card = review(scheduler, before or new_card("fx-dag", when), Rating.Again, when)
        store.record_review(
            ReviewRecord(
                "fx-dag",
                "fixture-airflow",
                "quiz",
                when,
                Rating.Again,
                False,
                answer="nothing about the question at all, just some words",
            ),
            card,
            before,
        )
    store.close()
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LeechesScreen)
        await pilot.press("s")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width
        assert "suspended" in table.get_row_at(0)
        assert any("until you take it back" in n.message for n in app._notifications)


def _leech(missed: tuple[str, ...], times: int) -> Leech:
    question = Question(
        id="lq",
        bank="lb",
        prompt="What is it?",
        answer="It.",
        key_points=tuple(KeyPoint(text) for text in missed),
    )
    when = START
    misses = tuple(Miss(when, "quiz", "incorrect", missed, "no") for _ in range(times))
    return Leech(question, times, misses, None, True)


def test_leech_row_keeps_its_state_in_80_columns_and_repeats_are_counted_once() -> None:
    leech = _leech(("tasks exchange small amounts of data between each other", "push"), 8)
    cells = leech_cells(leech)
    assert cells[2] == "suspended"
    assert len(cells[4]) <= 30 and cells[4].endswith("…")
    detail = leech_detail(leech).plain
    assert detail.count("tasks exchange small amounts") == 1
    assert "2026-03-02 quiz (8x): " in detail


async def test_cram_rating_buttons_promise_no_interval(make_app: AppFactory) -> None:
    from textual.widgets import Button

    from quizapp.tui.context import LaunchOptions

    app = make_app(start="flash", options=LaunchOptions(cram=True))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        labels = [str(b.label) for b in app.screen.query(".rate").results(Button)]
        assert labels == ["1 Again", "2 Hard", "3 Good", "4 Easy"]


async def test_enter_in_a_settings_field_saves_the_form(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one("#settings-interview", Input).value = "2026-03-23"
        await pilot.press("enter")
        await settle(pilot)
        assert app.store is not None
        assert app.store.study_settings().interview == date(2026, 3, 23)


async def test_escape_with_unsaved_settings_warns_once_before_leaving(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one("#settings-minutes", Input).value = "45"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StudySettingsScreen)
        assert any("Unsaved changes" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StudySettingsScreen)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("escape")  # nothing changed: leaves at once
        await settle(pilot)
        assert not isinstance(app.screen, StudySettingsScreen)
