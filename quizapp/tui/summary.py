"""The home screen's figures: due today, new, streak, last mock, for the learner's selection.

Read with :mod:`quizapp.store.summary` (plain :mod:`sqlite3`), so they can be on
the first frame, before the full store and the scheduler are even imported.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.study import study_questions
from quizapp.store.summary import home_figures
from quizapp.tui.context import Selection
from quizapp.tui.widgets.summary import HomeSummary

if TYPE_CHECKING:
    from quizapp.core.catalog_digest import CatalogView
    from quizapp.core.clock import Clock


def summarize(
    db_path: Path, catalog: CatalogView, selection: Selection, clock: Clock, tz: tzinfo | None
) -> HomeSummary | None:
    """The figures for ``selection``; None while only the full store can read the file.

    "New" is what a flashcard session would introduce now (the daily new-card
    limit applied); "due now" counts the cards a flashcard session would start with.
    Raises :class:`sqlite3.Error` when the file cannot be read.
    """
    filters = selection.filters()
    study = study_questions(catalog.questions, filters, ("text",))
    figures = home_figures(db_path, [q.id for q in study], clock.now(), tz)
    if figures is None:
        return None
    return HomeSummary(
        due_today=figures.due_today,
        new_available=figures.new_available,
        streak_days=figures.streak_days,
        last_mock_score=figures.last_mock_score,
        selected=sum(1 for q in catalog.questions if filters.matches(q)),
        days_to_go=figures.days_to_go,
    )
