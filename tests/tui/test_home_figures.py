"""The home figures read without the full store equal what the sessions and progress review say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.models import Bank, Catalog, Question
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.core.sessions import FlashSession
from quizapp.store import ReviewRecord, Store, open_store
from quizapp.store.progress import mock_history, streak
from quizapp.tui.context import Selection
from quizapp.tui.summary import summarize
from quizapp.tui.widgets.summary import HomeSummary
from tests.tui.conftest import AppFactory

ZONE = timezone(timedelta(hours=-5))
"""A learner west of UTC: their day ends at 05:00 UTC, so local and UTC days differ."""
NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def question(qid: str, bank: str, difficulty: str, tags: tuple[str, ...], kind: str = "text"):
    return Question(qid, bank, f"{qid}?", "answer", kind=kind, difficulty=difficulty, tags=tags)


CATALOG = Catalog(
    banks=(
        Bank(
            "airflow",
            "Airflow",
            "airflow.yaml",
            tuple(
                question(f"af-{i:02}", "airflow", ("easy", "medium", "hard")[i % 3], ("dag",))
                for i in range(26)
            ),
        ),
        Bank(
            "etl",
            "ETL",
            "etl.yaml",
            (
                *(question(f"etl-{i}", "etl", "easy", ("etl", "dag")) for i in range(6)),
                question("etl-predict", "etl", "easy", ("dag",), kind="predict"),
            ),
        ),
    )
)
SELECTIONS = (
    Selection(),
    Selection(banks=frozenset({"etl"})),
    Selection(tags=frozenset({"etl"})),
    Selection(difficulties=frozenset({"easy"})),
    Selection(banks=frozenset({"airflow"}), difficulties=frozenset({"hard"})),
)


def rate(store: Store, qid: str, rating: Rating, when: datetime) -> None:
    before = store.card(qid)
    card = review(make_scheduler(), before or new_card(qid, when), rating, when)
    bank = qid.split("-")[0]
    store.record_review(ReviewRecord(qid, bank, "flash", when, rating, True), card, before)


def seeded(path: Path) -> Store:
    """Reviews on several local days, 18 questions introduced today, and three mocks."""
    store = open_store(path, tz=ZONE)
    for day in (5, 7, 8):
        rate(store, "af-00", Rating.Good, datetime(2026, 3, day, 16, tzinfo=UTC))
    # 03:00 UTC on the 10th is the 9th for the learner: it alone links the 8th to today.
    rate(store, "etl-0", Rating.Again, datetime(2026, 3, 10, 3, tzinfo=UTC))
    for i in range(1, 19):  # today's introductions: two new cards are left of the daily 20
        qid = f"af-{i:02}" if i < 15 else f"etl-{i - 13}"
        rate(store, qid, (Rating.Again, Rating.Hard, Rating.Good)[i % 3], NOW - timedelta(hours=2))
    for score, day in ((0.4, 3), (0.75, 6)):
        mock = store.create_mock(datetime(2026, 3, day, 9, tzinfo=UTC), 1, 600, 120, [])
        store.finish_mock(mock, datetime(2026, 3, day, 9, 20, tzinfo=UTC), score, {}, [], [])
    store.create_mock(datetime(2026, 3, 8, 9, tzinfo=UTC), 2, 600, 120, [])  # never finished
    return store


def reference(store: Store, selection: Selection, clock: FakeClock) -> HomeSummary:
    """The figures as the full store and the flashcard session compute them."""
    now = clock.now()
    filters = selection.filters()
    plan = FlashSession(store, CATALOG, clock=clock, filters=filters)
    mocks = mock_history(store)
    return HomeSummary(
        due_today=plan.due_count,  # issue 13: exactly the cards the session starts with
        new_available=plan.new_count,
        streak_days=streak(store, now).current,
        last_mock_score=mocks[-1].score if mocks else None,
        selected=sum(1 for q in CATALOG.questions if filters.matches(q)),
    )


@pytest.mark.parametrize(
    "later",
    [timedelta(0), timedelta(hours=13), timedelta(hours=15), timedelta(days=1), timedelta(days=3)],
)
def test_light_figures_equal_the_sessions_figures(tmp_path: Path, later: timedelta) -> None:
    path = tmp_path / "progress.db"
    store = seeded(path)
    clock = FakeClock(NOW + later)
    for selection in SELECTIONS:
        expected = reference(store, selection, clock)
        assert summarize(path, CATALOG, selection, clock, ZONE) == expected, selection


def test_the_seeded_history_exercises_every_rule(tmp_path: Path) -> None:
    """The equality above means something: the limit, the local day, the streak all matter."""
    path = tmp_path / "progress.db"
    seeded(path).close()
    figures = summarize(path, CATALOG, Selection(), FakeClock(NOW), ZONE)
    assert figures is not None
    assert figures.new_available == 2  # 12 unseen text questions, 18 of the daily 20 introduced
    assert figures.streak_days == 4  # the 7th to the 10th, local days
    assert figures.last_mock_score == 0.75  # the running mock does not count
    assert 0 < figures.due_today < 20
    late = summarize(path, CATALOG, Selection(), FakeClock(NOW + timedelta(hours=13)), ZONE)
    assert late is not None and late.new_available == 2  # 04:00 UTC: still the learner's day
    tomorrow = summarize(path, CATALOG, Selection(), FakeClock(NOW + timedelta(hours=15)), ZONE)
    assert tomorrow is not None and tomorrow.new_available == 12  # a new local day: 12 unseen


def test_a_missing_database_is_a_fresh_learner(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    figures = summarize(path, CATALOG, Selection(), FakeClock(NOW), ZONE)
    assert figures == HomeSummary(0, 20, 0, None, len(CATALOG.questions))
    assert not path.exists()


async def test_home_due_equals_the_flashcard_sessions_count(
    make_app: AppFactory, db_path: Path, clock: FakeClock
) -> None:
    """Issue 13: a card due later today is not in "Due now", as the session does not show it."""
    from quizapp.tui.screens.flashcards import FlashcardScreen
    from tests.tui.conftest import plain, settle

    store = open_store(db_path, tz=UTC)
    now = clock.now()
    rate(store, "fx-dag", Rating.Again, now - timedelta(hours=1))  # due again 50 minutes ago
    rate(store, "fx-ok", Rating.Good, now - timedelta(minutes=5))  # due in 5 minutes, today
    assert store.card("fx-ok").due > now  # type: ignore[union-attr]
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Due now 1 " in plain(app.screen.query_one("#summary"))
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FlashcardScreen)
        assert app.screen.session.due_count == 1
