"""The progress review screen on a seeded database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import DataTable, Sparkline, Static, TabbedContent

from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, Store, open_store
from quizapp.tui.messages import StartMode
from quizapp.tui.screens.progress import ProgressScreen
from quizapp.tui.widgets.mastery_bars import MasteryBars
from quizapp.tui.widgets.streak_heatmap import StreakHeatmap, level
from tests.tui.conftest import START, AppFactory, plain, settle


@pytest.fixture(autouse=True)
def utc_days(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local calendar days are UTC days here, whatever the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rate(store: Store, qid: str, bank: str, rating: Rating, when: datetime) -> None:
    before = store.card(qid)
    card = review(make_scheduler(), before or new_card(qid, when), rating, when)
    store.record_review(
        ReviewRecord(qid, bank, "quiz", when, rating, rating != Rating.Again), card, before
    )


def seed_history(db_path: Path) -> None:
    """Three days in a row up to yesterday, one lapse, and one finished mock."""
    store = open_store(db_path, tz=UTC)
    for days_ago in (3, 2, 1):
        when = START - timedelta(days=days_ago)
        rate(store, "fx-dag", "fixture-airflow", Rating.Good, when)
        rate(store, "fx-retries", "fixture-airflow", Rating.Good, when)
    rate(store, "fx-xcom", "fixture-airflow", Rating.Again, START - timedelta(days=1))
    mock = store.create_mock(
        START - timedelta(days=2), 7, 600.0, 120.0, [("fx-dag", "fixture-airflow", "easy")]
    )
    store.finish_mock(mock, START - timedelta(days=2, minutes=-5), 0.75, {"score": 0.75}, [], [])
    store.close()


@pytest.fixture
def seeded(db_path: Path) -> Path:
    seed_history(db_path)
    return db_path


async def open_progress(pilot) -> ProgressScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("p")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


async def test_progress_screen_shows_the_seeded_history(make_app: AppFactory, seeded: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        assert "Reviews 7" in plain(screen.query_one("#progress-totals", Static))
        bars = plain(screen.query_one(MasteryBars))
        assert "fixture-airflow" in bars and "acc 86% of 7" in bars
        heat = plain(screen.query_one(StreakHeatmap))
        assert "Streak 3 days" in heat and "(not yet today)" in heat
        due = plain(screen.query_one("#progress-due", Static))
        assert due.splitlines()[0] == "Due in the next 7 days"
        assert len(due.splitlines()) == 8
        weakest = screen.query_one("#progress-weakest", DataTable)
        assert weakest.row_count == 3
        assert weakest.coordinate_to_cell_key((0, 0)).row_key.value == "fx-xcom"
        mocks = screen.query_one("#progress-mocks", DataTable)
        assert mocks.row_count == 1
        assert mocks.get_row_at(0)[3] == "75%"
        assert list(screen.query_one(Sparkline).data or []) == [75.0]
        await pilot.press("2")
        assert screen.query_one(TabbedContent).active == "activity"


async def test_w_starts_a_quiz_on_the_weakest(make_app: AppFactory, seeded: Path) -> None:
    app = make_app()
    started: list[StartMode] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        forward = screen.post_message

        def capture(message: Message) -> bool:
            if isinstance(message, StartMode):
                started.append(message)
                return True
            return forward(message)

        screen.post_message = capture  # type: ignore[method-assign]
        await pilot.press("w")
    (message,) = started
    assert message.mode == "quiz"
    assert message.arguments["question_ids"][0] == "fx-xcom"
    assert set(message.arguments["question_ids"]) == {"fx-xcom", "fx-dag", "fx-retries"}


async def test_empty_history_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(pilot)
        assert "Reviews 0" in plain(screen.query_one("#progress-totals", Static))
        await pilot.press("w")
        assert any("no weak questions" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(
    ("reviews", "busiest", "expected"),
    [(0, 10, 0), (1, 10, 1), (3, 10, 2), (6, 10, 3), (10, 10, 4), (5, 0, 0)],
)
def test_heatmap_levels(reviews: int, busiest: int, expected: int) -> None:
    assert level(reviews, busiest) == expected


def test_snapshot_progress(snap_compare, make_app: AppFactory, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_progress(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=loaded)


async def test_a_second_visit_shows_the_same_screen_with_fresh_figures(
    make_app: AppFactory, seeded: Path
) -> None:
    """The screen is kept between visits (built once), but its figures are read again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_progress(pilot)
        assert "Reviews 7" in plain(first.query_one("#progress-totals", Static))
        await pilot.press("escape")
        await settle(pilot)
        assert app.store is not None
        rate(app.store, "fx-ok", "fixture-airflow", Rating.Good, START)
        second = await open_progress(pilot)
        assert second is first
        assert "Reviews 8" in plain(second.query_one("#progress-totals", Static))
        assert second.query_one("#progress-weakest", DataTable).row_count == 4
        assert not second.query_one(TabbedContent).loading


async def test_a_second_visit_after_a_theme_change_is_drawn_in_the_new_theme(
    make_app: AppFactory, seeded: Path
) -> None:
    """The kept screen skips Textual's restyle on return, but not after the theme changed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_progress(pilot)
        dark = first.styles.background
        await pilot.press("escape")
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        second = await open_progress(pilot)
        assert second is first
        light = second.styles.background
        assert light != dark
        fresh = ProgressScreen(second.context)
        await app.push_screen(fresh)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert fresh.styles.background == light
