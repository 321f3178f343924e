"""Predicted recall: FSRS retrievability of a question at any moment, and averages of it.

One formula serves every figure that says "how likely you are to remember":
readiness on the interview day (:mod:`quizapp.core.plan`), mastery today, the
weakest questions. FSRS-6's forgetting curve is

    R(t, S) = (1 + F * t / S) ** -w20,   F = 0.9 ** (-1 / w20) - 1

with ``t`` the whole days since the last review (as ``fsrs`` counts them, so
the figure equals ``Scheduler.get_card_retrievability``), ``S`` the card's
stability and ``w20`` the decay parameter (fitted by ``quizapp tune`` or the
FSRS-6 default). A question never reviewed has no memory: its recall is 0.

Pure arithmetic on floats, no ``fsrs`` import: readiness over thousands of
cards stays a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from quizapp.core.clock import as_utc

DEFAULT_DECAY = 0.1542
"""FSRS-6's default ``w20`` (the forgetting curve's decay)."""


def decay_of(parameters: Sequence[float] | None) -> float:
    """The decay ``w20`` of a parameter set (the FSRS-6 default for None or an older set)."""
    if parameters is not None and len(parameters) > 20:
        return float(parameters[20])
    return DEFAULT_DECAY


def retrievability_at(
    stability: float | None,
    last_review: datetime | None,
    at: datetime,
    decay: float = DEFAULT_DECAY,
) -> float:
    """The probability of recalling a card with this memory state at ``at`` (0.0 when unseen)."""
    if stability is None or last_review is None or stability <= 0:
        return 0.0
    elapsed = max(0, (as_utc(at) - as_utc(last_review)).days)
    factor = 0.9 ** (-1.0 / decay) - 1.0
    return float((1.0 + factor * elapsed / stability) ** -decay)


MemoryState = tuple[float | None, datetime | None]
"""A card's ``(stability, last_review)``: all that its recall depends on."""


def recall_by_question(
    states: Mapping[str, MemoryState],
    question_ids: Iterable[str],
    at: datetime,
    decay: float = DEFAULT_DECAY,
) -> dict[str, float]:
    """Each question's recall at ``at``; a question without a state counts as not known (0)."""
    result = {}
    for question_id in question_ids:
        stability, last_review = states.get(question_id, (None, None))
        result[question_id] = retrievability_at(stability, last_review, at, decay)
    return result


def mean_recall_by_topic(
    states: Mapping[str, MemoryState],
    topics: Mapping[str, Iterable[str]],
    at: datetime,
    decay: float = DEFAULT_DECAY,
) -> dict[str, float]:
    """Per topic, the mean recall at ``at`` of its questions (unseen ones count 0)."""
    result = {}
    for topic, ids in topics.items():
        values = list(recall_by_question(states, ids, at, decay).values())
        result[topic] = sum(values) / len(values) if values else 0.0
    return result
