"""The home screen's figures, read from the store and the sessions (run in a worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.core.models import Catalog
from quizapp.tui.context import Selection
from quizapp.tui.widgets.summary import HomeSummary

if TYPE_CHECKING:
    from quizapp.core.clock import Clock
    from quizapp.store import Store


def summarize(store: Store, catalog: Catalog, selection: Selection, clock: Clock) -> HomeSummary:
    """Due today and new (within the selection), the streak, the last mock's score.

    "New" is what a flashcard session would introduce now (the daily new-card
    limit applied); "due today" counts cards due by the end of the learner's day.
    """
    from quizapp.core.sessions import FlashSession, study_questions
    from quizapp.store.progress import mock_history, streak

    now = clock.now()
    filters = selection.filters()
    plan = FlashSession(store, catalog, clock=clock, filters=filters)
    today = store.today(now)
    cards = store.cards()
    selected = study_questions(catalog.questions, filters, ("text",))
    due_today = sum(1 for q in selected if q.id in cards and store.today(cards[q.id].due) <= today)
    mocks = mock_history(store)
    return HomeSummary(
        due_today=due_today,
        new_available=plan.new_count,
        streak_days=streak(store, now).current,
        last_mock_score=mocks[-1].score if mocks else None,
        selected=sum(1 for q in catalog.questions if filters.matches(q)),
    )
