"""Draft questions as a bank file: stable slug ids, YAML with draft comments, loader-checked."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.core.bank import parse_bank
from quizapp.core.models import BankIssue
from quizapp.core.notes_import import DraftQuestion, plain_text

MAX_SLUG_WORDS = 6
_FILLER = re.compile(
    r"^(?:what|how|why|when|which|who|explain|describe|define|compare|discuss|tell me about)"
    r"(?:\s+(?:is|are|was|were|do|does|did|would|should|can|could|you|we|the|a|an|in|of))*\s+",
    re.IGNORECASE,
)
_STOP = {
    "a", "an", "the", "in", "of", "and", "or", "to", "for", "is", "are", "it", "its", "what",
    "you", "your", "we", "would", "how", "do", "does", "s",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DraftBank:
    """A bank ready to write: its YAML text and how many questions it holds."""

    bank_id: str
    text: str
    count: int


def slug_of(prompt: str) -> str:
    """A readable id from a prompt: ``What is a data lake?`` -> ``data-lake``."""
    text = re.sub(r"['’]s\b", "", _FILLER.sub("", plain_text(prompt)).lower())
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    kept = [w for w in words if w not in _STOP] or words or ["question"]
    return "-".join(kept[:MAX_SLUG_WORDS])


def unique_ids(drafts: Iterable[DraftQuestion], taken: Iterable[str]) -> list[str]:
    """One id per draft, unique against ``taken`` and each other (``-2``, ``-3`` on clashes).

    The same notes give the same ids, run after run, as long as ``taken`` is the same.
    """
    used = set(taken)
    ids: list[str] = []
    for draft in drafts:
        base = slug_of(draft.prompt)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        ids.append(candidate)
    return ids


def unique_bank_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``wanted-notes``, ``wanted-notes-2``... when a bank already has that id."""
    used = set(taken)
    if wanted not in used:
        return wanted
    base = candidate = f"{wanted}-notes"
    n = 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _quoted(text: str) -> str:
    """A one-line YAML scalar: JSON's double-quoted strings are valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str) -> str:
    """Multi-line text as a literal block when YAML can keep it exactly, else quoted."""
    lines = text.split("\n")
    if "\t" in text or text != text.strip() or any(line != line.rstrip() for line in lines):
        return _quoted(text)
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f"|-\n{body}"


def render_draft_bank(
    bank_id: str, title: str, drafts: list[DraftQuestion], source: str, taken: Iterable[str] = ()
) -> DraftBank:
    """The YAML of a draft bank: every question marked as a draft, with ``source`` file:line."""
    ids = unique_ids(drafts, taken)
    out = [
        "# Draft bank written by `quizapp bank import` from " + source + ".",
        "# Each key point was drafted from one bullet or sentence of the answer: keep the facts",
        "# that matter, phrase each as one fact, add aliases, then run `quizapp bank lint`.",
        f"bank: {bank_id}",
        f"title: {_quoted(title)}",
        "questions:",
    ]
    count = 0
    for qid, draft in zip(ids, drafts, strict=True):
        points = draft.key_points or [plain_text(draft.answer)[:120]]
        out += [
            f"  # draft: imported from {source}:{draft.line}; check the key points",
            f"  - id: {qid}",
            f"    prompt: {_quoted(draft.prompt)}",
            f"    answer: {_block(draft.answer, '      ')}",
            "    key_points:",
            *(f"      - {_quoted(point)}" for point in points),
        ]
        if draft.tags:
            out.append(f"    tags: [{', '.join(_quoted(t) for t in draft.tags)}]")
        out.append(f"    source: {_quoted(f'{source}:{draft.line}')}")
        count += 1
    return DraftBank(bank_id, "\n".join(out) + "\n", count)


def check_draft(draft: DraftBank, shown: str) -> list[BankIssue]:
    """What the loader says of the draft (nothing, unless the notes hold something odd)."""
    bank, issues = parse_bank(draft.text, shown, default_id=draft.bank_id)
    if bank is not None and len(bank.questions) != draft.count and not issues:
        issues.append(BankIssue(shown, 1, "the draft lost questions on reading back"))
    return issues
