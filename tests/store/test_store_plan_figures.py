"""The home figures follow the study settings: days to go, the plan's rate, suspended leeches."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quizapp.core.clock import FakeClock
from quizapp.core.leeches import suspend
from quizapp.core.plan import StudySettings
from quizapp.core.scheduling import Rating
from quizapp.core.sessions import FlashSession
from quizapp.store import open_store
from quizapp.store.summary import home_figures
from tests.core.sessions_fixtures import catalog, question

NOW = datetime(2026, 3, 10, 9, tzinfo=UTC)
CATALOG = catalog(question(f"q{i:02d}", "etl") for i in range(40))
IDS = [q.id for q in CATALOG.questions]


def test_days_to_go_and_the_new_question_rate_match_a_session(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    store = open_store(path, tz=UTC)
    store.save_study_settings(StudySettings(interview=date(2026, 3, 20), new_per_day=3))
    session = FlashSession(store, CATALOG, clock=FakeClock(NOW))
    store.close()
    figures = home_figures(path, IDS, NOW, UTC)
    assert figures is not None and figures.days_to_go == 10
    assert figures.new_available == session.new_count == 6  # 40 over the 7 days before the sweep


def test_without_a_date_the_setting_applies_and_suspended_leeches_are_not_due(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.db"
    store = open_store(path, tz=UTC)
    store.save_study_settings(StudySettings(new_per_day=2))
    clock = FakeClock(NOW - timedelta(days=3))
    first = FlashSession(store, CATALOG, clock=clock)
    while not first.done:
        first.reveal()
        first.rate(Rating.Again if first.current and first.current.is_new else Rating.Good)
    suspend(store, "q00")
    session = FlashSession(store, CATALOG, clock=FakeClock(NOW))
    store.close()
    figures = home_figures(path, IDS, NOW, UTC)
    assert figures is not None and figures.days_to_go is None
    assert figures.new_available == session.new_count == 2
    assert figures.due_today == session.due_count == 1
