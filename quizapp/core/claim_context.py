"""Whether the words that match a misconception really make the claim.

A fuzzy window can gather a claim's words from a sentence that says something
else. Two readings of the words around a match tell it apart:

- **said as history**: the sentence says the claimed thing was removed or is
  gone ("SequentialExecutor, the old SQLite default, was removed in 3.0"), is not
  supported, or does not work ("reading the context at the top level doesn't work");
- **said of the other item**: in a comparison, the claim's words follow the
  other item's name ("Lambda runs a batch layer and a speed layer ... Kappa drops
  the batch layer" does not make "Kappa keeps a batch layer"; "ETL transforms
  first, ELT loads raw and transforms in the warehouse" does not make "ETL loads
  raw data first"). A claim naming both items in parallel clauses needs each item's
  words bound to that item: "a warehouse holds modelled data, a lake keeps raw files"
  does not make "the lake holds the modelled data and the warehouse keeps the raw
  files". The items a prompt names in code (``@task.virtualenv``,
  ``@task.external_python``) are read so too (:func:`said_of_sibling`).

Tried and left out, as they cost more wrong claims than they saved right answers
on the judged sets: requiring the claim's words that the truth never uses, and
reading a sentence that also says the correction as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.normalise import Token, tokenize

_HISTORY = re.compile(
    r"\b(?:removed|gone|dropped|deprecated|legacy|formerly|obsolete|used to|"
    r"no longer|went away|was replaced|were replaced|in airflow 2|airflow 2\.\w+|before airflow 3|"
    r"pre-3|until 3\.0|retired|not supported|unsupported)\b",
    re.IGNORECASE,
)
"""Words that put a claim in the past: the sentence says it was so, not that it is."""


def window_tokens(tokens: Sequence[Token], span: tuple[int, int]) -> list[Token]:
    """The answer's tokens inside a match's span."""
    return [t for t in tokens if span[0] <= t.start < span[1]]


def sentence_of(text: str, tokens: Sequence[Token], span: tuple[int, int]) -> str:
    """The text of the sentences a span touches."""
    inside = window_tokens(tokens, span)
    if not inside:
        return text[span[0] : span[1]]
    first, last = inside[0].sentence, inside[-1].sentence
    around = [t for t in tokens if first <= t.sentence <= last]
    return text[around[0].start : around[-1].end]


_DISMISSED = re.compile(
    r"\b(?:does not|doesn't|do not|don't|will not|won't|cannot|can't) work\b", re.IGNORECASE
)
"""A sentence that says the claimed way fails ("reading it at the top level doesn't work")."""


def said_as_history(phrasing: str, sentence: str) -> bool:
    """Whether the sentence says the claimed thing is gone or removed, or that it does not
    work (and the claim does not)."""
    return any(
        p.search(sentence) is not None and p.search(phrasing) is None
        for p in (_HISTORY, _DISMISSED)
    )


def said_of_another(
    phrasing: str, subjects: frozenset[str], tokens: Sequence[Token], span: tuple[int, int]
) -> bool:
    """Whether, in a comparison, most of the claim's own words follow another item's name.

    Each of the claim's words in the window is bound to the nearest item named before
    it in its sentence (the window's start may take it from earlier in the sentence).
    A claim that names one item owns all its words; one that names two ("the lake holds
    the modelled data and the warehouse keeps the raw files") gives each item the words
    after it (those before the first go to the first), and only words of one item tell:
    the answer that binds them the other way round ("a warehouse holds modelled data, a
    lake keeps raw files") says each of the other."""
    claim = [t for t in tokenize(phrasing) if not t.stop and not t.negation]
    order = [t.stem for t in claim if t.stem in subjects]
    if not order or (len(set(order)) > 1 and not _parallel(phrasing, subjects)):
        return False
    owners: dict[str, set[str]] = {}
    current = order[0]
    for t in claim:
        if t.stem in subjects:
            current = t.stem
        else:
            owners.setdefault(t.stem, set()).add(current)
    own = {word: next(iter(items)) for word, items in owners.items() if len(items) == 1}
    inside = window_tokens(tokens, span)
    if not inside or not own or _list_like(inside):
        return False
    sentence = inside[0].sentence
    bound: str | None = None
    ours = theirs = 0
    for t in tokens:
        if t.sentence != sentence or t.start >= span[1]:
            continue
        if t.stem in subjects and t.ident < 0:
            bound = t.stem
            continue
        if t.start < span[0] or t.stem not in own or bound is None:
            continue
        if bound == own[t.stem]:
            ours += 1
        else:
            theirs += 1
    return theirs > ours


def said_of_sibling(
    phrasing: str,
    items: tuple[tuple[str, ...], ...],
    tokens: Sequence[Token],
    span: tuple[int, int],
) -> bool:
    """Whether a claim about one of the items a prompt names in code (``@task.virtualenv``)
    is said, in the answer's sentence, of another of them: "@task.virtualenv builds a new
    virtualenv, @task.external_python uses an existing Python environment" does not make
    "@task.virtualenv runs in the worker's existing environment".

    ``items`` are the items' stems in order. The claim must name one item by a stem no
    other item has; its other words (the items' stems aside) are bound to the item named
    nearest before them in the sentence, where a mention is the item written out
    (``@task.virtualenv``, or ``external_python`` as one identifier) opening its clause:
    a bare "virtualenv" in "creates a new virtualenv" is a word, not a subject."""
    own = [set(item).difference(*(o for o in items if o is not item)) for item in items]
    claim = [t.stem for t in tokenize(phrasing) if not t.stop and not t.negation]
    mine = [k for k, stems in enumerate(own) if stems.intersection(claim)]
    if len(mine) != 1:
        return False
    named = {stem for item in items for stem in item}
    words = {stem for stem in claim if stem not in named}
    inside = window_tokens(tokens, span)
    if not inside or not words or _list_like(inside):
        return False
    sentence = inside[0].sentence
    mentions = _mentions(items, own, tokens, sentence)
    bound: int | None = None
    ours = theirs = 0
    for k, t in enumerate(tokens):
        if t.sentence != sentence or t.start >= span[1]:
            continue
        if k in mentions:
            bound = mentions[k]
        elif t.start >= span[0] and t.stem in words and bound is not None:
            if bound == mine[0]:
                ours += 1
            else:
                theirs += 1
    return theirs > 0 and theirs > ours


def _mentions(
    items: tuple[tuple[str, ...], ...],
    own: list[set[str]],
    tokens: Sequence[Token],
    sentence: int,
) -> dict[int, int]:
    """Where in the sentence an item is named as a clause's subject: token position to
    item. The item is written out in full, or from its first own stem on within one
    identifier (``external_python``), within the clause's first two content words; the
    longest item written there wins."""
    found: dict[int, int] = {}
    opening: dict[int, int] = {}
    for k, t in enumerate(tokens):
        if t.sentence != sentence or t.stop:
            continue
        opening[t.clause] = opening.get(t.clause, 0) + 1
        if opening[t.clause] > 2:
            continue
        longest = 0
        for n, item in enumerate(items):
            first = next((i for i, stem in enumerate(item) if stem in own[n]), 0)
            for form in {item, item[first:]}:
                said = tuple(x.stem for x in tokens[k : k + len(form)] if not x.stop)
                whole = len(form) == len(item) or t.ident >= 0
                if said == form and whole and len(form) > longest:
                    found[k], longest = n, len(form)  # "@task.kubernetes", not "@task"
    return found


_JOINING = frozenset({"and", "while", "whereas", "but"})


def _parallel(phrasing: str, subjects: frozenset[str]) -> bool:
    """Whether a claim that names two items says one thing of each in parallel clauses
    ("the lake holds X and the warehouse keeps Y"): every item named after the first
    opens a clause or follows "and", "while", "whereas" or "but" (articles aside). "Astro
    uses its own format so Airflow DAGs must be converted" names Airflow as an object."""
    tokens = tokenize(phrasing)
    first = next(k for k, t in enumerate(tokens) if t.stem in subjects)
    for k in range(first + 1, len(tokens)):
        if tokens[k].stem not in subjects or tokens[k].stem == tokens[first].stem:
            continue
        j = k - 1
        while j > first and tokens[j].word in ("the", "a", "an", "data"):
            j -= 1
        if tokens[j].clause == tokens[k].clause and tokens[j].word not in _JOINING:
            return False
    return True


def _list_like(inside: Sequence[Token]) -> bool:
    """Whether a window is a list of terms (a clause per word or two), not a sentence."""
    content = [t for t in inside if not t.stop]
    return len({t.clause for t in content}) * 2 >= len(content) >= 4
