"""Find the misconceptions (wrong claims a question lists) that an answer makes.

A misconception is made when one of its phrasings (text or aliases) is found
in one window of the answer, as a key point is (:mod:`quizapp.core.matching`),
with a coverage of at least :data:`MISCONCEPTION_AT` and not negated: "the
default is SequentialExecutor" makes the claim, "it is no longer
SequentialExecutor" does not. Words the prompt gives weigh little, so the
claim's own words must be said.
"""

from __future__ import annotations

from functools import lru_cache

from quizapp.core.matching import AnswerIndex, Lexicon, prepare_phrase
from quizapp.core.models import Misconception, MisconceptionHit, Question
from quizapp.core.normalise import tokenize

MISCONCEPTION_AT = 0.75
"""Coverage a misconception's phrasing needs in one window for the claim to count as made."""


@lru_cache(maxsize=1024)
def _prompt_stems(prompt: str) -> frozenset[str]:
    return frozenset(t.stem for t in tokenize(prompt) if not t.stop and not t.negation)


@lru_cache(maxsize=1024)
def _lexicon(misconceptions: tuple[Misconception, ...]) -> Lexicon:
    return Lexicon(
        frozenset(
            t.stem
            for m in misconceptions
            for text in m.phrasings
            for t in tokenize(text)
            if not t.stop and not t.negation
        )
    )


def find(
    question: Question, index: AnswerIndex, prompt: str | None = None
) -> tuple[MisconceptionHit, ...]:
    """The misconceptions of ``question`` that the indexed answer makes, in bank order.

    ``prompt`` defaults to the question's; lint passes ``""`` to check the model answer.
    """
    if not question.misconceptions:
        return ()
    index.learn(_lexicon(question.misconceptions))
    stems = _prompt_stems(question.prompt if prompt is None else prompt)
    hits: list[MisconceptionHit] = []
    for misconception in question.misconceptions:
        for text in misconception.phrasings:
            phrase = prepare_phrase(text, stems)
            match = index.match(phrase, MISCONCEPTION_AT)
            if phrase.credible(match, MISCONCEPTION_AT) and not match.negated:
                span = match.span
                shown = index.text[span[0] : span[1]] if span else ""
                hits.append(MisconceptionHit(misconception, span, shown))
                break
    return tuple(hits)
