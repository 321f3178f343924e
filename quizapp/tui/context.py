"""What every mode screen is given: the catalog, the store, the clock, the choice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.core.clock import Clock
    from quizapp.core.models import Catalog, Question
    from quizapp.core.study import Filters
    from quizapp.store import Store


@dataclass(frozen=True)
class Selection:
    """Which questions the learner chose to drill; an empty set means "all"."""

    banks: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    difficulties: frozenset[str] = frozenset()

    def describe(self) -> str:
        """One line for the home screen: ``all banks · all tags · any difficulty``."""
        banks = ", ".join(sorted(self.banks)) or "all banks"
        tags = ", ".join(sorted(self.tags)) or "all tags"
        levels = ", ".join(sorted(self.difficulties)) or "any difficulty"
        return f"{banks} · {tags} · {levels}"

    def filters(self) -> Filters:
        """The same choice as the sessions' :class:`~quizapp.core.sessions.Filters`."""
        from quizapp.core.study import Filters

        return Filters(self.banks, self.tags, self.difficulties)


@dataclass(frozen=True)
class LaunchOptions:
    """Command-line options that mode screens may use (``quizapp mock --questions N``).

    ``question_ids`` (``quizapp quiz --id``/``--weakest``) are for the first
    screen only: see :meth:`start_arguments`.
    """

    mock_questions: int | None = None
    mock_minutes: float | None = None
    question_ids: tuple[str, ...] = ()
    cram: bool = False
    """``quizapp flash --cram``: the first flashcard screen crams (schedules nothing)."""

    def start_arguments(self) -> dict[str, Any]:
        """The keyword arguments of the screen the app opens on (none for later ones)."""
        arguments: dict[str, Any] = {"question_ids": self.question_ids} if self.question_ids else {}
        if self.cram:
            arguments["cram"] = True
        return arguments


@dataclass
class StudyContext:
    """Shared state handed to each mode screen's constructor."""

    catalog: Catalog
    store: Store
    clock: Clock
    selection: Selection = field(default_factory=Selection)
    options: LaunchOptions = field(default_factory=LaunchOptions)

    def selected_questions(self) -> list[Question]:
        """The catalog's questions within the selection, in catalog order."""
        filters = self.selection.filters()
        return [q for q in self.catalog.questions if filters.matches(q)]
