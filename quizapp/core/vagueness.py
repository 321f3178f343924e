"""Whether an answer that makes no key point is vague rather than wrong.

A vague answer gestures at the topic in general words ("I'd organise it better
and make sure the infrastructure can handle it"): it names nothing specific (no
identifier, number, acronym or CamelCase name the prompt does not give), denies
nothing, and hedges or generalises. An interviewer hears that the candidate is
near the topic and lacks the specifics: ``partial``. An answer in specific terms
that makes no point says something else, and stays ``incorrect``.
"""

from __future__ import annotations

import re

from quizapp.core.patterns import Caseless, by_first_letter

_HEDGES_TEXT = (
    r"\b(?:some|something|somehow|things?|stuff|better|more|good|careful(?:ly)?|"
    r"make sure|maybe|probably|basically|certain|various|different|"
    r"general(?:ly)?|i'd|i would|etc|depends|appropriate(?:ly)?|properly|whatever|"
    r"best|efficient(?:ly)?|powerful|overall|as a whole|smarter|kind of|sort of|a fair bit|"
    r"a lot|lots of|loads of|a bunch|one way or another|in some way|and so on|in general|"
    r"proper|the right (?:people|way|thing|place)|one of the|somewhere|someone|somebody)\b"
)


_HEDGES = re.compile(by_first_letter(_HEDGES_TEXT), re.IGNORECASE)
"""Words of a general answer: hedges, vague quantities, unspecific praise, a thing named only
as "one of the" features or "the right" way (searched by first letter: many answers are
read for hedges, and most of their words start no hedge)."""

_SPECIFIC = re.compile(r"[A-Z][a-z]+[A-Z]|_|\.\w|\(\)|\d|\b[A-Z]{2,}\b|>>|<<|=")
"""A token that names something: CamelCase, snake_case, dotted or called, a number, an
acronym, code."""

_WORD = re.compile(r"[\w.()<>=]+")
_NAME = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][a-z]+")
"""A capitalised word inside a sentence: a product or a proper name (Kafka, Spark)."""

_NOT_VAGUE = re.compile(
    by_first_letter(
        r"\b(?:the same|no (?:\w+ )?difference|look it up|no idea|not sure|don'?t know|dunno"
        r"|only|always|exactly|guarantee[sd]?)\b"
    ),
    re.IGNORECASE,
)
"""A claim that things are the same, a sweeping claim ("only", "always"): confident,
so wrong rather than vague; or a shrug."""


_HEDGES_SAID, _NOT_VAGUE_SAID = Caseless(_HEDGES), Caseless(_NOT_VAGUE)

_EVERYWHERE = frozenset({"Airflow", "DAG", "DAGs", "Python", "UI", "API", "DB", "SQL"})
"""Names every answer on the topic says: naming them names nothing in particular."""


def names_something(answer: str, prompt: str) -> bool:
    """Whether the answer names a specific thing the prompt does not."""
    words = [w for w in _WORD.findall(answer) if w.strip(".") not in _EVERYWHERE]
    if any(_SPECIFIC.search(w) and w not in prompt for w in words):
        return True
    return any(
        m.group() not in prompt and m.group() not in _EVERYWHERE
        for m in _NAME.finditer(answer.strip())
    )


def hedges(answer: str) -> bool:
    """Whether the answer speaks in general words (a hedge or a vague quantity)."""
    return _HEDGES_SAID.search(answer)


def vague(answer: str, prompt: str) -> bool:
    """A general answer that names nothing the prompt does not: vague, not wrong.

    The caller has already found that it makes no key point and contradicts none."""
    if _NOT_VAGUE_SAID.search(answer):
        return False
    return hedges(answer) and not names_something(answer, prompt)
