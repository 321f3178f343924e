"""What the sibling check needs of a catalog, worked out once per catalog, not per answer.

The sibling check (:func:`quizapp.core.grading.grade` with ``others``) ranks the other
questions by how many of the answer's words their key points use. Each question's
vocabulary and prompt stems, and an inverted index from stem to questions, depend only on
the catalog: :func:`catalog_index` builds them once per sequence of question objects.

Questions are frozen: an edited or reloaded question is a new object, so a sequence that
holds it is a new key and is indexed afresh. The cache holds the questions it indexed (their
ids cannot be reused while it does) and keeps the last :data:`CATALOGS` sequences.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat

from quizapp.core.models import Question

CATALOGS = 8
"""How many sequences of questions (catalogs) are kept indexed."""

Stems = Callable[[Question], frozenset[str]]


@dataclass(frozen=True, slots=True)
class CatalogIndex:
    """The text questions of a sequence with key points, in its order, and which use a stem."""

    questions: tuple[Question, ...]
    prompts: tuple[frozenset[str], ...]
    by_stem: dict[str, tuple[int, ...]]

    def ranked(
        self, question: Question, words: Iterable[str], asked: frozenset[str], n: int
    ) -> list[Question]:
        """The ``n`` questions sharing most ``words`` (distinct; ties: in catalog order),
        leaving out ``question`` and those whose prompt ``asked`` already covers.

        The same as sorting every candidate by shared words, stably, and taking ``n``.
        """
        by_stem = self.by_stem
        shared = Counter(chain.from_iterable(map(by_stem.get, words, repeat(()))))
        order = [k for _, k in sorted([(-count, k) for k, count in shared.items()])]
        unshared = (k for k in range(len(self.questions)) if k not in shared)
        found: list[Question] = []
        for k in chain(order, unshared):
            other = self.questions[k]
            if other.id == question.id or self.prompts[k] <= asked:
                continue
            found.append(other)
            if len(found) == n:
                break
        return found


_INDEXES: dict[tuple[int, ...], tuple[tuple[Question, ...], CatalogIndex]] = {}
_LOCK = threading.Lock()  # the app grades in worker threads


def catalog_index(
    others: Sequence[Question], vocabulary: Stems, prompt_stems: Callable[[str], frozenset[str]]
) -> CatalogIndex:
    """The index of ``others`` (built on first use, then cached by its questions' identity)."""
    key = tuple(map(id, others))
    cached = _INDEXES.get(key)
    if cached is not None:
        return cached[1]
    with _LOCK:
        return (
            _INDEXES[key][1] if key in _INDEXES else _build(key, others, vocabulary, prompt_stems)
        )


def _build(
    key: tuple[int, ...],
    others: Sequence[Question],
    vocabulary: Stems,
    prompt_stems: Callable[[str], frozenset[str]],
) -> CatalogIndex:
    questions = tuple(q for q in others if q.kind == "text" and q.key_points)
    by_stem: dict[str, list[int]] = {}
    for k, q in enumerate(questions):
        for stem in vocabulary(q):
            by_stem.setdefault(stem, []).append(k)
    index = CatalogIndex(
        questions,
        tuple(prompt_stems(q.prompt) for q in questions),
        {stem: tuple(ks) for stem, ks in by_stem.items()},
    )
    if len(_INDEXES) >= CATALOGS:
        del _INDEXES[next(iter(_INDEXES))]
    _INDEXES[key] = (tuple(others), index)
    return index
