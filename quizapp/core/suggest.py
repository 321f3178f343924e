"""Turn an answer the learner says was right into aliases for the bank (`quizapp bank suggest`).

When a learner overrides a verdict ("I was right"), the key points the grader
missed were probably said in other words. For each missed point this finds the
clause of the answer that says it (see :func:`suggest_aliases`). The result is
a YAML snippet with the point's aliases extended, ready to paste over the point
in its bank. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from quizapp.core.grading import grade
from quizapp.core.matching import AnswerIndex
from quizapp.core.models import KeyPoint, Question
from quizapp.core.normalise import Token, tokenize

MAX_ALIAS_WORDS = 12
"""An alias longer than this is cut to its first words."""
MIN_CONTENT_WORDS = 2
"""A phrase needs at least this many content words to be worth an alias."""
MIN_OVERLAP = 0.2
"""Share of a point's words a clause must contain to be paired with it by overlap."""


@dataclass(frozen=True, slots=True)
class AliasSuggestion:
    """A phrase of the learner's answer proposed as an alias of a missed key point."""

    point: KeyPoint
    alias: str


def suggest_aliases(question: Question, answer: str) -> list[AliasSuggestion]:
    """For each key point ``answer`` missed, the phrase of the answer that likely says it.

    Clauses of the answer that no hit used are paired with missed points, best
    word overlap first (each clause and each point once); a lone clause left
    with a lone point is paired too.
    """
    result = grade(question, answer)
    tokens = AnswerIndex(answer).tokens
    clauses = {c: m for c, m in _clauses(tokens).items() if _content(tokens, m)}
    for p in result.points:
        if p.hit and p.span:
            clauses.pop(_clause_of(tokens, p.span), None)
    missed = [p.point for p in result.points if not p.hit]
    pairs = sorted(
        (
            (-_overlap(point, tokens, members), n, c)
            for n, point in enumerate(missed)
            for c, members in clauses.items()
        ),
    )
    chosen: dict[int, int] = {}
    for score, n, c in pairs:
        if -score >= MIN_OVERLAP and n not in chosen and c not in chosen.values():
            chosen[n] = c
    free_points = [n for n in range(len(missed)) if n not in chosen]
    free_clauses = [c for c in clauses if c not in chosen.values()]
    if len(free_points) == 1 and len(free_clauses) == 1:
        chosen[free_points[0]] = free_clauses[0]
    suggestions = []
    for n, point in enumerate(missed):
        if n in chosen:
            alias = _text(answer, tokens, clauses[chosen[n]])
            if alias and alias not in point.phrasings:
                suggestions.append(AliasSuggestion(point, alias))
    return suggestions


def render_suggestions(question: Question, suggestions: list[AliasSuggestion]) -> str:
    """A YAML snippet: the question's id and each missed point with its aliases extended."""
    if not suggestions:
        return ""
    points = []
    for s in suggestions:
        entry: dict[str, object] = {
            "text": s.point.text,
            "aliases": [*s.point.aliases, s.alias],
        }
        if s.point.weight != 1:
            entry["weight"] = s.point.weight
        points.append(entry)
    body = yaml.safe_dump(
        [{"id": question.id, "key_points": points}],
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    where = f" ({question.location})" if question.file else ""
    return f"# {question.id}{where}: aliases from an answer marked right\n{body}"


def suggest(question: Question, answer: str) -> str:
    """The YAML snippet for one overridden answer ('' when nothing is missing)."""
    return render_suggestions(question, suggest_aliases(question, answer))


def _clauses(tokens: tuple[Token, ...]) -> dict[int, list[int]]:
    clauses: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        clauses.setdefault(tok.clause, []).append(i)
    return clauses


def _clause_of(tokens: tuple[Token, ...], span: tuple[int, int]) -> int:
    for tok in tokens:
        if tok.start >= span[0]:
            return tok.clause
    return -1


def _overlap(point: KeyPoint, tokens: tuple[Token, ...], members: list[int]) -> float:
    """How much of the point's best phrasing (content stems) the clause contains, 0-1."""
    words = {tokens[i].stem for i in members if not tokens[i].stop}
    best = 0.0
    for text in point.phrasings:
        stems = {t.stem for t in tokenize(text) if not t.stop and not t.negation}
        if stems:
            best = max(best, len(stems & words) / len(stems))
    return best


def _text(answer: str, tokens: tuple[Token, ...], members: list[int]) -> str:
    """The clause as the learner wrote it, at most :data:`MAX_ALIAS_WORDS` words."""
    members = members[:MAX_ALIAS_WORDS]
    text = answer[tokens[members[0]].start : tokens[members[-1]].end]
    return re.sub(r"\s+", " ", text).strip(" .,;:-`'\"")


def _content(tokens: tuple[Token, ...], members: list[int]) -> bool:
    return sum(1 for i in members if not tokens[i].stop) >= MIN_CONTENT_WORDS
