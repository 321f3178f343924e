"""Leeches: questions failed again and again (Anki flags 8 lapses), and what to do with them.

For each leech the learner sees every failed answer with the key points it
missed (a stored free-text answer is graded again, deterministically), and the
question it is confused with when the grader's sibling check named one (an
answer that fits another question's key points far better). Two ways out:
drill it side by side with that sibling, or suspend it until the final sweep
before the interview (:attr:`StudySettings.suspended`; flashcards leave a
suspended question out until then).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.core.models import Catalog, Question
from quizapp.core.scheduling import Rating

if TYPE_CHECKING:
    from quizapp.store import Store

LEECH_LAPSES = 8
"""Lapses (Again ratings) that make a question a leech, as in Anki."""
SIBLING_MARK = "this describes another concept ("


@dataclass(frozen=True, slots=True)
class Miss:
    """One failed answer: when, how, and the key points it missed."""

    reviewed_at: datetime
    mode: str
    verdict: str | None
    missed: tuple[str, ...]
    answer: str | None


@dataclass(frozen=True, slots=True)
class Leech:
    """A question the learner keeps failing."""

    question: Question
    lapses: int
    misses: tuple[Miss, ...]
    sibling: Question | None
    suspended: bool

    @property
    def most_missed(self) -> list[tuple[str, int]]:
        """Key points by how often they were missed, most first."""
        counts = Counter(point for miss in self.misses for point in miss.missed)
        return counts.most_common()


def _sibling_of(reason: str | None, prompts: dict[str, Question]) -> Question | None:
    if not reason or SIBLING_MARK not in reason:
        return None
    rest = reason.split(SIBLING_MARK, 1)[1]
    for prompt, question in prompts.items():
        if rest.startswith(prompt + ")"):
            return question
    return None


def find_leeches(store: Store, catalog: Catalog, threshold: int = LEECH_LAPSES) -> list[Leech]:
    """Every question still in the banks with ``threshold`` lapses or more, most lapses first."""
    from quizapp.core.grading import grade

    suspended = store.study_settings().suspended
    prompts = {q.prompt.strip(): q for q in catalog.questions if q.kind == "text"}
    others = [q for q in catalog.questions if q.kind == "text"]
    result = []
    for question_id, lapses in sorted(store.lapses().items(), key=lambda kv: (-kv[1], kv[0])):
        question = catalog.get(question_id)
        if lapses < threshold or question is None:
            continue
        misses = []
        siblings: Counter[str] = Counter()
        for stored in store.reviews_of(question_id):
            if stored.rating != Rating.Again:
                continue
            missed: tuple[str, ...] = ()
            if stored.answer is not None and question.kind == "text":
                graded = grade(question, stored.answer, others)
                missed = tuple(graded.missed)
                sibling = _sibling_of(graded.reason, prompts)
                if sibling is not None and sibling.id != question.id:
                    siblings[sibling.id] += 1
            misses.append(
                Miss(stored.reviewed_at, stored.mode, stored.verdict, missed, stored.answer)
            )
        confused = catalog.get(siblings.most_common(1)[0][0]) if siblings else None
        result.append(Leech(question, lapses, tuple(misses), confused, question_id in suspended))
    return result


def suspend(store: Store, question_id: str, until_sweep: bool = True) -> None:
    """Set a question aside until the final sweep (``until_sweep=False``: take it back)."""
    settings = store.study_settings()
    chosen = set(settings.suspended)
    if until_sweep:
        chosen.add(question_id)
    else:
        chosen.discard(question_id)
    store.save_study_settings(settings.with_changes(suspended=frozenset(chosen)))


def drill_ids(leech: Leech) -> tuple[str, ...]:
    """The questions of a drill: the leech, then the one it is confused with."""
    if leech.sibling is None:
        return (leech.question.id,)
    return (leech.question.id, leech.sibling.id)
