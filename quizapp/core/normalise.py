"""Turn free text into comparable tokens that remember where they came from.

Every token keeps its ``(start, end)`` offsets in the *original* text, so a
match can be highlighted in what the learner typed. Normalisation folds case
and accents, splits ``snake_case`` and ``CamelCase`` identifiers into words
(and marks them as parts of an identifier), expands contractions (``can't`` ->
``can not``), maps the field's abbreviations and spellings (DB, K8s, XComs,
up-stream, British -ise/-yse) to one form, and stems lightly so that
"retrying", "retried" and "retries" meet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Word runs in the case-folded text; ">>" and "<<" are Airflow's dependency operators.
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|>>|<<")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# Sentence ends and clause breaks (commas, conjunctions that turn the meaning).
_SENTENCE_BREAK = re.compile(r"[.!?;]+(?=\s|$)|\n\s*\n|\s[-–—]\s")
_CLAUSE_BREAK = re.compile(
    r"[,:()\[\]]|\b(?:but|while|whereas|although|though|however|so|because|since|which|thus"
    r"|therefore)\b",
    re.I,
)
_TURN_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however", "unlike"})
_CONTRAST = re.compile(r"\b(?:but|while|whereas|although|though|however|unlike)\b", re.I)

NEGATIONS: frozenset[str] = frozenset(
    {"not", "no", "never", "without", "neither", "nor", "none", "nothing", "nobody"}
)

# Whole-word rewrites after case folding (before stemming); values may be several words.
ABBREVIATIONS: dict[str, str] = {
    "db": "database",
    "dbs": "database",
    "k8s": "kubernetes",
    "kube": "kubernetes",
    "dags": "dag",
    "dagrun": "dag run",
    "dagruns": "dag run",
    "subdag": "sub dag",
    "subdags": "sub dag",
    "taskgroup": "task group",
    "taskgroups": "task group",
    "xcoms": "xcom",
    "xcomm": "xcom",
    "xcomms": "xcom",
    "config": "configuration",
    "configs": "configuration",
    "env": "environment",
    "vars": "variables",
    "var": "variable",
    "conn": "connection",
    "conns": "connection",
    "repo": "repository",
    "prod": "production",
    "infra": "infrastructure",
    "e2e": "end to end",
    "ml": "machine learning",
    "ui": "ui",
    "webui": "web ui",
    "webserver": "web server",
    "cannot": "can not",
    "cant": "can not",
    "dont": "do not",
    "doesnt": "does not",
    "isnt": "is not",
    "arent": "are not",
    "wont": "will not",
    "shouldnt": "should not",
    "didnt": "did not",
    "w/o": "without",
}
# Two-word spellings that are one word in the field ("up-stream", "meta data").
_JOINS: dict[tuple[str, str], str] = {
    ("up", "stream"): "upstream",
    ("down", "stream"): "downstream",
    ("meta", "data"): "metadata",
    ("data", "set"): "dataset",
    ("data", "sets"): "dataset",
    ("time", "out"): "timeout",
    ("work", "flow"): "workflow",
    ("work", "flows"): "workflow",
    ("x", "com"): "xcom",
    ("x", "coms"): "xcom",
}

# Words that mean the same in this field; each is read as the first of its group.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("limit", "cap", "restrict", "throttle", "constrain"),
    (
        "parallel",
        "parallelism",
        "simultaneous",
        "simultaneously",
        "concurrent",
        "concurrently",
        "concurrency",
    ),
    ("store", "keep", "save", "hold", "persist", "storage", "repository"),
    ("analyze", "analytics", "analysis", "analytical", "analyse"),
    ("integrate", "consolidate", "combine", "unify"),
    ("organize", "organise", "bundle", "arrange"),
    ("create", "generate", "build", "produce", "instantiate"),
    ("run", "execute", "execution"),
    ("fail", "failure", "failed"),
    ("many", "multiple", "several", "numerous", "various", "lots"),
    ("one", "single"),
    ("extra", "additional", "further"),
    ("machine", "server", "host", "box"),
    ("share", "exchange", "pass"),
    ("small", "tiny", "little", "lightweight"),
    ("large", "big", "huge"),
    ("clean", "cleanse", "scrub"),
    ("fast", "quick", "rapid"),
    ("order", "sequence", "ordered"),
    ("monitor", "observe", "watch", "track"),
    ("recommend", "prefer", "preferred", "favour", "favor"),
    ("split", "divide", "break"),
    ("affect", "change", "impact", "influence"),
    ("embed", "nest", "inside", "within"),
    ("automatic", "automatically", "automated", "automate"),
    ("secret", "credential", "password"),
    ("interval", "window", "period"),
)

_STOP_TEXT = """a an the and or of to in on at by for with from into onto as is are was were be been
    being am it its it's this that these those there here then than so such do does did
    doing done have has had having i you he she we they them their his her our your my me us
    what which who whom whose when where why how if else also just only very really
    basically about over under up down out off again once both other some any all can could
    would should will shall may might must let lets via per etc eg ie like thing things stuff
    way ways ones get gets got make makes made use uses used using s t d ll re ve m
    represent represents allow allows allowed kind kinds type types another define defines
    defined specify specifies specified describe describes cause causes caused lead leads
    led"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())


def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYMS:
        canonical = stem(group[0])
        for word in group[1:]:
            table.setdefault(stem(word), canonical)
    return table


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word of a text, with its place in the original."""

    word: str  # lower case, before stemming
    stem: str
    start: int
    end: int
    sentence: int
    clause: int
    ident: int = -1  # index of the identifier (snake/Camel case) it was split from, else -1

    @property
    def stop(self) -> bool:
        """A function word: it never carries a match on its own."""
        return self.word in STOP_WORDS or (len(self.word) == 1 and self.word.isalpha())

    @property
    def negation(self) -> bool:
        """A word that turns the meaning of its clause around."""
        return self.word in NEGATIONS


def fold(text: str) -> str:
    """Accents removed, same length as ``text`` (so offsets stay valid); case kept."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper (not Porter): enough for retries/retrying."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    w = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", w)  # British -ise
    w = re.sub(r"ys(e|ed|es|ing)$", r"yz\1", w)  # analyse -> analyze
    for suffix, repl in (
        ("ically", "ic"),
        ("ations", ""),
        ("ation", ""),
        ("ments", ""),
        ("ment", ""),
        ("encies", ""),
        ("ency", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ying", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ated", ""),
        ("ates", ""),
        ("ate", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", "e"),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # mapped -> mapp -> map
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


_SYNONYM_OF = _synonym_table()


def _words(text: str) -> list[tuple[str, int, int, int]]:
    """``(lowercase word, start, end, identifier id)`` with contractions and identifiers split."""
    folded = fold(text)
    words: list[tuple[str, int, int, int]] = []
    ident = 0
    for m in _WORD.finditer(folded):
        raw, start, end = m.group(), m.start(), m.end()
        low = raw.lower().replace("’", "'")
        if "'" in low:
            base, _, tail = low.partition("'")
            if tail == "t" and base.endswith("n"):  # doesn't -> does not, can't -> ca(n) not
                base = {"ca": "can", "wo": "will", "sha": "shall"}.get(base[:-1], base[:-1])
                words += [(base, start, end, -1), ("not", start, end, -1)]
            else:
                words.append((base, start, end, -1))
            continue
        joined_ident = (end < len(folded) and folded[end] == "_") or (
            start > 0 and folded[start - 1] == "_"
        )
        if low in ABBREVIATIONS:
            parts = ABBREVIATIONS[low].split()
            words += [(p, start, end, -1) for p in parts]
            continue
        camel = _CAMEL.findall(raw) if not raw.islower() and not raw.isupper() else [raw]
        if len(camel) > 1:
            pos = start
            for part in camel:
                p_start = folded.index(part, pos, end)
                pos = p_start + len(part)
                words.append((part.lower(), p_start, pos, ident))
            ident += 1
        else:
            words.append((low, start, end, ident if joined_ident else -1))
        if not (end < len(folded) and folded[end] == "_"):
            ident += 1
    return words


def _breaks(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """The normalised tokens of ``text`` with offsets, sentence and clause numbers."""
    words = _words(text)
    merged: list[tuple[str, int, int, int]] = []
    for word in words:
        if merged and (merged[-1][0], word[0]) in _JOINS and merged[-1][2] >= word[1] - 1:
            prev = merged.pop()
            merged.append((_JOINS[(prev[0], word[0])], prev[1], word[2], -1))
        else:
            merged.append(word)
    sentence_breaks = sorted(_breaks(_SENTENCE_BREAK, text) + _breaks(_CONTRAST, text))
    clause_breaks = sorted(sentence_breaks + _breaks(_CLAUSE_BREAK, text))
    tokens: list[Token] = []
    s = c = 0
    for word, start, end, ident in merged:
        while s < len(sentence_breaks) and sentence_breaks[s] < start:
            s += 1
        while c < len(clause_breaks) and clause_breaks[c] < start:
            c += 1
        if word in _TURN_WORDS:
            continue
        stemmed = stem(word)
        tokens.append(Token(word, _SYNONYM_OF.get(stemmed, stemmed), start, end, s, c, ident))
    return tuple(tokens)


def content(tokens: tuple[Token, ...]) -> list[Token]:
    """The tokens that carry meaning (no function words)."""
    return [t for t in tokens if not t.stop]
