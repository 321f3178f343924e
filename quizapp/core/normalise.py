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
from functools import lru_cache
from typing import NamedTuple

# Word runs in the case-folded text; ">>" and "<<" are Airflow's dependency operators.
_WORD_TEXT = r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|>>|<<"
_WORD = re.compile(_WORD_TEXT)
# Each word with the text before it (from the previous word's end), in one C-level scan:
# the quick pattern for text without "<" or ">", the full one (a lone "<" is a gap) else.
# The third group is "_" when an underscore follows the word (it is not consumed).
_GAP_WORD = re.compile(rf"([^A-Za-z0-9<>]*)({_WORD_TEXT})(?=(_?))")
_GAP_WORD_ARROWS = re.compile(rf"((?:[^A-Za-z0-9<>]|<(?!<)|>(?!>))*)({_WORD_TEXT})(?=(_?))")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# Words that start a contrasting clause: a match never spans them.
_TURN_WORDS = frozenset({"but", "while", "whereas", "although", "though", "however", "unlike"})

NEGATIONS: frozenset[str] = frozenset(
    {
        "not",
        "no",
        "never",
        "without",
        "neither",
        "nor",
        "none",
        "nothing",
        "nobody",
        "avoid",
        "avoids",
        "avoiding",
    }
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
    "deps": "dependencies",
    "dep": "dependency",
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
    ("store", "keep", "kept", "save", "hold", "held", "persist", "storage", "repository"),
    ("analyze", "analytics", "analysis", "analytical", "analyse"),
    ("integrate", "consolidate", "combine", "unify"),
    ("organize", "organise", "bundle", "arrange"),
    ("create", "generate", "build", "built", "produce", "instantiate"),
    ("run", "ran", "execute", "execution"),
    ("fail", "failure", "failed"),
    ("many", "multiple", "several", "numerous", "various", "lots"),
    ("one", "single"),
    ("extra", "additional", "further"),
    ("machine", "server", "host", "box"),
    ("share", "exchange", "pass", "hand", "send"),
    ("data", "information", "info"),
    ("bit", "piece", "chunk"),
    ("attempt", "try", "tries"),
    ("wait", "pause", "delay"),
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
    ("automatic", "automatically", "automated", "automate", "auto"),
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
    led because since thus therefore"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())


def _synonym_table() -> dict[str, str]:
    """Stem of each word of a group (and of its -s/-ed/-ing forms) -> the group's first stem."""
    table: dict[str, str] = {}
    for group in SYNONYMS:
        canonical = stem(group[0])
        for word in group:
            for form in (word, word + "s", word + "es", word + "d", word + "ed", word + "ing"):
                if stem(form) != canonical:
                    table.setdefault(stem(form), canonical)
    return table


class Token(NamedTuple):
    """One normalised word of a text, with its place in the original."""

    word: str  # lower case, before stemming
    stem: str
    start: int
    end: int
    sentence: int
    clause: int
    ident: int  # index of the identifier (snake/Camel case) it was split from, else -1
    stop: bool  # a function word: it never carries a match on its own
    negation: bool  # a word that turns the meaning of its clause around


def fold(text: str) -> str:
    """Accents removed, same length as ``text`` (so offsets stay valid); case kept.

    Only the distinct non-ASCII characters are looked at, each replaced at once: a smart
    quote or an em dash (which fold to themselves) costs no pass over the text."""
    if text.isascii():
        return text
    for ch in set(text):
        if ch > "\x7f":
            base = _fold_char(ch)
            if base != ch:  # the base folds to itself: the order of replacements is free
                text = text.replace(ch, base)
    return text


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One non-ASCII character without its accents (itself when that is not one character)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


_BRITISH_ISE = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_BRITISH_YSE = re.compile(r"ys(e|ed|es|ing)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper (not Porter): enough for retries/retrying."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    w = _BRITISH_ISE.sub(r"iz\1", w)  # British -ise
    w = _BRITISH_YSE.sub(r"yz\1", w)  # analyse -> analyze
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
        if w.endswith(suffix) and len(w) - len(suffix) >= (4 if suffix == "ed" else 3):
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


@lru_cache(maxsize=1)
def synonym_forms() -> dict[str, tuple[str, ...]]:
    """Each synonym group's first stem -> the stems of the group's other words (and forms),
    so a typo of any of them ("persitent") can be told from the group it belongs to."""
    forms: dict[str, list[str]] = {}
    for form, canonical in _SYNONYM_OF.items():
        forms.setdefault(canonical, []).append(form)
    return {k: tuple(sorted(set(v))) for k, v in forms.items()}


@lru_cache(maxsize=65536)
def _split(raw: str) -> tuple[tuple[str, int, int], ...] | None:
    """Parts of one raw word as ``(word, start, end)`` relative to it; None for a plain word.

    Contractions expand (``doesn't`` -> does, not), abbreviations map, and
    CamelCase splits into its parts.
    """
    low = raw.lower().replace("’", "'")
    if "'" in low:
        base, _, tail = low.partition("'")
        if tail == "t" and base.endswith("n"):  # doesn't -> does not, can't -> ca(n) not
            base = {"ca": "can", "wo": "will", "sha": "shall"}.get(base[:-1], base[:-1])
            return ((base, 0, len(raw)), ("not", 0, len(raw)))
        return ((base, 0, len(raw)),)
    if low in ABBREVIATIONS:
        return tuple((p, 0, len(raw)) for p in ABBREVIATIONS[low].split())
    if _PLURAL_ACRONYM.fullmatch(raw):
        return ((low[:-1], 0, len(raw)),)  # "NULLs", "APIs": null, api (not NUL + Ls)
    if raw.islower() or raw.isupper():
        return None
    parts: list[tuple[str, int, int]] = []
    pos = 0
    for part in _CAMEL.findall(raw):
        start = raw.index(part, pos)
        pos = start + len(part)
        parts.append((part.lower(), start, pos))
    return tuple(parts) if len(parts) > 1 else None


@lru_cache(maxsize=65536)
def _lexeme(word: str) -> tuple[str, bool, bool]:
    """``(stem after synonyms, is a function word, is a negation)`` of a lower-case word."""
    stemmed = stem(word)
    stop = word in STOP_WORDS or (len(word) == 1 and word.isalpha())
    return _SYNONYM_OF.get(stemmed, stemmed), stop, word in NEGATIONS


_Part = tuple[str, int, int, bool, str, bool, bool]


@lru_cache(maxsize=65536)
def _parts(raw: str) -> tuple[_Part, ...]:
    """``(word, start, end, camel part?, lexeme, stop, negation)`` for one raw word."""
    split = _split(raw)
    if split is None:
        return ((raw.lower(), 0, len(raw), False, *_lexeme(raw.lower())),)
    camel = len(split) > 1 and split[0][2] < len(raw)
    return tuple((w, a, b, camel, *_lexeme(w)) for w, a, b in split)


_JOIN_SECONDS = frozenset(second for _, second in _JOINS)
_JOIN_GAPS = ("-", " ")
_SENTENCE_GAP = re.compile(r"[.!?;]+\s|\n\s*\n|\s[-–—]\s")
_CLAUSE_GAP = re.compile(r"[,:()\[\]]")


@lru_cache(maxsize=4096)
def _gap_kind(gap: str) -> int:
    """What the text between two words ends: 2 a sentence, 1 a clause, 0 nothing.

    ``dag.test`` is one sentence: a full stop ends one only before a space.
    """
    if _SENTENCE_GAP.search(gap):
        return 2
    return 1 if _CLAUSE_GAP.search(gap) else 0


_CLAUSE_WORDS = frozenset({"so", "because", "since", "which", "thus", "therefore"})
_new = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__ (hot loop)


def _special_raw_words() -> frozenset[str]:
    """Raw spellings the tokenizer must look at closely (everything else is one plain token)."""
    words = _TURN_WORDS | _CLAUSE_WORDS | _JOIN_SECONDS | {"None"}
    return frozenset(v for w in words for v in (w, w.capitalize(), w.upper()))


_SPECIAL = _special_raw_words()


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """The normalised tokens of ``text`` with offsets, sentence and clause numbers.

    A sentence ends at ``. ! ? ;``, a blank line, a dash, or a contrasting
    word (but, while, whereas, ...); a clause also ends at ``, : ( )`` and at
    so / because / since / which.
    """
    folded = fold(text)
    tokens: list[Token] = []
    append = tokens.append
    sentence = clause = ident = 0
    pos = 0
    plain_of = _PLAIN.get
    arrows = "<" in folded or ">" in folded
    for gap, raw, underscore in (_GAP_WORD_ARROWS if arrows else _GAP_WORD).findall(folded):
        start = pos + len(gap)
        pos = end = start + len(raw)
        after_underscore = False
        if gap and gap != " ":
            kind = _gap_kind(gap)
            sentence += kind == 2
            clause += kind > 0
            after_underscore = gap[-1] == "_"
        plain = plain_of(raw, _UNSEEN)
        if plain is _UNSEEN:
            plain = _plain(raw)
        if plain is not None and not underscore and not after_underscore:  # the common case
            word, lex, stop, negation = plain
            append(_new(Token, (word, lex, start, end, sentence, clause, -1, stop, negation)))
            ident += 1
            continue
        before_underscore = bool(underscore)
        joined = before_underscore or after_underscore
        parts = _parts(raw)
        python_none = raw == "None" and not folded.startswith(" of", end)
        for word, a, b, camel, lex, stop, negation in parts:
            negation = negation and not python_none  # schedule=None is a value, not a "no"
            if word in _TURN_WORDS:
                sentence += 1
                clause += 1
                continue
            if word in _CLAUSE_WORDS:
                clause += 1
            if (
                word in _JOIN_SECONDS
                and tokens
                and (tokens[-1].word, word) in _JOINS
                and gap in _JOIN_GAPS
            ):
                prev = tokens.pop()
                merged = _JOINS[(prev.word, word)]
                append(prev._replace(word=merged, stem=_lexeme(merged)[0], end=start + b, ident=-1))
                continue
            own_ident = ident if camel or (joined and len(parts) == 1) else -1
            append(
                Token(word, lex, start + a, start + b, sentence, clause, own_ident, stop, negation)
            )
        if not before_underscore:
            ident += 1
    return tuple(tokens)


tokenize_answer = tokenize.__wrapped__
""":func:`tokenize` without its cache, for an answer: each is read once, and caching long
answers' tokens only holds memory and evicts the bank's texts (phrasings, prompts), which
are read again and again."""

_UNSEEN: tuple[str, str, bool, bool] = ("", "", False, False)  # not looked at yet
_PLAIN: dict[str, tuple[str, str, bool, bool] | None] = {}


def _plain(raw: str) -> tuple[str, str, bool, bool] | None:
    """``(word, lexeme, stop, negation)`` of a raw word that makes one ordinary token (not
    a turn, clause or join word, not split); None for the others. Cached in :data:`_PLAIN`."""
    parts = _parts(raw)
    plain = None
    if len(parts) == 1 and raw not in _SPECIAL:
        word, _a, _b, _camel, lex, stop, negation = parts[0]
        plain = (word, lex, stop, negation)
    if len(_PLAIN) < 65536:
        _PLAIN[raw] = plain
    return plain
