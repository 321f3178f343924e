"""Turn interview notes (Markdown, Obsidian cards, Anki text/CSV exports) into draft questions.

The shapes people write, all in one pass over the lines:

- numbered questions (``1. What is X?``, ``**1. What is X?**``, ``1. **What is X?**``),
  answered by whatever follows them: ``-`` bullets, paragraphs, nested lists and
  fenced code. A numbered line is a *question* only when it carries the notes'
  numbering forward; a list that starts again at 1 inside an answer (ETL steps,
  lifecycle stages) stays part of that answer;
- headings that end in ``?`` (``### What is X?``);
- ``##`` section headings, which become tags of the questions under them;
- Obsidian spaced-repetition cards: ``Question::Answer`` (``:::`` too) on one
  line, or question lines, a line holding only ``?``, and answer lines;
- Anki's plain-text and CSV exports (``#separator:tab`` headers, one note a row).

Everything here is pure: text in, :class:`DraftQuestion` values out; the
command line writes the bank (:mod:`quizapp.core.draft_bank`).
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field

MAX_POINT_WORDS = 12
"""A drafted key point is cut to about this many words (at a clause boundary when one is near)."""
MAX_POINTS = 8
"""At most this many key points are drafted per question."""

_NUMBERED = re.compile(r"^(?P<indent>\s*)(?:\*\*|__)?(?P<num>\d{1,4})[.)]\s+(?P<text>.+?)\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•]|\d{1,3}[.)])\s+(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CARD = re.compile(r"^(?P<q>[^:`]+?)\s*:{2,3}\s*(?P<a>\S.*)$")
_QUESTION_WORDS = re.compile(
    r"^(what|how|why|when|where|which|who|whom|explain|describe|compare|contrast|define|"
    r"discuss|difference|differences|outline|walk me)\b",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`*(\"'])")
_CLAUSE = re.compile(r"\s*(?::|;|\s-\s|\s–\s|\s—\s|,|\()\s*")
_TAG = re.compile(r"[^a-z0-9]+")
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "from",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "without",
        "into",
        "onto",
        "than",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "can",
        "could",
        "will",
        "would",
        "should",
        "its",
        "their",
        "your",
        "our",
        "his",
        "her",
        "this",
        "these",
        "those",
        "like",
        "via",
        "per",
    ]
)
"""Words a key point cut at :data:`MAX_POINT_WORDS` should not end on."""


@dataclass
class DraftQuestion:
    """A question read from notes, before it becomes YAML."""

    prompt: str
    line: int
    answer_lines: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def answer(self) -> str:
        """The answer as Markdown: its lines, dedented, blank lines at the ends dropped."""
        return _dedent_block(self.answer_lines)

    @property
    def key_points(self) -> list[str]:
        """Drafted key points: one per bullet or sentence (see :func:`draft_key_points`)."""
        return draft_key_points(self.answer)


def plain_text(markdown: str) -> str:
    """Inline Markdown to plain words: emphasis, code ticks and links dropped, spaces collapsed."""
    text = _LINK.sub(r"\1", markdown)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(lambda m: m[2] or m[4], text)
    text = text.replace("`", "").replace("**", "")
    return " ".join(text.split())


def looks_like_question(text: str) -> bool:
    """Whether a line reads as a question or an interview prompt ("Explain ...")."""
    words = plain_text(text).strip()
    return words.endswith("?") or bool(_QUESTION_WORDS.match(words))


def tag_of(heading: str) -> str:
    """A section heading as a tag: ``Advanced Airflow Questions`` -> ``advanced-airflow``."""
    words = [w for w in _TAG.sub(" ", plain_text(heading).lower()).split() if w != "questions"]
    return "-".join(words)[:40].strip("-")


def parse_notes(text: str) -> list[DraftQuestion]:
    """Every question in the notes, in order (Anki exports are recognised by their headers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if _is_anki_export(text):
        return parse_anki_export(text)
    return _MarkdownReader(text.split("\n")).read()


def _is_anki_export(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    return first.startswith("#separator:") or first.startswith("#html:")


def parse_anki_export(text: str) -> list[DraftQuestion]:
    """Anki's "Notes in Plain Text" / CSV export: ``#key:value`` headers, then front, back, ..."""
    headers: dict[str, str] = {}
    body: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not body and line.startswith("#") and ":" in line:
            key, _, value = line[1:].partition(":")
            headers[key.strip().lower()] = value.strip()
            continue
        body.append(line)
        if len(body) == 1:
            first_body_line = number
    separators = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|"}
    sep = headers.get("separator", "tab")
    delimiter = separators.get(sep.lower(), sep[:1] or "\t")
    is_html = headers.get("html", "false").lower() == "true"
    tags_column = _column(headers.get("tags column"))
    drafts: list[DraftQuestion] = []
    reader = csv.reader(io.StringIO("\n".join(body)), delimiter=delimiter)
    for row in reader:
        fields = [f for f in row]
        if len(fields) < 2 or not fields[0].strip():
            continue
        front, back = (_anki_field(f, is_html) for f in fields[:2])
        if not front or not back:
            continue
        draft = DraftQuestion(front, first_body_line + reader.line_num - 1, back.split("\n"))
        if tags_column is not None and tags_column < len(fields):
            draft.tags = [tag_of(t) for t in fields[tags_column].split() if tag_of(t)]
        drafts.append(draft)
    return drafts


def _column(value: str | None) -> int | None:
    return int(value) - 1 if value and value.isdigit() and int(value) > 0 else None


def _anki_field(value: str, is_html: bool) -> str:
    if is_html:
        value = re.sub(r"<br\s*/?>|</div>|</p>|</li>", "\n", value, flags=re.IGNORECASE)
        value = re.sub(r"<li[^>]*>", "- ", value, flags=re.IGNORECASE)
        value = html.unescape(re.sub(r"<[^>]+>", "", value))
    lines = [line.rstrip() for line in value.strip().split("\n")]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1]))


class _MarkdownReader:
    """One pass over Markdown lines, opening a question where the notes start one."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.drafts: list[DraftQuestion] = []
        self.section: str | None = None
        self.current: DraftQuestion | None = None
        self.last_number = 0
        self.question_indent = 0
        self.inner_run: int | None = None  # the last number of a list inside the current answer

    def read(self) -> list[DraftQuestion]:
        in_fence = False
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            number = index + 1
            index += 1
            if _FENCE.match(line):
                in_fence = not in_fence
                self._answer_line(line)
                continue
            if in_fence:
                self._answer_line(line)
                continue
            if line.strip() == "?" and self.current is None:
                continue  # a stray separator
            if self._obsidian_multiline(index):
                index = self._read_multiline_card(index - 1)
                continue
            if self._heading(line, number) or self._numbered(line, number):
                continue
            if self._inline_card(line, number):
                continue
            self._answer_line(line)
        self._close()
        return [d for d in self.drafts if d.answer.strip()]

    # -- question starts -------------------------------------------------

    def _heading(self, line: str, number: int) -> bool:
        match = _HEADING.match(line)
        if not match:
            return False
        text = match["text"]
        if looks_like_question(text) and plain_text(text).endswith("?"):
            self._open(plain_text(text), number, indent=0)
            self.last_number = 0
            return True
        self._close()
        if len(match["hashes"]) >= 2:
            self.section = tag_of(text) or None
        return True

    def _numbered(self, line: str, number: int) -> bool:
        match = _NUMBERED.match(line)
        if not match:
            return False
        indent = len(match["indent"].expandtabs(4))
        value = int(match["num"])
        text = match["text"]
        nested = self.current is not None and indent > self.question_indent
        continues_inner = (
            self.inner_run is not None
            and value == self.inner_run + 1
            and not looks_like_question(text)
        )
        if nested or continues_inner or (self.current is not None and value <= self.last_number):
            if not nested:
                self.inner_run = value
            return False  # a list inside the answer
        self._open(plain_text(text.strip("*_ ")).strip(), number, indent)
        self.last_number = value
        return True

    def _inline_card(self, line: str, number: int) -> bool:
        match = _INLINE_CARD.match(line.strip())
        if not match or "://" in line or _BULLET.match(line):
            return False
        self._close()
        self._open(plain_text(match["q"]), number, indent=0)
        assert self.current is not None
        self.current.answer_lines.append(match["a"])
        self._close()
        return True

    def _obsidian_multiline(self, index: int) -> bool:
        """Whether the line just read starts a ``question / ? / answer`` card."""
        line = self.lines[index - 1]
        if not line.strip() or _HEADING.match(line) or _NUMBERED.match(line):
            return False
        ahead = index
        while ahead < len(self.lines) and self.lines[ahead].strip() and ahead - index < 6:
            if self.lines[ahead].strip() == "?":
                return True
            ahead += 1
        return False

    def _read_multiline_card(self, start: int) -> int:
        self._close()
        question: list[str] = []
        index = start
        while self.lines[index].strip() != "?":
            question.append(self.lines[index].strip())
            index += 1
        self._open(plain_text(" ".join(question)), start + 1, indent=0)
        index += 1
        while index < len(self.lines) and self.lines[index].strip():
            self._answer_line(self.lines[index])
            index += 1
        self._close()
        return index

    # -- bookkeeping -----------------------------------------------------

    def _open(self, prompt: str, number: int, indent: int) -> None:
        self._close()
        self.current = DraftQuestion(prompt, number)
        if self.section:
            self.current.tags.append(self.section)
        self.question_indent = indent
        self.inner_run = None

    def _close(self) -> None:
        if self.current is not None:
            self.drafts.append(self.current)
        self.current = None
        self.inner_run = None

    def _answer_line(self, line: str) -> None:
        if self.current is not None:
            self.current.answer_lines.append(line.rstrip())


def _dedent_block(lines: list[str]) -> str:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    text_lines = [line.expandtabs(4) for line in lines]
    first = text_lines[0] if text_lines else ""
    cut = len(first) - len(first.lstrip())  # the answer's own indent; deeper lines keep the rest
    out: list[str] = []
    blank = False
    for line in text_lines:
        if not line.strip():
            if not blank:
                out.append("")
            blank = True
            continue
        blank = False
        out.append(line[min(cut, len(line) - len(line.lstrip())) :])
    return "\n".join(out)


def draft_key_points(answer: str) -> list[str]:
    """One key point per bullet or sentence of ``answer``, in plain words, trimmed, deduplicated.

    Code blocks and ASCII-art lines (mostly symbols) are skipped; a long sentence is
    cut at its first clause boundary after three words, or at :data:`MAX_POINT_WORDS`.
    """
    points: list[str] = []
    seen: set[str] = set()
    in_fence = False
    paragraph: list[str] = []

    def add(raw: str) -> None:
        for sentence in _SENTENCE_END.split(plain_text(raw)):
            point = _trim(sentence)
            key = point.lower()
            if point and key not in seen and len(points) < MAX_POINTS:
                seen.add(key)
                points.append(point)

    def flush() -> None:
        if paragraph:
            add(" ".join(paragraph))
            paragraph.clear()

    for line in answer.split("\n"):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence or _is_drawing(line):
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            add(bullet["text"])
        elif line.strip():
            paragraph.append(line.strip())
        else:
            flush()
    flush()
    return points


def _is_drawing(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    letters = sum(c.isalpha() for c in stripped)
    return letters < len(stripped) * 0.4 or "    " in stripped.strip()


def _trim(sentence: str) -> str:
    words = sentence.strip().rstrip(".;:,").split()
    if len(words) < 2 and not (words and len(words[0]) > 3):
        return ""
    if len(words) > MAX_POINT_WORDS:
        text = " ".join(words)
        for match in _CLAUSE.finditer(text):
            head = text[: match.start()].split()
            if 3 <= len(head) <= MAX_POINT_WORDS:
                return " ".join(head).rstrip(".;:,")
        words = words[:MAX_POINT_WORDS]
        while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
            words = words[:-1]  # "... allows you to connect to" -> "... allows you to connect"
    point = " ".join(words)
    if point.count("(") > point.count(")"):
        point = point[: point.rindex("(")]
    return point.strip("* ").rstrip(".;:,- ")
