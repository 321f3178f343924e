"""`quizapp bank lint`: what makes a bank hard to study or to grade fairly.

Validation says whether a bank *loads*; the linter says whether it is *good*:

- prompts that are near-duplicates of each other (the learner sees one question twice);
- a key point that matches another question's model answer in the same topic better than its
  own (grading will be ambiguous: a sibling concept's answer could score);
- aliases that collide (the same phrase for two points of a question, or an alias that is just
  the point again);
- key points whose wording does not occur in the model answer (the answer does not teach what
  the grader asks for);
- questions with fewer than three key points (a single phrase decides the verdict);
- a misconception that the question's own model answer makes, or that one of its key
  points makes when an answer says just that point (an error: the grader would mark a
  right answer down; bag-of-words matching cannot tell "consumers upgrade before
  producers" from "upgrade the producers first", so the claim needs other words);
- plain text cut short by a YAML comment (``(PR #42953)``: everything from `` #`` on
  is dropped without a word).

Findings are warnings with ``file:line`` (the misconception check is an error);
``--strict`` turns the warnings into errors too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from quizapp.core import misconceptions
from quizapp.core.bank import YAML_LOADER
from quizapp.core.grading import parts_left_out
from quizapp.core.matching import AnswerIndex
from quizapp.core.models import Bank, BankIssue, Catalog, PointResult, Question
from quizapp.core.normalise import fold

DUPLICATE_PROMPT = 92.0  # token_sort_ratio of two normalised prompts
SUPPORTED = 75.0  # partial_ratio of a phrasing inside its own model answer
AMBIGUITY_MARGIN = 10.0  # another answer beats the own one by this much
MIN_KEY_POINTS = 3
_WORD = re.compile(r"[a-z0-9]+")
_CUTTING_COMMENT = re.compile(r"\s*#\S")  # "#42953", "#tag": text, not a comment


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(fold(text).lower()))


def _warn(question: Question, line: int, message: str) -> BankIssue:
    return BankIssue(question.file, line or question.line, message, question.id, "warning")


def _support(phrasing: str, answer: str) -> float:
    """How well a phrasing occurs somewhere in an answer (0-100)."""
    return float(fuzz.partial_ratio(phrasing, answer)) if phrasing and answer else 0.0


def _few_points(question: Question) -> Iterable[BankIssue]:
    if question.kind == "text" and len(question.key_points) < MIN_KEY_POINTS:
        yield _warn(
            question,
            question.line,
            f"only {len(question.key_points)} key point(s); "
            f"{MIN_KEY_POINTS} or more make the verdict less fragile",
        )


def _colliding_aliases(question: Question) -> Iterable[BankIssue]:
    owners: dict[str, str] = {}
    for point in question.key_points:
        own = _norm(point.text)
        for alias in point.aliases:
            if _norm(alias) == own:
                yield _warn(
                    question, point.line, f"alias '{alias}' repeats its key point '{point.text}'"
                )
        for phrase in dict.fromkeys(_norm(p) for p in point.phrasings):
            other = owners.get(phrase)
            if other is not None and other != point.text:
                yield _warn(
                    question,
                    point.line,
                    f"'{phrase}' is a phrasing of both '{other}' and '{point.text}'",
                )
            owners.setdefault(phrase, point.text)


def _unsupported_and_ambiguous(question: Question, siblings: list[Question]) -> Iterable[BankIssue]:
    answer = _norm(question.answer)
    for point in question.key_points:
        phrasings = [_norm(p) for p in point.phrasings]
        own = max(_support(p, answer) for p in phrasings)
        if own < SUPPORTED:
            yield _warn(
                question,
                point.line,
                f"key point '{point.text}' does not occur in the "
                f"model answer (best match {own:.0f}%); reword it or the answer",
            )
        distinctive = [p for p in phrasings if len(p.split()) >= 2]
        if not distinctive:
            continue
        for sibling in siblings:
            other = max(_support(p, _norm(sibling.answer)) for p in distinctive)
            if other >= SUPPORTED and other > own + AMBIGUITY_MARGIN:
                yield _warn(
                    question,
                    point.line,
                    f"key point '{point.text}' matches the answer "
                    f"of '{sibling.id}' ({other:.0f}%) better than its own "
                    f"({own:.0f}%): grading will be ambiguous",
                )


def _misconception_in_answer(question: Question) -> Iterable[BankIssue]:
    """A misconception the model answer itself makes is an error."""
    if not question.misconceptions:
        return
    for hit in misconceptions.find(question, AnswerIndex(question.answer)):
        yield BankIssue(
            question.file,
            hit.misconception.line or question.line,
            f"misconception '{hit.misconception.text}' matches the question's own model "
            f"answer ('{hit.matched_text}'): reword the misconception or the answer",
            question.id,
            "error",
        )


def _misconception_in_key_points(question: Question) -> Iterable[BankIssue]:
    """A misconception that an answer reciting one of the key points makes is an error."""
    if not question.misconceptions:
        return
    reported: set[tuple[str, str]] = set()
    for point in question.key_points:
        for phrasing in point.phrasings:
            for hit in misconceptions.find(question, AnswerIndex(phrasing)):
                key = (hit.misconception.text, point.text)
                if key in reported:
                    continue
                reported.add(key)
                yield BankIssue(
                    question.file,
                    hit.misconception.line or question.line,
                    f"misconception '{hit.misconception.text}' is made by an answer that "
                    f"says the key point '{phrasing}': a right answer would be marked "
                    "down; give the claim words the right answer does not use",
                    question.id,
                    "error",
                )


def _parts(question: Question) -> Iterable[BankIssue]:
    """Prompt parts that cannot work: one label alone (no other part to be left out
    beside it), or a part whose phrasings the model answer does not contain."""
    labels = dict.fromkeys(p.part for p in question.key_points if p.part)
    if len(labels) == 1:
        first = next(p for p in question.key_points if p.part)
        yield _warn(
            question,
            first.line,
            f"only one part ('{first.part}') is named: parts need two or more, or none",
        )
        return
    if not labels:
        return
    supported = tuple(
        PointResult(p, any(_support(t, question.answer) >= SUPPORTED for t in p.phrasings), 0.0)
        for p in question.key_points
    )
    for part in parts_left_out(question, AnswerIndex(question.answer), supported):
        line = next(p.line for p in question.key_points if p.part == part)
        yield _warn(
            question,
            line,
            f"no point of part '{part}' occurs in the model answer: an answer like it "
            "would be graded as leaving that part out",
        )


def _duplicate_prompts(questions: list[Question]) -> Iterable[BankIssue]:
    normalised = [(q, _norm(q.prompt)) for q in questions]
    for (a, pa), (b, pb) in combinations(normalised, 2):
        # token_sort, not token_set: a short prompt is a token subset of any longer one
        # ("What is a DAG?" in "What is a DAG run?") and would score 100.
        score = fuzz.token_sort_ratio(pa, pb)
        if score >= DUPLICATE_PROMPT:
            yield _warn(
                b, b.line, f"prompt is a near-duplicate of '{a.id}' at {a.location} ({score:.0f}%)"
            )


def _plain_scalars(node: yaml.Node) -> Iterable[yaml.ScalarNode]:
    """Each plain scalar once: an alias is the same node, so an alias bomb is not expanded."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.tag == "tag:yaml.org,2002:str":  # plain: None or ""
                yield node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)


def _text_cut_by_comments(bank: Bank) -> Iterable[BankIssue]:
    """Plain (unquoted) text followed by what YAML reads as a comment, ``#`` stuck to a
    word (an issue number, a hashtag) or ending a value that runs over several lines."""
    try:
        text = Path(bank.path).read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # the loader already reported why the file cannot be read
    if root is None:
        return
    lines = text.splitlines()
    for node in _plain_scalars(root):
        end = node.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        spans_lines = end.line > node.start_mark.line
        if rest.lstrip().startswith("#") and (spans_lines or _CUTTING_COMMENT.match(rest)):
            tail = node.value if len(node.value) <= 30 else "…" + node.value[-29:]
            yield BankIssue(
                bank.path,
                end.line + 1,
                f"text ends at '{tail}': YAML reads '{rest.strip()[:30]}' as a "
                "comment; quote the value or use a block scalar (|)",
                None,
                "warning",
            )


def lint_catalog(catalog: Catalog) -> list[BankIssue]:
    """Every lint finding over the catalog (warnings, and errors for misconceptions the
    model answer makes), in file order."""
    findings: list[BankIssue] = []
    for bank in catalog.banks:
        findings.extend(_text_cut_by_comments(bank))
        text_questions = [q for q in bank.questions if q.kind == "text"]
        for question in bank.questions:
            findings.extend(_few_points(question))
            findings.extend(_colliding_aliases(question))
            findings.extend(_misconception_in_answer(question))
            findings.extend(_misconception_in_key_points(question))
            findings.extend(_parts(question))
            if question.kind == "text":
                siblings = [q for q in text_questions if q.id != question.id]
                findings.extend(_unsupported_and_ambiguous(question, siblings))
    findings.extend(_duplicate_prompts(list(catalog.questions)))
    order = {bank.path: i for i, bank in enumerate(catalog.banks)}
    findings.sort(key=lambda f: (order.get(f.path, len(order)), f.line))
    return findings
