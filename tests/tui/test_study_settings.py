"""The study settings screen, "N days to go" on home, readiness on the progress screen."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from quizapp.core.plan import StudySettings
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, open_store
from quizapp.tui.screens.progress import ProgressScreen
from quizapp.tui.screens.study_settings import StudySettingsScreen
from quizapp.tui.widgets.summary import SummaryBar
from tests.tui.conftest import START, AppFactory, plain, settle

SIZE = (100, 36)


def fill(app: Any, field: str, value: str) -> None:
    app.screen.query_one(field, Input).value = value


async def test_settings_are_saved_remembered_and_shown_on_home(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, StudySettingsScreen)
        fill(app, "#settings-interview", "2026-03-23")
        fill(app, "#settings-minutes", "45")
        fill(app, "#settings-retention", "0.93")
        fill(app, "#settings-new", "12")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Interview on 2026-03-23: 21 day(s) to go" in plain(
            app.screen.query_one("#settings-plan", Static)
        )
        await pilot.press("escape")
        await settle(pilot)
        assert "21 days to go" in plain(app.screen.query_one(SummaryBar))
    store = open_store(db_path, tz=UTC)
    assert store.study_settings() == StudySettings(
        interview=date(2026, 3, 23), minutes_per_day=45, desired_retention=0.93, new_per_day=12
    )
    store.close()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert again.screen.query_one("#settings-interview", Input).value == "2026-03-23"
        assert again.screen.query_one("#settings-retention", Input).value == "0.93"


async def test_bad_settings_are_refused_with_a_message_and_nothing_saved(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        fill(app, "#settings-retention", "0.99")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = plain(app.screen.query_one("#settings-error", Static))
        assert "between 0.80 and 0.97" in error
        fill(app, "#settings-retention", "0.9")
        fill(app, "#settings-interview", "2026-02-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "in the past" in plain(app.screen.query_one("#settings-error", Static))
    store = open_store(db_path, tz=UTC)
    assert store.study_settings() == StudySettings()
    store.close()


async def test_retention_shows_the_workload_it_implies(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        hint = app.screen.query_one("#settings-workload", Static)
        fill(app, "#settings-retention", "0.80")
        await pilot.pause()
        low = plain(hint)
        fill(app, "#settings-retention", "0.97")
        await pilot.pause()
        high = plain(hint)
        times = [int(text.split("~")[1].split("x")[0]) for text in (low, high)]
        assert times[0] < times[1]


async def test_progress_shows_readiness_for_the_interview(
    make_app: AppFactory, db_path: Path
) -> None:
    store = open_store(db_path, tz=UTC)
    when = START - timedelta(days=1)
    card = review(make_scheduler(), new_card("fx-dag", when), Rating.Good, when)
    store.record_review(
        ReviewRecord("fx-dag", "fixture-airflow", "quiz", when, Rating.Good, True), card, None
    )
    store.save_study_settings(StudySettings(interview=date(2026, 3, 12)))
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        text = plain(app.screen.query_one("#progress-readiness", Static))
        assert "Ready for 2026-03-12 (10 days to go)" in text
        assert "fixture-airflow" in text


async def test_progress_says_one_day_to_go_and_its_footer_fits_80_columns(
    make_app: AppFactory, db_path: Path
) -> None:
    store = open_store(db_path, tz=UTC)
    store.save_study_settings(StudySettings(interview=date(2026, 3, 3)))
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        text = plain(app.screen.query_one("#progress-readiness", Static))
        assert "(1 day to go)" in text
        shown = [
            a.binding.description for a in app.screen.active_bindings.values() if a.binding.show
        ]
        assert "Overview" not in shown and "Quiz weakest" in shown


def test_snapshot_study_settings(snap_compare: Any, make_app: AppFactory, db_path: Path) -> None:
    store = open_store(db_path, tz=UTC)
    store.save_study_settings(StudySettings(interview=date(2026, 3, 23), minutes_per_day=5))
    store.close()

    async def open_settings(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_settings)


async def test_leeches_are_offered_and_can_be_suspended_or_drilled(
    make_app: AppFactory, db_path: Path
) -> None:
    from quizapp.tui.screens.leeches import LeechesScreen
    from quizapp.tui.screens.quiz import QuizScreen

    store = open_store(db_path, tz=UTC)
    scheduler = make_scheduler()
    card = None
    for days_ago in range(8, 0, -1):
        when = START - timedelta(days=days_ago)
        before = card
        card = review(scheduler, before or new_card("fx-dag", when), Rating.Again, when)
        store.record_review(
            ReviewRecord("fx-dag", "fixture-airflow", "flash", when, Rating.Again, False),
            card,
            before,
        )
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "1 leech(es)" in plain(app.screen.query_one("#progress-readiness", Static))
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LeechesScreen)
        assert "fx-dag" in app.screen.leeches
        assert "flashcard rated Again" in plain(app.screen.query_one("#leech-text", Static))
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.leeches["fx-dag"].suspended
        assert app.store is not None and app.store.study_settings().suspended == {"fx-dag"}
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)


async def test_cram_in_the_app_moves_nothing(make_app: AppFactory, db_path: Path) -> None:
    from quizapp.tui.context import LaunchOptions
    from quizapp.tui.screens.flashcards import FlashcardScreen

    app = make_app(start="flash", options=LaunchOptions(cram=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FlashcardScreen) and app.screen.session.cram
        assert "Cram" in plain(app.screen.query_one("#flash-status", Static))
        await pilot.press("space", "3")
        await settle(pilot)
        assert app.screen.session.reviewed == 1
    store = open_store(db_path, tz=UTC)
    assert store.cards() == {} and store.query("SELECT count(*) AS n FROM reviews")[0]["n"] == 0
    store.close()


async def test_progress_offers_to_fit_the_scheduler_once_there_are_enough_reviews(
    make_app: AppFactory, db_path: Path
) -> None:
    pytest.importorskip("fsrs_rs_python")
    from tests.core.test_tune import synthetic_log

    store = open_store(db_path, tz=UTC)
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT INTO reviews (question_id, bank, mode, reviewed_at, day, rating, correct,"
            " overridden) VALUES (?, 'b', 'flash', ?, ?, ?, ?, 0)",
            [
                (qid, f"{day.isoformat()}T09:00:00+00:00", day.isoformat(), r, int(r > 1))
                for qid, day, r in synthetic_log()
            ],
        )
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "press f to fit" in plain(app.screen.query_one("#progress-readiness", Static))
        await pilot.press("f")
        await settle(pilot)
        assert app.store is not None and app.store.study_settings().parameters is not None
