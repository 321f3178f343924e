"""Grade a free-text answer against a question's key points, and say why.

Pure and deterministic: ``grade(question, answer, others=()) -> Grade``.

1. Traps first (:mod:`quizapp.core.traps`): an empty answer, "I don't know",
   gibberish, a bare salad of keywords, a list of five or more bare terms alone or
   with a sentence that says the question back (unless the prompt asks for a
   list), or the prompt's own words echoed back
   are ``incorrect`` at once, with the reason. An answer that writes code
   the prompt only names in words (``astro deploy --dags`` for "what is a
   DAG-only deploy?") is not an echo when that code is in a key point it
   hits: code is an answer even when its words are the prompt's. (Code is a
   ``--flag`` with the words right before it, or a snake_case / CamelCase
   identifier; the words of a key point's command weigh in full even if the
   prompt says them.)
2. Each key point is hit when one of its phrasings (text or aliases) is found
   in one window of the answer (:mod:`quizapp.core.matching`) with a coverage
   of at least :data:`POINT_HIT_AT`, a word the prompt does not already give,
   its identifiers whole (``retry_delay``; a phrasing that has no telling word, only
   the prompt's and common ones, is said in full), and the same polarity: "XComs are
   *not* for sharing data" does not hit "XComs share data between tasks", it
   contradicts it. In a comparison question (points about two or more
   identifiers), a point said of another point's subject does not count. A
   contradiction read into the very words that make another point hit is dropped.
3. The score is the weighted share of points hit, less
   :data:`NEGATION_PENALTY` times the weight of each point contradicted; a
   near miss (coverage of :data:`NEAR_AT` or more) adds :data:`NEAR_CREDIT` of
   its weight, but only hits can make an answer ``correct``. The verdict comes
   from :data:`CORRECT_AT` and :data:`PARTIAL_AT` for the question's
   ``grading`` (lenient / normal / strict). Then by points made, when none is
   contradicted: :data:`CORE_HITS` points hit, one of them of the heaviest
   weight and together :data:`CORE_HITS_SHARE` of it, make a ``partial``
   answer ``correct`` (a textbook answer to a question with six or seven
   points; not on ``strict`` questions); fewer than :data:`CORE_HITS` points
   make a ``correct`` answer only if every heaviest point is among them (two of
   three core facts are ``partial``, however much they weigh); one point hit
   makes an ``incorrect`` one ``partial``; and a vague answer that makes one at most and
   stays in the topic's terms (:data:`TOPIC_SHARE` of its content words are the
   prompt's, the key points' or the model answer's) and denies nothing is ``partial``
   too. A ``partial`` answer that makes no heaviest point and whose nearest words to one
   are negated ("it can't be throttled"), or not negated where the point is itself a
   denial ("does not carry over"), denies the core: ``incorrect``. A ``correct`` answer
   that names fewer than three quarters of the items the prompt lists (``partial()``,
   ``expand()``, ``expand_kwargs()``; SCD types 0, 1, 2 and 3:
   :mod:`quizapp.core.prompt_items`) is ``partial``, and the reason names the items left
   out; so is one that gives another number for a point's ("defaults to 1" for "retries
   default to 0").
4. Off the mark: a ``partial`` answer of :data:`OFF_MARK_WORDS` words or more
   whose hits weigh less than :data:`OFF_MARK_SHARE` of the points is
   ``incorrect``: it had room for the points and made other claims instead
   (unless it denies nothing and stays in the question's terms, as
   :data:`ON_TOPIC_SHARE` says: then it is vague, and ``partial``). So
   is a one-point answer of :data:`STRAY_WORDS` content words or more, fewer
   than :data:`STRAY_SHARE` of them its question's: it talks about something else.
   A vague answer (one loose hit at most, in general words) is neither off the mark
   nor a stray: it is ``partial``.
   A sibling concept (when ``others`` is given, e.g. the catalog's questions):
   a ``partial`` answer (one that is right on its own points stands, and so does one
   that makes its own question's heaviest point: that fact is its concept's) that
   fits another question's key points better by
   :data:`SIBLING_MARGIN` than its own, well enough for that question to
   grade it ``correct``, describes the other concept (SubDAGs for Task
   Groups, a data lake for a warehouse): ``incorrect``. A question
   whose prompt the answered prompt already covers ("How do Task Groups differ
   from SubDAGs?" covers "What is a SubDAG?") is never a sibling.
5. Misconceptions (the question's ``misconceptions:``, found as
   :mod:`quizapp.core.misconceptions` says): an answer that makes one is
   never ``correct``. It is ``incorrect`` when the misconception is ``core``
   (marked so, or the wrong version of a heaviest point the answer misses: said
   where the answer comes nearest to it, or sharing its subject) or when the
   points it hits (not counting words that made the wrong claim) weigh less
   than :data:`MISCONCEPTION_KEEPS_PARTIAL` of the total; otherwise ``partial``.
   The grade lists each one with its correction.
   Airflow 2 habits presented as current practice (``execution_date``,
   ``airflow dags backfill``, the Flask webserver...: :mod:`quizapp.core.legacy`)
   are misconceptions of every question that does not itself name them.

The thresholds were chosen on the odd rows of the human-judged dev set
(``benchmarks/grading_agreement.py``), never per question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from quizapp.core import contradictions, legacy, prompt_items, traps, vagueness
from quizapp.core import misconceptions as wrong_claims
from quizapp.core.grading_cache import catalog_index
from quizapp.core.matching import (
    NO_MATCH,
    PROMPT_WEIGHT,
    AnswerIndex,
    Lexicon,
    Match,
    Phrase,
    Subjects,
    command,
    identifiers,
    prepare_phrase,
    said_in_order,
)
from quizapp.core.models import (
    Grade,
    KeyPoint,
    MisconceptionHit,
    PointResult,
    Question,
    Verdict,
)
from quizapp.core.normalise import Token, tokenize

POINT_HIT_AT: dict[str, float] = {"lenient": 0.55, "normal": 0.6, "strict": 0.75}
"""Coverage a phrasing needs in one window for its key point to count."""
CORRECT_AT: dict[str, float] = {"lenient": 0.4, "normal": 0.5, "strict": 0.75}
"""Score (weighted share of key points hit) from which an answer is ``correct``."""
PARTIAL_AT: dict[str, float] = {"lenient": 0.1, "normal": 0.12, "strict": 0.25}
"""Score from which an answer is ``partial``; below it, ``incorrect``."""
NEGATION_PENALTY = 2.0
"""A point the answer contradicts takes away twice what a point hit adds."""
NEAR_AT = 0.45
"""Coverage from which a missed point still earns :data:`NEAR_CREDIT` of its weight."""
NEAR_CREDIT = 0.5
"""Share of a near-missed point's weight it adds to the score (toward ``partial`` only)."""
SIBLING_MARGIN = 0.25
"""How much better another question's key points must fit to call the answer a sibling's."""
MISCONCEPTION_KEEPS_PARTIAL = 0.5
"""Share of the key points' weight an answer making a (non-core) misconception must hit
to stay ``partial``; below it, the wrong claim makes it ``incorrect``."""
OFF_MARK_WORDS = 28
"""Length (words) from which an answer that makes few key points is ``incorrect``..."""
OFF_MARK_SHARE = 0.25
"""...when its hits weigh less than this share (one point of five): near misses and a
share of vague words do not make a long answer partly right."""
MISCONCEPTION_REASON_END = " | "
"""Ends the wrong claims at the start of a grade's reason (the rest is the usual reason)."""
CORE_HITS = 3
"""Distinct key points (none contradicted) that make a textbook answer ``correct``..."""
CORE_HITS_SHARE = 0.3
"""...when they weigh at least this share of the points (not on ``strict`` questions)."""
ON_TOPIC_SHARE = 0.6
"""Share of an off-the-mark answer's content words that must be its question's own (prompt
or key points) for it to stay partial."""
TOPIC_SHARE = 0.7
"""Share of a pointless answer's content words that must be its topic's (prompt, key points
or model answer) for it to be partial: vague, not wrong."""
STRAY_WORDS = 10
"""Content words from which a one-point answer mostly in other terms is ``incorrect``..."""
STRAY_SHARE = 0.4
"""...when fewer than this share of them are its question's (prompt or key points)."""
SAME_SUBJECT_WORDS = 2
"""Content words a misconception shares with a point (a third of its own, at least) to be
the wrong version of that point."""
MISSED_TOO_MANY = 3
"""Points left out from which an answer needs more than two or three hits to be correct."""
SIBLING_CANDIDATES = 3
"""How many other questions (those sharing most words with the answer) are graded for it."""


_CONTRAST = re.compile(r",\s*(?:not|never)\b[^,]*,?", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _prompt_stems(prompt: str) -> frozenset[str]:
    return frozenset(t.stem for t in tokenize(prompt) if not t.stop and not t.negation)


def _point_result(
    point: KeyPoint,
    phrases: Sequence[Phrase],
    index: AnswerIndex,
    prompt: frozenset[str],
    hit_at: float,
    subjects: Subjects | None,
    roles: tuple[tuple[str, str], ...] = (),
    prompt_tokens: tuple[Token, ...] = (),
    stated: tuple[frozenset[str], ...] = (),
) -> PointResult:
    best: tuple[tuple[int, int, float], Match] | None = None
    tried: list[tuple[str, Match]] = []
    for phrase in phrases:  # prepared from point.phrasings, in order: phrase.text is each
        floor = (best[0][0], best[0][2]) if best else (0, -1.0)
        match = index.match(phrase, hit_at, subjects, floor)
        tried.append((phrase.text, match))
        if match is NO_MATCH:  # rank (0, 0, 0.0): it replaces nothing
            if best is None:
                best = ((0, 0, 0.0), match)
            continue
        hit = phrase.credible(match, hit_at) and (phrase.telling > 0 or match.coverage >= 1.0)
        evidence = (
            match.coverage
            * match.novel
            * match.complete
            * (not match.misattributed and not match.unsaid)
        )
        if match.negated and not hit:
            evidence = 0.0
        rank = (int(hit and not match.negated), int(hit), evidence)
        if best is None or rank > best[0]:
            best = (rank, match)
            if rank[0] and match.coverage >= 1.0:
                break  # a clean, full hit: no phrasing can do better
    assert best is not None
    (clean_hit, any_hit, evidence), match = best
    if not any_hit:
        earned = _earned_from_prompt_words(point, index, prompt, hit_at, prompt_tokens)
        if earned is not None:
            (clean_hit, any_hit, evidence), match = (1, 1, earned.coverage), earned
    if not any_hit and subjects is not None and any(len(s) == 1 for s in subjects.own):
        swapped = _said_of_another(index, prompt, hit_at, tried)
        if swapped is not None:  # a compared item's point said of the other item
            return _contradicted_result(point, index, swapped)
    if not (any_hit and not clean_hit):  # not already said the other way round
        opposite = _contradiction(tried, match if clean_hit else None, index, prompt, roles, stated)
        if opposite is not None:
            return _contradicted_result(point, index, opposite)
    span = match.span
    return PointResult(
        point=point,
        hit=bool(clean_hit),
        similarity=round(100 * evidence, 1),
        span=span,
        matched_text=index.text[span[0] : span[1]] if span else "",
        negated=bool(any_hit and not clean_hit),
    )


def _said_of_another(
    index: AnswerIndex,
    prompt: frozenset[str],
    hit_at: float,
    tried: Sequence[tuple[str, Match]],
) -> Match | None:
    """The window that says a comparison's point in full but of the other item ("Kappa
    has batch and speed layers" for "Lambda runs a batch and a speed layer"): a swap."""
    for text, own in tried:
        if not own.misattributed:
            continue
        phrase = prepare_phrase(text, prompt)
        match = index.match(phrase, hit_at, ignore_below=True)
        if phrase.credible(match, hit_at) and not match.negated:
            return match
    return None


@lru_cache(maxsize=8192)
def _all_stems(text: str) -> tuple[str, ...]:
    """The stems of every word of ``text``, function words and negations too."""
    return tuple(t.stem for t in tokenize(text))


def _contradicted_result(point: KeyPoint, index: AnswerIndex, match: Match) -> PointResult:
    """The point as not hit but said the other way round, where ``match`` says it."""
    span = match.span
    return PointResult(
        point=point,
        hit=False,
        similarity=round(100 * match.coverage, 1),
        span=span,
        matched_text=index.text[span[0] : span[1]] if span else "",
        negated=True,
    )


def _earned_from_prompt_words(
    point: KeyPoint,
    index: AnswerIndex,
    prompt: frozenset[str],
    hit_at: float,
    prompt_tokens: tuple[Token, ...],
) -> Match | None:
    """A hit on a point the prompt's words make up, when those words carry the answer.

    Prompt words weigh little, so such a point could never be hit. It is, when
    the answer says one of its phrasings word for word, in order, in a way the
    prompt itself does not ("replaced by airflow api-server" for "What replaced
    the webserver, and what does the API server serve?"); or, for a negative
    phrasing, when the answer denies what the prompt asks about ("task code
    cannot open a session on the metadata DB" for "can task code still open a
    session on the metadata database?").
    """
    for text in point.phrasings:
        phrase = prepare_phrase(text, prompt)
        if phrase.negative:
            if not index.has_negation or any(t.negation for t in prompt_tokens):
                continue  # no denial, or "why can't ...?": denying it is saying the prompt back
            if all(w > PROMPT_WEIGHT for w in phrase.weights):
                continue  # no prompt word in it: the ordinary match already said no
            full = prepare_phrase(text, frozenset())
            match = index.match(full, hit_at, ignore_below=True)
            if full.credible(match, hit_at) and not match.negated and not match.unsaid:
                return match
            continue
        if phrase.novel or len(phrase.stems) < 2:
            continue
        words = _all_stems(text)
        if not index.says_every(words):
            continue  # a word of it is not in the answer at all: not said in order
        found = said_in_order(index.tokens, words)
        if found is None or index.negated(range(found[0], found[1] + 1)):
            continue
        if said_in_order(prompt_tokens, words) is not None:
            continue  # the prompt says it just so: saying it back proves nothing
        tokens = index.tokens
        span = (tokens[found[0]].start, tokens[found[1]].end)
        return Match(1.0, span, False, True, True)
    return None


def _contradiction(
    tried: Sequence[tuple[str, Match]],
    hit: Match | None,
    index: AnswerIndex,
    prompt: frozenset[str],
    roles: tuple[tuple[str, str], ...],
    stated: tuple[frozenset[str], ...] = (),
) -> Match | None:
    """A flipped qualifier, swapped role or other value (:mod:`quizapp.core.contradictions`)
    that the answer says more fully than it says the point itself (and that no other key
    point of the question states: ``stated``)."""
    for text, own in tried:
        flip = contradictions.flip_contradiction(text, own, index, prompt, roles, stated)
        if flip is not None and (hit is None or flip.coverage > hit.coverage):
            return flip
        slot = contradictions.value_slot(text)
        if slot is None:
            continue
        other = contradictions.slot_contradiction(text, index)
        if other is not None and not (
            hit is not None
            and hit.span is not None
            and contradictions.says_value(index.text[hit.span[0] : hit.span[1]], slot)
        ):
            return other
    return None


def near_miss(result: PointResult) -> bool:
    """A point not hit but nearly said (coverage of :data:`NEAR_AT` or more, not negated)."""
    return not result.hit and not result.negated and result.similarity >= 100 * NEAR_AT


def _score(points: Iterable[PointResult], strictness: str = "normal") -> float:
    """Weighted share of points hit, less :data:`NEGATION_PENALTY` per point contradicted.

    Near misses add :data:`NEAR_CREDIT` of their weight, but only up to just
    below the ``correct`` threshold: hits alone must earn a ``correct``.
    """
    results = list(points)
    total = sum(p.point.weight for p in results)
    if not total:
        return 0.0
    hit = sum(p.point.weight for p in results if p.hit)
    near = sum(p.point.weight for p in results if near_miss(p))
    negated = sum(p.point.weight for p in results if p.negated)
    firm = max(0.0, hit - NEGATION_PENALTY * negated) / total
    correct_at = CORRECT_AT.get(strictness, CORRECT_AT["normal"])
    with_near = max(0.0, hit + NEAR_CREDIT * near - NEGATION_PENALTY * negated) / total
    return with_near if firm >= correct_at else min(with_near, correct_at - 0.01)


def _verdict(score: float, strictness: str) -> Verdict:
    if score >= CORRECT_AT.get(strictness, CORRECT_AT["normal"]):
        return "correct"
    if score >= PARTIAL_AT.get(strictness, PARTIAL_AT["normal"]):
        return "partial"
    return "incorrect"


def match_points(
    question: Question, index: AnswerIndex, roles: bool = True
) -> tuple[PointResult, ...]:
    """How each key point of ``question`` fares against an indexed answer.

    ``roles=False`` leaves out the comparison-role checks (the sibling check asks only
    whether the answer is about another question's concept at all)."""
    plan = _plan(question)
    index.learn(plan.lexicon)
    hit_at, prompt, prompt_tokens = plan.hit_at, plan.prompt, plan.prompt_tokens
    compared = plan.compared if roles else ()
    stems = plan.role_stems
    subjects = plan.subjects[roles]
    if roles and stems:
        index.mark_roles(stems, _role_stems(compared))
    return _said_for_another_point(
        tuple(
            plan.blanks[k]
            if _silent(plan, k, index, roles)
            else _point_result(
                p, phrases, index, prompt, hit_at, s, compared, prompt_tokens, stated
            )
            for k, (p, phrases, s, stated) in enumerate(
                zip(question.key_points, plan.phrases, subjects, plan.others_stated, strict=True)
            )
        )
    )


SAME_WORDS_SHARE = 0.5
"""Share of each span two points must have in common to be said by the same words."""


def _said_for_another_point(points: tuple[PointResult, ...]) -> tuple[PointResult, ...]:
    """Points contradicted by the very words that make another point: not contradicted.

    The words that state one of the question's facts ("Reschedule: frees the slot between
    checks") are that fact, not the opposite of another one ("poke holds the slot"): a
    contradiction whose span and another point's hit share :data:`SAME_WORDS_SHARE` of
    each other is dropped (the point stays missed)."""
    if not any(p.negated for p in points):
        return points
    hits = [p.span for p in points if p.hit and p.span is not None]
    result = []
    for p in points:
        if p.negated and p.span is not None and any(_same_words(p.span, h) for h in hits):
            p = PointResult(p.point, False, p.similarity, p.span, p.matched_text, False)
        result.append(p)
    return tuple(result)


def _same_words(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > SAME_WORDS_SHARE * (a[1] - a[0]) and shared > SAME_WORDS_SHARE * (b[1] - b[0])


@lru_cache(maxsize=64)
def _role_stems(roles: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(tokenize(w)[0].stem for pair in roles for w in pair if tokenize(w))


@lru_cache(maxsize=1024)
def _subjects(
    points: tuple[KeyPoint, ...], stems: frozenset[str] = frozenset()
) -> tuple[Subjects | None, ...]:
    """Per point, the subjects it owns and the other points' subjects.

    A point's subject is the identifier its text starts with, or the one item
    of a comparison prompt (``stems``: etl / elt, lambda / kappa) its text names.
    Only questions whose points have two or more subjects (comparisons) use them.
    """
    by_identifier = _identifier_subjects(points)
    if not stems:
        return by_identifier
    result: list[Subjects | None] = []
    for point, subject in zip(points, by_identifier, strict=True):
        words = [t for t in tokenize(point.text) if not t.stop]
        opening = words[: contradictions.ROLE_OPENING_WORDS]
        named = {t.stem for t in opening if t.stem in stems}  # its subject, not an object
        own = frozenset((s,) for s in named)
        foreign = frozenset((s,) for s in stems - named)
        if not named and subject is not None and subject.own:
            result.append(Subjects(subject.own, subject.foreign | foreign))  # an identifier's
        elif len(named) != 1:
            result.append(subject)
        elif subject is None:
            result.append(Subjects(own, foreign))
        else:
            result.append(Subjects(subject.own | own, subject.foreign | foreign))
    return tuple(result)


def _identifier_subjects(points: tuple[KeyPoint, ...]) -> tuple[Subjects | None, ...]:
    subjects = set()
    for point in points:
        tokens = tokenize(point.text)
        idents = identifiers(tokens)
        if tokens and tokens[0].ident >= 0 and idents:
            subjects.add(idents[0][1])
    if len(subjects) < 2:
        return tuple(None for _ in points)
    result = []
    for point in points:
        own = frozenset(i for text in point.phrasings for _, i in identifiers(tokenize(text)))
        result.append(Subjects(own, frozenset(subjects - own)))
    return tuple(result)


def _trap(
    question: Question, answer: str, index: AnswerIndex, points: Sequence[PointResult]
) -> str | None:
    tokens = index.tokens
    return (
        traps.empty(tokens)
        or traps.dont_know(answer, tokens)
        or traps.gibberish(tokens)
        or traps.keyword_salad(answer, tokens)
        or traps.term_list(answer, question.prompt)
        or traps.no_difference(answer, question.prompt)
        or traps.key_point_salad(tokens, *_plan(question).phrasing_words)
        or _echo(question, index, points)
    )


def _echo(question: Question, index: AnswerIndex, points: Sequence[PointResult]) -> str | None:
    """:func:`traps.echo`, unless a point is hit with code or earned by the prompt's words
    said as the point says them (those are answers, not echoes). The echo is read first:
    most answers are none, and then the hits need no second look."""
    reason = traps.echo(index.tokens, _plan(question).prompt_tokens)
    if reason is None or _hits_with_code(index, points):
        return None
    return None if _hits_with_prompt_words(question, index, points) else reason


@lru_cache(maxsize=1024)
def _phrasing_words(
    points: tuple[KeyPoint, ...],
) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """Every stem of the key points' phrasings, and each pair of neighbouring stems."""
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for point in points:
        for text in point.phrasings:
            tokens = tokenize(text)
            words.update(t.stem for t in tokens)
            pairs.update((a.stem, b.stem) for a, b in pairwise(tokens))
    return frozenset(words), frozenset(pairs)


def _hits_with_prompt_words(
    question: Question, index: AnswerIndex, points: Sequence[PointResult]
) -> bool:
    """Whether a point hit is earned by the prompt's words said as the point says them
    (:func:`_earned_from_prompt_words`): such an answer is no echo."""
    plan = _plan(question)
    return any(
        p.hit
        and _earned_from_prompt_words(p.point, index, plan.prompt, plan.hit_at, plan.prompt_tokens)
        for p in points
    )


def _hits_with_code(index: AnswerIndex, points: Sequence[PointResult]) -> bool:
    """Whether a key point hit is matched by a span holding code (a command, an identifier)."""
    spans = [p.span for p in points if p.hit and p.span]
    if not spans:
        return False
    tokens = index.tokens
    code = command(index.text, tokens) | {i for i, x in enumerate(index.idents) if x >= 0}
    return any(a <= tokens[i].start < b for i in code for a, b in spans)


def _explain(points: Sequence[PointResult]) -> str:
    hit = sum(p.hit for p in points)
    parts = [f"{hit} of {len(points)} key points matched"]
    negated = [p.point.text for p in points if p.negated]
    if negated:
        parts.append("said the opposite of: " + "; ".join(negated))
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What grading needs of one question that no answer changes."""

    vocabulary: frozenset[str]
    """Content stems of the key points."""
    lexicon: Lexicon
    hit_at: float
    prompt: frozenset[str]
    prompt_tokens: tuple[Token, ...]
    phrases: tuple[tuple[Phrase, ...], ...]
    """Per point, its phrasings prepared for the prompt."""
    novel: tuple[frozenset[str], ...]
    """Per point, the stems one of which an answer must say to hit it by a match."""
    earnable: tuple[bool, ...]
    """Per point, whether a phrasing may be earned by the prompt's words instead
    (:func:`_earned_from_prompt_words`)."""
    heaviest_first: tuple[int, ...]
    """The points, heaviest first (ties: in bank order)."""
    total: float
    """The points' weight."""
    phrasing_words: tuple[frozenset[str], frozenset[tuple[str, str]]]
    """:func:`_phrasing_words` of the points."""
    others_stated: tuple[tuple[frozenset[str], ...], ...]
    """Per point, the content stems of each other point's phrasings (what the question
    holds true besides it: a flip that one of them states is no contradiction)."""
    watched: tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]
    """Per point, every stem whose presence in an answer could give the point a result
    other than :func:`_blank` (:func:`_watched`): ``[0]`` without the comparison's role
    flips, ``[1]`` with them."""
    blanks: tuple[PointResult, ...]
    """Per point, its :func:`_blank` result (frozen, so one object serves every answer)."""
    compared: tuple[tuple[str, str], ...]
    """The comparison's flip pairs (:func:`contradictions.compared_flips` of the prompt)."""
    role_stems: frozenset[str]
    """The compared items' stems: the flip pairs' and :func:`contradictions.compared_subjects`."""
    subjects: tuple[tuple[Subjects | None, ...], tuple[Subjects | None, ...]]
    """Per point, :func:`_subjects`: ``[0]`` by identifiers alone, ``[1]`` with the
    compared items too."""
    known: frozenset[str]
    """The question's own terms: :attr:`vocabulary` and the prompt's stems."""
    topic: frozenset[str]
    """:attr:`known` and the model answer's stems: the words of the topic."""
    part_subjects: tuple[tuple[str, frozenset[str]], ...]
    """:func:`_part_subjects` of the question, as pairs (read with every answer)."""


_PLANS: dict[int, tuple[Question, _Plan]] = {}


def _plan(question: Question) -> _Plan:
    """The question's :class:`_Plan` (cached per question object: questions are frozen)."""
    cached = _PLANS.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    if len(_PLANS) > 4096:
        _PLANS.clear()
    points = question.key_points
    words = frozenset(
        t.stem
        for p in points
        for text in p.phrasings
        for t in tokenize(text)
        if not t.stop and not t.negation
    )
    prompt = _prompt_stems(question.prompt)
    prompt_tokens = tokenize(question.prompt)
    phrases = tuple(tuple(prepare_phrase(text, prompt) for text in p.phrasings) for p in points)
    asks_back = any(t.negation for t in prompt_tokens)
    compared = contradictions.compared_flips(question.prompt)
    role_stems = _role_stems(compared) | contradictions.compared_subjects(question.prompt)
    stated = tuple(frozenset(s for ph in group for s in ph.stems) for group in phrases)
    plan = _Plan(
        vocabulary=words,
        lexicon=Lexicon(words),
        hit_at=POINT_HIT_AT.get(question.grading, POINT_HIT_AT["normal"]),
        prompt=prompt,
        prompt_tokens=prompt_tokens,
        phrases=phrases,
        novel=tuple(frozenset().union(*(ph.novel_stems for ph in group)) for group in phrases),
        earnable=tuple(
            any(
                (ph.negative and not asks_back and not all(w > PROMPT_WEIGHT for w in ph.weights))
                or (not ph.negative and not ph.novel and len(ph.stems) >= 2)
                for ph in group
            )
            for group in phrases
        ),
        heaviest_first=tuple(sorted(range(len(points)), key=lambda k: -points[k].weight)),
        total=sum(p.weight for p in points),
        phrasing_words=_phrasing_words(points),
        others_stated=tuple(stated[:k] + stated[k + 1 :] for k in range(len(stated))),
        watched=(
            tuple(_watched(p, group, ()) for p, group in zip(points, phrases, strict=True)),
            tuple(_watched(p, group, compared) for p, group in zip(points, phrases, strict=True)),
        ),
        blanks=tuple(_blank(p) for p in points),
        compared=compared,
        role_stems=role_stems,
        subjects=(_subjects(points, frozenset()), _subjects(points, role_stems)),
        known=words | prompt,
        topic=words | prompt | _topic_stems(question.answer),
        part_subjects=tuple(_part_subjects(question).items()),
    )
    _PLANS[id(question)] = (question, plan)
    return plan


def _watched(
    point: KeyPoint, phrases: Sequence[Phrase], roles: tuple[tuple[str, str], ...]
) -> frozenset[str]:
    """The stems an answer must say (exactly or by a close spelling) for point ``point``
    to fare otherwise than :func:`_blank`: a phrasing's words beyond the prompt's (a
    match), a flipped word's counterpart (:func:`contradictions.flip_contradiction`), or a
    value slot's words beyond the prompt's (:func:`contradictions.slot_contradiction`).
    A point whose phrasings the prompt's words may earn is never blank (see
    :attr:`_Plan.earnable`)."""
    stems: set[str] = set()
    for text, phrase in zip(point.phrasings, phrases, strict=True):
        stems.update(phrase.novel_stems)
        stems.update(stem for _, stem in contradictions.flipped(text, roles))
        slot = contradictions.value_slot(text)
        if slot is not None:
            stems.update(prepare_phrase(slot[0], frozenset()).novel_stems)
    return frozenset(stems)


def _blank(point: KeyPoint) -> PointResult:
    """What :func:`_point_result` gives a point the answer says nothing of: not hit, no
    evidence, no span."""
    return PointResult(point=point, hit=False, similarity=0.0, span=None, matched_text="")


def _silent(plan: _Plan, k: int, index: AnswerIndex, roles: bool) -> bool:
    """Whether point ``k`` is :func:`_blank` for the answer, told by one set lookup: no
    word of :attr:`_Plan.watched` is said and the prompt's words cannot earn it."""
    return not plan.earnable[k] and not index.says_any(plan.watched[roles][k])


def _vocabulary(question: Question) -> frozenset[str]:
    return _plan(question).vocabulary


def _lexicon(question: Question) -> Lexicon:
    return _plan(question).lexicon


def _sibling(
    question: Question, score: float, index: AnswerIndex, others: Sequence[Question]
) -> Question | None:
    asked = _prompt_stems(question.prompt)  # a question it covers asks about it too
    catalog = catalog_index(others, _vocabulary, _prompt_stems)
    ranked = catalog.ranked(question, index.positions.keys(), asked, SIBLING_CANDIDATES)
    for other in ranked:
        points = _points_if_correct(other, index)
        if points is None:
            continue
        other_score = _score(points)
        if other_score >= score + SIBLING_MARGIN and _verdict(other_score, "normal") == "correct":
            return other
    return None


def _points_if_correct(question: Question, index: AnswerIndex) -> tuple[PointResult, ...] | None:
    """``match_points(question, index, roles=False)``, or None as soon as the points left
    cannot make the answer ``correct`` (hits less twice the contradicted weight must reach
    ``CORRECT_AT["normal"]`` of the total): heaviest points first. Only the points whose
    words the answer says could be hit (:func:`_could_hit`), so the others' weight is not
    left to earn: most questions fail before any window is looked at. The lexicon is learnt
    all the same, so later matches on this index see what they would have seen."""
    plan = _plan(question)
    index.learn(plan.lexicon)
    hit_at, prompt, prompt_tokens = plan.hit_at, plan.prompt, plan.prompt_tokens
    points = question.key_points
    need = CORRECT_AT["normal"] * plan.total - 1e-9
    # Only points that could be hit add to ``firm``: the weight left is theirs alone.
    possible = [_could_hit(plan, k, points[k], index) for k in range(len(points))]
    left = sum(p.weight for p, could in zip(points, possible, strict=True) if could)
    if left < need:
        return None
    subjects = plan.subjects[False]
    firm = 0.0
    found: dict[int, PointResult] = {}
    for k in plan.heaviest_first:
        point = points[k]
        phrases = plan.phrases[k]
        result = (
            plan.blanks[k]
            if _silent(plan, k, index, False)
            else _point_result(
                point, phrases, index, prompt, hit_at, subjects[k], (), prompt_tokens
            )
        )
        found[k] = result
        left -= point.weight * possible[k]
        firm += point.weight if result.hit else -NEGATION_PENALTY * point.weight * result.negated
        if firm + left < need:
            return None
    return tuple(found[k] for k in range(len(subjects)))


def _could_hit(plan: _Plan, k: int, point: KeyPoint, index: AnswerIndex) -> bool:
    """Whether :func:`_point_result` could find point ``k`` hit: a phrasing's words are
    there to make a hit (:meth:`AnswerIndex.could_hit`), or the prompt's words earn it."""
    earnable = plan.earnable[k]
    if not earnable and not index.says_any(plan.novel[k]):
        return False
    hit_at = plan.hit_at
    return any(index.could_hit(phrase, hit_at) for phrase in plan.phrases[k]) or (
        earnable
        and _earned_from_prompt_words(point, index, plan.prompt, hit_at, plan.prompt_tokens)
        is not None
    )


def grade(question: Question, answer: str, others: Sequence[Question] = ()) -> Grade:
    """Grade ``answer`` against ``question``'s key points.

    ``others`` (optional, e.g. the catalog's questions) enables the sibling
    check: an answer that fits another question far better is ``incorrect``.
    """
    index = AnswerIndex(answer)
    result = _grade(question, answer, others, index, match_points(question, index))
    unanswered = parts_left_out(question, index, result.points)
    if not unanswered:
        return result
    if result.verdict == "correct":
        top = CORRECT_AT.get(question.grading, CORRECT_AT["normal"]) - 0.01
        reason = f"it leaves out part of the question ({', '.join(unanswered)}); {result.reason}"
        return replace(
            result,
            verdict="partial",
            score=min(result.score, top),
            reason=reason,
            parts_left_out=unanswered,
        )
    return replace(result, parts_left_out=unanswered)


def _grade(
    question: Question,
    answer: str,
    others: Sequence[Question],
    index: AnswerIndex,
    points: tuple[PointResult, ...],
) -> Grade:
    """:func:`grade` but for the parts of the prompt the answer leaves out."""
    claims = wrong_claims.find(question, index) + legacy.find(question, answer)
    if claims:
        points = _without_claims(points, claims)
    score = _score(points, question.grading)
    trap = _trap(question, answer, index, points)
    if trap:
        return Grade(question.id, 0.0, "incorrect", _unhit(points), trap, claims)
    verdict = _verdict(score, question.grading)
    reason = _explain(points)
    if claims:
        return _capped(question, score, points, reason, claims)
    by_score = verdict
    verdict, score = _by_points_made(
        verdict, score, points, question.grading, asks_several(question.prompt)
    )
    if verdict == "correct" and (wrong := _another_number(points)):
        verdict = "partial"
        score = min(score, CORRECT_AT.get(question.grading, CORRECT_AT["normal"]) - 0.01)
        reason = f"it gives another number than '{wrong.point.text}'; " + reason
    if verdict == "correct" and (missing := prompt_items.left_out(question.prompt, answer)):
        verdict = "partial"
        score = min(score, CORRECT_AT.get(question.grading, CORRECT_AT["normal"]) - 0.01)
        reason = f"it leaves out items the question lists ({', '.join(missing)}); " + reason
    # Also when near misses alone made it partial: then it is not failed as "off the mark".
    # Only a partial or incorrect verdict reads it (a correct one stays so below).
    general = verdict != "correct" and _vague(question, index, points)
    if verdict == "incorrect" and (general or _on_topic(question, index, points)):
        verdict = "partial"
        score = max(score, PARTIAL_AT.get(question.grading, PARTIAL_AT["normal"]))
        reason = "on the topic but vague: it makes none of the key points; " + reason
    if verdict == "partial" and not general and _denies_the_core(index, points):
        reason = "it denies what a core point says; " + reason
        return Grade(question.id, score, "incorrect", points, reason)
    strays = (
        verdict == "partial"
        and not general
        and (
            (_off_the_mark(answer, points) and not _in_its_terms(question, index))
            or _strays(question, index, points)
        )
    )
    if "partial" in (verdict, by_score) and others and not _about_this_concept(points, question):
        # Checked before a stray answer is failed too, so the reason names the concept.
        sibling = _sibling(question, _score(points, question.grading), index, others)
        if sibling is not None:
            reason = f"this describes another concept ({sibling.prompt.strip()}); " + reason
            return Grade(question.id, score, "incorrect", points, reason)
    if strays:
        reason = "a long answer that makes few of the key points says something else; " + reason
        return Grade(question.id, score, "incorrect", points, reason)
    return Grade(question.id, score, verdict, points, reason)


def _by_points_made(
    verdict: Verdict,
    score: float,
    points: Sequence[PointResult],
    strictness: str,
    several: bool = False,
) -> tuple[Verdict, float]:
    """The verdict by how many distinct points an answer that contradicts none makes.

    Banks list six or seven points where a textbook answer states three: such an
    answer (:data:`CORE_HITS` points hit, weighing :data:`CORE_HITS_SHARE` of the
    total or more) is ``correct`` on a question that is not ``strict``. An answer
    that makes one point is ``partial``, however many it leaves out (the off-mark
    and sibling checks still apply to it).
    """
    if any(p.negated for p in points):
        return verdict, score
    hits = [p for p in points if p.hit]
    total = sum(p.point.weight for p in points) or 1.0
    share = sum(p.point.weight for p in hits) / total
    if (
        verdict == "partial"
        and strictness != "strict"
        and len(hits) >= CORE_HITS
        and share >= CORE_HITS_SHARE
        and _states_the_core(points)
        and not (several and _leaves_out_too_much(points))
    ):
        return "correct", max(score, CORRECT_AT.get(strictness, CORRECT_AT["normal"]))
    if verdict == "correct" and (
        (1 < len(hits) < CORE_HITS and not _states_every_core(points))
        or (several and _leaves_out_too_much(points))
    ):
        partial_top = CORRECT_AT.get(strictness, CORRECT_AT["normal"]) - 0.01
        return "partial", min(score, partial_top)
    if verdict == "incorrect" and hits:
        return "partial", max(score, PARTIAL_AT.get(strictness, PARTIAL_AT["normal"]))
    return verdict, score


_SEVERAL = re.compile(
    r"\?.*\?|\b(?:and|or),?\s+(?:why|how|when|which|what|where|who)\b|"
    r"\b(?:compare|compared|comparison|difference|differ|versus|vs)\b",
    re.IGNORECASE | re.DOTALL,
)


@lru_cache(maxsize=1024)
def asks_several(prompt: str) -> bool:
    """Whether a prompt asks more than one thing: two questions, "what ... and why", or a
    comparison. Its points are the parts of the answer, not one fact told several ways."""
    return _SEVERAL.search(prompt) is not None


def parts_left_out(
    question: Question, index: AnswerIndex, points: Sequence[PointResult]
) -> tuple[str, ...]:
    """The parts of a several-part prompt an answer does not address, in bank order.

    Parts are the key points' ``part`` labels; a question whose points name fewer than
    two has none. A part is addressed when one of its points is hit or nearly said
    (:func:`near_miss`), or when the answer names the part's own subject (a word of its
    label that no other part uses: "source" of "source()" beside "ref()"): a right answer
    in words no alias has still does one of these.
    Half the question answered well ("when Celery" without "when Kubernetes") is half an
    answer, however many points that half makes.
    """
    subjects = _plan(question).part_subjects
    if len(subjects) < 2:
        return ()
    made = {p.point.part for p in points if p.hit or _nearly_said(p, subjects, index)}
    said = {t.stem for t in index.tokens}
    return tuple(part for part, own in subjects if part not in made and not (own & said))


def _nearly_said(
    result: PointResult, subjects: tuple[tuple[str, frozenset[str]], ...], index: AnswerIndex
) -> bool:
    """Whether a point's near miss addresses its part: not when its sentence names another
    part's subject and not its own ("type 3 keeps the previous value" is no near miss of
    type 0's "keeps the first value"); a part with no subject of its own keeps it."""
    if not near_miss(result) or result.span is None:
        return False
    sentences = {index.sentences[k] for k in index.within(result.span)}
    said = {index.tokens[k].stem for s in sentences for k in index.in_sentence(s)}
    part = result.point.part
    own = next((s for name, s in subjects if name == part), frozenset())
    others = frozenset().union(*(s for name, s in subjects if name != part))
    return not own or bool(own & said) or not (others & said)


_NO_SUBJECT = frozenset({"work", "do", "use", "happen", "mean", "way", "differ", "go", "make"})
"""Words of a part's label that name no subject of their own ("how it works")."""


@lru_cache(maxsize=1024)
def _part_subjects(question: Question) -> dict[str, frozenset[str]]:
    """Each part label of the question, with the stems that are its own: in its label,
    and in no other part's label or points."""
    parts = dict.fromkeys(p.part for p in question.key_points if p.part)
    if len(parts) < 2:
        return {}

    def stems(text: str) -> set[str]:
        return {t.stem for t in tokenize(text) if not t.stop and not t.negation}

    labels = {part: stems(part) - _NO_SUBJECT for part in parts}
    used = {part: set(words) for part, words in labels.items()}
    for p in question.key_points:
        if p.part:
            used[p.part] |= set().union(*(stems(t) for t in p.phrasings))

    def own(part: str, words: dict[str, set[str]]) -> frozenset[str]:
        return frozenset(labels[part].difference(*(w for o, w in words.items() if o != part)))

    # A label whose words all recur in other parts' points ("ref()" beside "builds the
    # graph from the refs") keeps those that no other label has.
    return {part: own(part, used) or own(part, labels) for part in parts}


def _another_number(points: Sequence[PointResult]) -> PointResult | None:
    """The point contradicted by another number in its slot ("defaults to 1" for "retries
    defaults to 0", "default of 100" for "default 200"), if any: one wrong detail keeps
    an answer that is otherwise right from ``correct``."""
    for p in points:
        if p.negated and any(
            contradictions.says_other_number(text, p.matched_text) for text in p.point.phrasings
        ):
            return p
    return None


def _leaves_out_too_much(points: Sequence[PointResult]) -> bool:
    """Whether an answer leaves out :data:`MISSED_TOO_MANY` points or more and makes
    too few to stand for the whole: two, or three that miss a core point. Half the
    story ("Parquet is columnar, Avro is row-based" of five points on the formats)
    is ``partial``, however heavy the two points it makes."""
    hits = sum(p.hit for p in points)
    if len(points) - hits < MISSED_TOO_MANY:
        return False
    return hits < CORE_HITS or (hits == CORE_HITS and not _states_every_core(points))


@lru_cache(maxsize=1024)
def _topic_stems(answer: str) -> frozenset[str]:
    """The content stems of a model answer."""
    return frozenset(t.stem for t in tokenize(answer) if not t.stop and not t.negation)


def _on_topic(question: Question, index: AnswerIndex, points: Sequence[PointResult]) -> bool:
    """A vague answer in the question's own terms that says nothing wrong: ``partial``.

    It makes no point, denies nothing (no negation, no point contradicted) and at least
    :data:`TOPIC_SHARE` of its content words are the prompt's, the key points' or the model
    answer's ("There's a scheduler and a UI." for the architecture's components). An answer in
    other words is off the topic, another concept's (the sibling check still runs) or a
    wrong claim the bank does not list: ``incorrect``.
    """
    if index.has_negation or any(p.hit or p.negated for p in points):
        return False
    content = [t.stem for t in index.tokens if not t.stop and not t.negation]
    if not content:
        return False
    topic = _plan(question).topic
    return sum(w in topic for w in content) >= TOPIC_SHARE * len(content)


def _vague(question: Question, index: AnswerIndex, points: Sequence[PointResult]) -> bool:
    """A general answer that makes one point at most, contradicts none and names nothing
    specific (:func:`quizapp.core.vagueness.vague`): near the topic, short of its
    specifics. One loose hit ("when to start counting" in "it needs to know when to start
    counting and what to do if it's late") does not make hand-waving a wrong answer."""
    if sum(p.hit for p in points) > 1 or any(p.negated for p in points):
        return False
    if not vagueness.vague(index.text, question.prompt):
        return False
    known = _plan(question).known
    return any(t.stem in known for t in index.tokens if not t.stop)  # near the topic at least


def _denies_the_core(index: AnswerIndex, points: Sequence[PointResult]) -> bool:
    """Whether the answer, making no heaviest point, says the opposite of one where it
    comes nearest to it: a negation governs those words ("it can't be throttled: it
    ignores max_active_runs" for "a backfill has its own max_active_runs"), or none does
    where the point is itself a denial ("the cursor persists into every later run" for
    "task_state_store does not carry over to the next DAG run")."""
    weights = {p.point.weight for p in points}
    if len(weights) < 2:
        return False
    heaviest = max(weights)
    if any(p.hit and p.point.weight >= heaviest for p in points):
        return False
    for p in points:
        if p.point.weight < heaviest or p.span is None or p.similarity < 100 * NEAR_AT:
            continue
        inside = index.within(p.span)
        if not inside:
            continue
        if _negative(p.point.text) != index.negated(inside, contrasts=False):
            return True
    return False


@lru_cache(maxsize=4096)
def _negative(text: str) -> bool:
    """Whether a point's text is itself a denial ("does not carry over to the next run");
    a contrast ("LocalExecutor, not SequentialExecutor, is the default") is not one."""
    return any(t.negation for t in tokenize(_CONTRAST.sub("", text)))


def _states_the_core(points: Sequence[PointResult]) -> bool:
    """Whether a point of the question's heaviest weight is hit (any point, when all
    weigh the same): the banks weigh the fact that tells an answer apart at 2."""
    heaviest = max(p.point.weight for p in points)
    return any(p.hit and p.point.weight >= heaviest for p in points)


def _states_every_core(points: Sequence[PointResult]) -> bool:
    """Whether every point of the heaviest weight is hit: two points of a question with
    three core facts ("extract", "transform", "load") are half the story, not all of it.
    True on a question whose points all weigh the same (no point is its core)."""
    weights = {p.point.weight for p in points}
    if len(weights) < 2:
        return True
    heaviest = max(weights)
    return all(p.hit for p in points if p.point.weight >= heaviest)


def _off_the_mark(answer: str, points: Sequence[PointResult]) -> bool:
    """A long answer (:data:`OFF_MARK_WORDS` words or more) whose hits weigh less than
    :data:`OFF_MARK_SHARE` of the points: it had room to make them and made others."""
    if len(answer.split()) < OFF_MARK_WORDS:
        return False
    total = sum(p.point.weight for p in points) or 1.0
    return sum(p.point.weight for p in points if p.hit) / total < OFF_MARK_SHARE


def _in_its_terms(question: Question, index: AnswerIndex) -> bool:
    """Whether an answer that denies nothing says :data:`ON_TOPIC_SHARE` of its content
    words in the question's terms: a long answer so is vague, not off the mark."""
    if index.has_negation:
        return False
    content = [t.stem for t in index.tokens if not t.stop and not t.negation]
    known = _plan(question).known
    return bool(content) and sum(w in known for w in content) >= ON_TOPIC_SHARE * len(content)


def _strays(question: Question, index: AnswerIndex, points: Sequence[PointResult]) -> bool:
    """A one-point answer of :data:`STRAY_WORDS` content words or more, fewer than
    :data:`STRAY_SHARE` of them the prompt's or the key points': past the one point it
    makes, it talks about something else (the mirror of :func:`_on_topic`)."""
    if sum(p.hit for p in points) != 1:
        return False
    content = [t.stem for t in index.tokens if not t.stop and not t.negation]
    if len(content) < STRAY_WORDS:
        return False
    known = _plan(question).known
    return sum(w in known for w in content) < STRAY_SHARE * len(content)


def _about_this_concept(points: Sequence[PointResult], question: Question) -> bool:
    """Whether the answer is about its own question's concept, whatever else fits better:
    it makes a heaviest point of a question whose points weigh differently (that fact is
    what tells the concept apart: "pass the S3 path, not the file, through XCom" is about
    large files, though it fits the XCom-backend question too), or the points it hits
    would make it correct but for those it contradicts."""
    weights = {p.point.weight for p in points}
    if len(weights) > 1 and _states_the_core(points):
        return True
    return _right_but_contradicted(points, question)


def _right_but_contradicted(points: Sequence[PointResult], question: Question) -> bool:
    """Whether the points hit alone would make the answer correct (it is partial only
    because it contradicts some): an answer about this concept, not a sibling's."""
    total = sum(p.point.weight for p in points) or 1.0
    hit = sum(p.point.weight for p in points if p.hit) / total
    return hit >= CORRECT_AT.get(question.grading, CORRECT_AT["normal"])


def _without_claims(
    points: Sequence[PointResult], claims: Sequence[MisconceptionHit]
) -> tuple[PointResult, ...]:
    """Points whose hit lies mostly inside the words that made a wrong claim do not count."""
    spans = [c.span for c in claims if c.span]

    def inside(span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        a, b = span
        overlap = max((min(b, d) - max(a, c) for c, d in spans), default=0)
        return overlap * 2 > b - a

    return tuple(
        PointResult(p.point, False, p.similarity, p.span, p.matched_text, p.negated)
        if p.hit and inside(p.span)
        else p
        for p in points
    )


def _capped(
    question: Question,
    score: float,
    points: Sequence[PointResult],
    reason: str,
    claims: tuple[MisconceptionHit, ...],
) -> Grade:
    """The grade of an answer that makes misconceptions: ``partial`` at best."""
    total = sum(p.point.weight for p in points) or 1.0
    share = sum(p.point.weight for p in points if p.hit) / total
    core = any(c.misconception.core for c in claims) or _said_for_the_core(points, claims)
    strictness = question.grading
    if core or share < MISCONCEPTION_KEEPS_PARTIAL:
        verdict: Verdict = "incorrect"
        score = min(score, PARTIAL_AT.get(strictness, PARTIAL_AT["normal"]) - 0.01)
    else:
        verdict = "partial"
        score = min(score, CORRECT_AT.get(strictness, CORRECT_AT["normal"]) - 0.01)
    said = "; ".join(
        f"'{c.misconception.text}' is wrong: {c.misconception.correction}" for c in claims
    )
    reason = f"{said}{MISCONCEPTION_REASON_END}{reason}"
    return Grade(question.id, max(score, 0.0), verdict, tuple(points), reason, claims)


def _said_for_the_core(points: Sequence[PointResult], claims: Sequence[MisconceptionHit]) -> bool:
    """Whether a wrong claim stands where the answer comes nearest to a heaviest point it
    misses (their spans overlap), or shares its subject: the claim is the answer's
    version of the core fact (a third of its words, :func:`_same_subject`).

    Only on questions whose points weigh differently (the heaviest is the core)."""
    weights = {p.point.weight for p in points}
    if len(weights) < 2:
        return False
    heaviest = max(weights)
    spans = [c.span for c in claims if c.span]
    missed = [p for p in points if not p.hit and p.point.weight >= heaviest]
    return any(
        p.span is not None and any(min(p.span[1], b) > max(p.span[0], a) for a, b in spans)
        for p in missed
    ) or any(_same_subject(c.misconception.text, p.point.text) for c in claims for p in missed)


@lru_cache(maxsize=4096)
def _same_subject(claim: str, point: str) -> bool:
    """Whether a third or more of a claim's content words (two at least) are the point's:
    the wrong version of that fact ("a task instance is the Python process" for "a task
    instance is one run of a task")."""
    words = {t.stem for t in tokenize(claim) if not t.stop and not t.negation}
    own = {t.stem for t in tokenize(point) if not t.stop and not t.negation}
    shared = len(words & own)
    return shared >= SAME_SUBJECT_WORDS and shared * 3 >= len(words)


def _unhit(points: Sequence[PointResult]) -> tuple[PointResult, ...]:
    """Points as reported for a trapped answer: the spans stay visible, none counts."""
    return tuple(
        PointResult(p.point, False, p.similarity, p.span, p.matched_text, p.negated) for p in points
    )
