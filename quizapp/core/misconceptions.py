"""Find the misconceptions (wrong claims a question lists) that an answer makes.

A misconception is made when one of its phrasings (text or aliases) is found
in one window of the answer, as a key point is (:mod:`quizapp.core.matching`),
with a coverage of at least :data:`MISCONCEPTION_AT` and not negated: "the
default is SequentialExecutor" makes the claim, "it is no longer
SequentialExecutor" does not. Words the prompt gives weigh little, so the
claim's own words must be said. Nor is it made when the claim's words are
said of the other item of a comparison prompt, or when the answer says the
flipped claim (:mod:`quizapp.core.contradictions`) more fully: "poke keeps
the slot; reschedule releases it" does not make "reschedule holds the slot".
A claim's sentence that names another number instead of the claim's is about
something else: "type 2 adds a row per change" does not make "type 1 adds a row
per change" (the whole sentence is read: "Airflow 3.1" does not make "in 3.0").
Nor when the sentence puts the claim in the past or says it does not work, or binds
its words to the other item of a comparison (:mod:`quizapp.core.claim_context`).

Three readings keep right answers from being marked down, as the right answers of
``benchmarks/grading_fp7.jsonl`` showed they were: a denial anywhere earlier in a claim
word's clause governs it ("it is not the kind of tool that loads sources into
Snowflake"), and so do "rather than", "instead of" and a clause opened by "unlike",
the prompt's words included ("DISTINCT does not keep the latest row"); and an identifier
weighs as one word in a claim's coverage, so naming ``ShortCircuitOperator`` is not a
claim about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quizapp.core import claim_context, contradictions
from quizapp.core.matching import AnswerIndex, Lexicon, Phrase, Subjects, prepare_phrase
from quizapp.core.models import Misconception, MisconceptionHit, Question
from quizapp.core.normalise import Token, tokenize
from quizapp.core.prompt_items import code_spans

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
    plan = _plan(question, question.prompt if prompt is None else prompt)
    index.learn(plan.lexicon)
    stems, roles, role_stems = plan.stems, plan.roles, plan.role_stems
    if role_stems:
        index.mark_roles(role_stems, plan.paired)
    hits: list[MisconceptionHit] = []
    for misconception, phrasings in plan.claims:
        for text, phrase, subjects in phrasings:
            match = index.match(phrase, MISCONCEPTION_AT, subjects, ignore_below=True)
            if not phrase.credible(match, MISCONCEPTION_AT) or match.negated:
                continue
            if phrase.groups and _coverage_by_words(phrase, index, match.span) < MISCONCEPTION_AT:
                continue  # "ShortCircuitOperator" named, the claim about it not said
            if not phrase.negative and _denied_in_answer(index, phrase, match.span):
                continue  # "DISTINCT does not keep the latest row": the prompt's words denied
            if match.misattributed:
                continue  # said of the other item of the comparison
            if not _numbers_said(text, index.text, match.span):
                continue  # "type 1 adds a row" is not made by "type 2 adds a row"
            if contradictions.flip_contradiction(text, match, index, stems, roles) is not None:
                continue  # the answer says the opposite claim (the true one) more fully
            span = match.span
            if span is not None and _not_made(text, index, span, role_stems, plan.items):
                continue
            shown = index.text[span[0] : span[1]] if span else ""
            hits.append(MisconceptionHit(misconception, span, shown))
            break
    return tuple(hits)


def _denied_in_answer(index: AnswerIndex, phrase: Phrase, span: tuple[int, int] | None) -> bool:
    """Whether a denial governs a word of the claim at each of its mentions in the matched
    span: a negation earlier in the word's clause, however far ("it is not a data
    integration tool that loads sources into Snowflake"), or "rather than" / "instead of"
    ("expand multiplies rather than zips"). The prompt's words count too: a key point's
    match ignores a denied prompt word (the answer may deny the question's premise and
    still make the point), but a claim whose verb is denied ("DISTINCT does not keep the
    latest row" for "how do you keep the latest row?") is not made."""
    if span is None:
        return False
    tokens = index.tokens
    inside = index.within(span)
    own_denials = _denied_by_claim(phrase.text)
    for stem in phrase.stems:
        if stem in own_denials:
            continue  # "replay the WAL instead of a snapshot": the claim denies it itself
        mentions = [k for k in index.find(stem) if k in inside]
        if mentions and all(_denied_at(tokens, k, index.text) for k in mentions):
            return True
    return False


def _coverage_by_words(phrase: Phrase, index: AnswerIndex, span: tuple[int, int] | None) -> float:
    """The claim's coverage in the span with each identifier weighing as one word, split
    over its parts: the parts of ``ShortCircuitOperator`` or ``spark.sql.adaptive.enabled``
    count once, so naming the identifier alone does not make a claim about it."""
    if span is None:
        return 0.0
    weights = list(phrase.weights)
    for group in phrase.groups:
        share = max(weights[i] for i in group) / len(group)
        for i in group:
            weights[i] = share
    inside = index.within(span)
    found = sum(
        w
        for stem, w in zip(phrase.stems, weights, strict=True)
        if any(k in inside for k in index.find(stem))
    )
    return found / (sum(weights) or 1.0)


def _denied_at(tokens: tuple[Token, ...], k: int, text: str) -> bool:
    """Whether a negation, "rather than" or "instead of" stands before ``tokens[k]`` in its
    clause, or "unlike" opens the clause (the tokenizer drops it, as a turn of sentence)."""
    clause = tokens[k].clause
    j = k - 1
    while j >= 0 and tokens[j].clause == clause:
        tok = tokens[j]
        if tok.negation:
            return True
        if j > 0 and (tokens[j - 1].word, tok.word) in _DENYING_PAIRS:
            return True
        j -= 1
    before = tokens[j].end if j >= 0 else 0
    return _UNLIKE.search(text, before, tokens[j + 1].start) is not None


_UNLIKE = re.compile(r"\bunlike\b", re.IGNORECASE)
_DENYING_PAIRS = frozenset({("rather", "than"), ("instead", "of")})


@lru_cache(maxsize=4096)
def _denied_by_claim(text: str) -> frozenset[str]:
    """The stems a claim itself puts after a denial ("instead of a snapshot")."""
    tokens = tokenize(text)
    return frozenset(t.stem for k, t in enumerate(tokens) if _denied_at(tokens, k, text))


@dataclass(frozen=True, slots=True)
class _Plan:
    """What finding a question's misconceptions needs that no answer changes."""

    lexicon: Lexicon
    stems: frozenset[str]
    """The prompt's stems."""
    roles: tuple[tuple[str, str], ...]
    """The comparison's flip pairs (:func:`contradictions.compared_flips`)."""
    role_stems: frozenset[str]
    """The compared items' stems."""
    paired: frozenset[str]
    """Those of the flip pairs alone ("X or Y"): the items' own names."""
    claims: tuple[tuple[Misconception, tuple[tuple[str, Phrase, Subjects | None], ...]], ...]
    """Each misconception with its phrasings: text, prepared, and the item it is about."""
    items: tuple[tuple[str, ...], ...]
    """The stems of each item the prompt names in code (:func:`_items`)."""


_PLANS: dict[tuple[int, str], tuple[Question, _Plan]] = {}


def _plan(question: Question, prompt: str) -> _Plan:
    """The :class:`_Plan` of ``question`` read against ``prompt`` (cached per question
    object: questions are frozen)."""
    cached = _PLANS.get((id(question), prompt))
    if cached is not None and cached[0] is question:
        return cached[1]
    if len(_PLANS) > 4096:
        _PLANS.clear()
    stems = _prompt_stems(prompt)
    roles = contradictions.compared_flips(prompt)
    paired = frozenset(tokenize(w)[0].stem for pair in roles for w in pair)
    role_stems = paired | contradictions.compared_subjects(prompt)
    claims = tuple(
        (
            m,
            tuple(
                (text, prepare_phrase(text, stems), _subjects(text, role_stems))
                for text in m.phrasings
            ),
        )
        for m in question.misconceptions
    )
    plan = _Plan(
        _lexicon(question.misconceptions), stems, roles, role_stems, paired, claims, _items(prompt)
    )
    _PLANS[(id(question), prompt)] = (question, plan)
    return plan


def _not_made(
    text: str,
    index: AnswerIndex,
    span: tuple[int, int],
    subjects: frozenset[str],
    items: tuple[tuple[str, ...], ...],
) -> bool:
    """Whether the words that match a claim say something else: the sentence puts it in
    the past ("the old default, removed in 3.0") or, in a comparison or of the items a
    prompt names in code, the claim's words are said of another item
    (:mod:`quizapp.core.claim_context`)."""
    sentence = claim_context.sentence_of(index.text, index.tokens, span)
    return (
        claim_context.said_as_history(text, sentence)
        or claim_context.said_of_another(text, subjects, index.tokens, span)
        or (len(items) > 1 and claim_context.said_of_sibling(text, items, index.tokens, span))
    )


@lru_cache(maxsize=1024)
def _items(prompt: str) -> tuple[tuple[str, ...], ...]:
    """The stems of each code item of the prompt (``@task.virtualenv``, ``partial()``)."""
    stems = (tuple(t.stem for t in tokenize(item) if not t.stop) for item in code_spans(prompt))
    return tuple(dict.fromkeys(s for s in stems if s))


_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)|[;\n]")
"""Where a sentence ends: a full stop before a space (not the one in "3.1"), ; or a new line."""


def _numbers_said(text: str, answer: str, span: tuple[int, int] | None) -> bool:
    """Whether the sentence of the answer that makes a claim keeps the claim's numbers
    ("SCD type 1", "retries default to 3"): one that names another number instead
    ("type 2 adds a row") is about something else, though the fuzzy match weighs a
    number too little to tell. A sentence with no number at all may still make it."""
    wanted = _numbers(text)
    if not wanted or span is None:
        return True
    start = max((m.end() for m in _SENTENCE_STOP.finditer(answer, 0, span[0])), default=0)
    end = next((m.start() for m in _SENTENCE_STOP.finditer(answer, span[1])), len(answer))
    said = _numbers(answer[start:end])  # the whole sentence: "3.1" after a span ending at "3"
    return not said or wanted <= said


def _numbers(text: str) -> frozenset[str]:
    """The numbers a text says, in digits or words ("seven days"), leaving out Airflow's
    version ("in Airflow 3")."""
    words = [t.word for t in tokenize(text)]
    return frozenset(
        _NUMBER_WORDS.get(w, w)
        for i, w in enumerate(words)
        if (w.isdigit() or w in _NUMBER_WORDS) and (i == 0 or words[i - 1] != "airflow")
    )


_NUMBER_WORDS = dict(
    zip(
        (  # noqa: SIM905 (a line of words reads better than a list of 24 strings)
            "zero two three four five six seven eight nine ten eleven twelve thirteen"
            " fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty sixty"
            " hundred thousand"
        ).split(),
        ("0", *map(str, range(2, 21)), "30", "60", "100", "1000"),
        strict=True,
    )
)
"""Numbers said in words. Not "one": it is a pronoun as often ("the new one")."""


def _subjects(text: str, role_stems: frozenset[str]) -> Subjects | None:
    """The comparison item a misconception is about (``reschedule`` in "reschedule mode
    holds the slot"), so the claim said of the other item does not count."""
    named = {t.stem for t in tokenize(text) if t.stem in role_stems}
    if len(named) != 1:
        return None
    return Subjects(frozenset((s,) for s in named), frozenset((s,) for s in role_stems - named))
