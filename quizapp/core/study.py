"""What a study session draws from: the learner's filters and the daily new-card limit.

Kept apart from :mod:`quizapp.core.sessions` (which needs the FSRS scheduler) so
the home screen can count due and new questions without importing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

DEFAULT_NEW_LIMIT = 20
"""New cards introduced per day, as in Anki."""


if TYPE_CHECKING:  # only read by the type checker: a Protocol costs time at import

    class StudyItem(Protocol):
        """What the filters read of a question (a ``Question``, or its digest)."""

        @property
        def id(self) -> str: ...

        @property
        def bank(self) -> str: ...

        @property
        def kind(self) -> str: ...

        @property
        def difficulty(self) -> str: ...

        @property
        def tags(self) -> tuple[str, ...]: ...


Item = TypeVar("Item", bound="StudyItem")


@dataclass(frozen=True, slots=True)
class Filters:
    """Which questions to study; an empty set means "any"."""

    banks: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    difficulties: frozenset[str] = frozenset()

    def matches(self, question: StudyItem) -> bool:
        """Whether the question passes every filter (tags: any one of them)."""
        return (
            (not self.banks or question.bank in self.banks)
            and (not self.tags or not self.tags.isdisjoint(question.tags))
            and (not self.difficulties or question.difficulty in self.difficulties)
        )


def study_questions(
    questions: Iterable[Item], filters: Filters, kinds: Iterable[str]
) -> list[Item]:
    """The questions that pass ``filters`` and are of a kind in ``kinds``, in order."""
    allowed = set(kinds)
    return [q for q in questions if q.kind in allowed and filters.matches(q)]
