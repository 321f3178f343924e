"""Answers a real interviewer sees through before counting any key point.

Each check takes the answer's tokens (and the prompt's, for echoes) and returns
a reason to show the learner, or None. They are cheap and run before matching.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, pairwise
from operator import itemgetter

from quizapp.core.normalise import Token, tokenize
from quizapp.core.patterns import Caseless, by_first_letter

DONT_KNOW = re.compile(
    by_first_letter(
        r"\b(?:do\s*n[o']?t\s+know|no\s+(?:idea|clue)|not\s+sure|never\s+heard|dunno|idk"
        r"|can'?t\s+remember|(?:have|has)\s+forgotten)\b"
    ),
    re.IGNORECASE,
)
_DONT_KNOW_SAID = Caseless(DONT_KNOW)
DONT_KNOW_ALONE = re.compile(r"^\W*(?:pass|skip|next|n/?a|none|\?+|-+)\W*$", re.IGNORECASE)
DONT_KNOW_MAX_WORDS = 12
"""A don't-know phrase sinks the answer only when it has at most this many content words."""
ECHO_SHARE = 0.7
"""An answer whose content words come from the prompt at least this much is an echo..."""
ECHO_MAX_NEW = 2
"""...when it adds no more than this many new content words."""
SALAD_MIN_WORDS = 4
"""A run of at least this many words with no function word at all is a keyword salad."""
_BARE_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+_[A-Za-z0-9_]*|[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*")
_VOWELS = frozenset("aeiouy")


def empty(tokens: tuple[Token, ...]) -> str | None:
    """Nothing but spaces or punctuation."""
    return "the answer is empty" if not tokens else None


def dont_know(text: str, tokens: tuple[Token, ...]) -> str | None:
    """'I don't know', 'no idea', 'pass' in a short answer."""
    if DONT_KNOW_ALONE.match(text) or (
        _content_words_at_most(tokens, DONT_KNOW_MAX_WORDS) and _DONT_KNOW_SAID.search(text)
    ):
        return "the answer says it does not know"
    return None


def _content_words_at_most(tokens: tuple[Token, ...], most: int) -> bool:
    """Whether ``tokens`` hold at most ``most`` content words (counted no further than one
    past ``most``: a long answer is told at once)."""
    content = (t for t in tokens if not t.stop and not t.negation)
    return sum(1 for _ in islice(content, most + 1)) <= most


def gibberish(tokens: tuple[Token, ...]) -> str | None:
    """Mostly words without vowels or a sentence of none but unknown words."""
    words = list(filter(str.isalpha, map(itemgetter(0), tokens)))  # Token.word, in C
    if not words:
        return "the answer has no words"
    odd = sum(map(_without_vowels, words))
    if odd * 3 >= len(words):
        return "the answer looks like gibberish"
    return None


@lru_cache(maxsize=65536)
def _without_vowels(word: str) -> bool:
    """Whether a word of three letters or more has no vowel (cached: words repeat)."""
    return len(word) > 2 and _VOWELS.isdisjoint(word)


def keyword_salad(text: str, tokens: tuple[Token, ...]) -> str | None:
    """Several plain words with no function word and no punctuation: a list of terms.

    Identifiers count as terms too: "all_success all_done one_failed none_failed"
    lists names without saying what any of them does. Code with operators or
    punctuation (``a >> b``, ``retries=3``) is not a salad.
    """
    if _identifier_list(text, tokens):
        return "a list of keywords is not an explanation"
    if len(tokens) < SALAD_MIN_WORDS or any(t.stop or t.negation for t in tokens):
        return None
    if any(t.ident >= 0 or not t.word.isalpha() for t in tokens):
        return None  # code (a >> b, task_id, t1) is an answer in its own right
    if re.search(r"[,;:.()/]\s*\S", text.strip()):
        return None  # a punctuated enumeration may be a terse answer; matching decides
    return "a list of keywords is not an explanation"


def _identifier_list(text: str, tokens: tuple[Token, ...]) -> bool:
    """At least :data:`SALAD_MIN_WORDS` bare names, one an identifier, no function word."""
    items = text.strip().rstrip(".!").split()  # a full stop does not make a list a sentence
    return (
        len(items) >= SALAD_MIN_WORDS
        and all(_BARE_ITEM.fullmatch(item) for item in items)
        and any(_IDENTIFIER.fullmatch(item) for item in items)
        and not any((t.stop or t.negation) and t.ident < 0 for t in tokens)
    )


@lru_cache(maxsize=65536)
def _from_prompt(word: str, prompt_words: frozenset[str]) -> bool:
    if word in prompt_words:
        return True
    return len(word) >= 4 and any(word in p or (len(p) >= 4 and p in word) for p in prompt_words)


_PROMPT_WORDS: dict[int, tuple[tuple[Token, ...], frozenset[str]]] = {}


def _prompt_words(prompt_tokens: tuple[Token, ...]) -> frozenset[str]:
    """The stems of a prompt's words, function words aside (cached per tokens object: a
    question's prompt is tokenized once and passed again with every answer)."""
    cached = _PROMPT_WORDS.get(id(prompt_tokens))
    if cached is not None and cached[0] is prompt_tokens:
        return cached[1]
    words = frozenset(t.stem for t in prompt_tokens if not t.stop)
    if len(_PROMPT_WORDS) > 4096:
        _PROMPT_WORDS.clear()
    _PROMPT_WORDS[id(prompt_tokens)] = (prompt_tokens, words)
    return words


def echo(tokens: tuple[Token, ...], prompt_tokens: tuple[Token, ...]) -> str | None:
    """The answer only says the question's own words back."""
    prompt_words = _prompt_words(prompt_tokens)
    content_words = [t.stem for t in tokens if not t.stop and not t.negation]
    if not content_words:
        return None
    new: set[str] = set()
    for w in content_words:
        if w not in new and not _from_prompt(w, prompt_words):
            new.add(w)
            if len(new) > ECHO_MAX_NEW:
                return None  # it adds words of its own: no echo, whatever the share
    share = 1 - sum(1 for w in content_words if w in new) / len(content_words)
    if share >= ECHO_SHARE and len(new) <= ECHO_MAX_NEW:
        return "the answer restates the question without answering it"
    return None


POINT_SALAD_MIN_WORDS = 40
"""Length from which an answer drawn almost wholly from the key points' words is checked."""
POINT_SALAD_OWN_SHARE = 0.93
"""Share of an answer's words found in the key points' phrasings that marks a salad..."""
POINT_SALAD_MAX_PAIRS = 0.55
"""...unless this share of its neighbouring word pairs is a phrasing's too (a recitation)."""


def key_point_salad(
    tokens: tuple[Token, ...], words: frozenset[str], pairs: frozenset[tuple[str, str]]
) -> str | None:
    """A long answer made of the key points' own words in an order none of them has.

    ``words`` and ``pairs`` are the stems and neighbouring stem pairs of the
    question's key-point phrasings. Real answers, even terse ones, bring words
    of their own (nearly a fifth, in the human-judged sets); words drawn from
    the phrasings at random, full stops or not, bring none, and their
    neighbours are seldom neighbours in a phrasing.
    """
    if len(tokens) < POINT_SALAD_MIN_WORDS:
        return None
    if not _mostly_in(tokens, words, POINT_SALAD_OWN_SHARE):
        return None
    neighbours = [(a.stem, b.stem) for a, b in pairwise(tokens) if a.sentence == b.sentence]
    kept = sum(p in pairs for p in neighbours) / max(1, len(neighbours))
    if kept >= POINT_SALAD_MAX_PAIRS:
        return None
    return "the answer strings the key points' words together without saying anything"


def _mostly_in(tokens: tuple[Token, ...], words: frozenset[str], share: float) -> bool:
    """Whether at least ``share`` of the tokens' stems are ``words``: stops as soon as the
    words left out are too many for the share to be reached."""
    n = len(tokens)
    missed = 0
    for t in tokens:
        if t.stem not in words:
            missed += 1
            if (n - missed) / n < share:  # at most n - missed in words: short of the share
                return False
    return (n - missed) / n >= share


_SAME = re.compile(
    r"\b(?:no\s+(?:real\s+|actual\s+|big\s+|practical\s+)?difference"
    r"|(?:are|they're|they\s+are|both\s+are)\s+(?:basically\s+|essentially\s+|just\s+|really\s+"
    r"|pretty\s+much\s+|more\s+or\s+less\s+)?(?:the\s+same|identical|equivalent|interchangeable)"
    r"(?!\s+(?:idea|way|time|for))"
    r"|(?:is|it's)\s+(?:basically\s+|essentially\s+|just\s+)?(?:the\s+same\s+(?:thing|as)|identical\s+to)"
    r"|same\s+thing)",
    re.IGNORECASE,
)
_COMPARES = re.compile(
    r"\b(?:differ\w*|difference|compare\w*|versus|vs)\b|\bbetween\b.+\band\b", re.IGNORECASE
)


@lru_cache(maxsize=1024)
def _compares(prompt: str) -> bool:
    """Whether a prompt asks how things differ (read once per prompt)."""
    return _COMPARES.search(prompt) is not None


def no_difference(text: str, prompt: str) -> str | None:
    """A comparison answered with "they're the same thing": the question asks how they
    differ, so the answer denies its premise (a "not the same" is no such claim)."""
    if not _compares(prompt):
        return None
    for found in _SAME.finditer(text):
        before = text[max(0, found.start() - 12) : found.start()].lower()
        if re.search(r"\b(?:not|n't|never)\s*$", before):
            continue
        return "it says they are the same, but the question asks how they differ"
    return None


def override_refusal(answer: str) -> str | None:
    """Why "I was right" cannot apply to ``answer``: it is empty or says it does not know.

    An answer that states nothing cannot have been right, whatever the grader missed.
    """
    tokens = tokenize(answer)
    reason = empty(tokens) or dont_know(answer, tokens)
    if reason is None:
        return None
    return f"{reason}, so there is nothing to count as right"


TERM_LIST_MIN_ITEMS = 5
"""A run of at least this many bare terms (``a, b, c, d, e``) is a list of keywords..."""
TERM_MAX_WORDS = 3
"""...each term being at most this many words, none a function word (a leading article aside)..."""
TERM_LIST_REST_NEW = 3
"""...when the rest of the answer adds at most this many content words that neither the
prompt nor the list gives: it only says the question back."""
_LIST_SPLIT = re.compile(r"[,;]\s+|:\s+|\.(?:\s+|$)|\s+-\s+")
_ENUMERATION = re.compile(
    r"\b(?:what|which)\s+(?:are\s+the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:components|types|kinds|examples|parts|tools|options)\b|^\W*(?:list|name)\b",
    re.IGNORECASE,
)
_HEADER = re.compile(r"^\s*[^,;:.]+:\s")
_ARTICLES = frozenset({"a", "an", "the"})


def term_list(text: str, prompt: str) -> str | None:
    """A list of bare terms, alone or with a sentence that says the question back.

    "poke, reschedule, poke_interval, timeout, soft_fail, deferrable" or "Skipped,
    upstream_failed, none_failed, all_success, branching: skipped tasks propagate
    downstream depending on those rules" name what an answer would be about
    without saying anything of it. Not for a prompt that asks for a list
    ("which types...", "what are the components...", "name..."): there the terms are the answer.
    Terms joined by a function word ("executor plus workers", "X and Y") are no
    bare list, and a heading ("Executors: Local, Celery, ...") is not one of the terms.
    """
    if text.count(",") < TERM_LIST_MIN_ITEMS - 2 or _ENUMERATION.search(prompt):
        return None
    segments = [s for s in _LIST_SPLIT.split(text.strip()) if s.strip()]
    best: tuple[int, int] = (0, 0)
    start = 0
    for i, segment in enumerate([*segments, ""]):
        if i < len(segments) and _bare_term(segment):
            continue
        if i - start > best[1] - best[0]:
            best = (start, i)
        start = i + 1
    header = best[0] == 0 and bool(_HEADER.match(text))  # "Executors: Local, Celery, ..."
    if best[1] - best[0] - header < TERM_LIST_MIN_ITEMS:
        return None
    listed = frozenset(t.stem for s in segments[best[0] : best[1]] for t in tokenize(s))
    rest = " ".join(segments[: best[0]] + segments[best[1] :])
    known = listed | {t.stem for t in tokenize(prompt) if not t.stop}
    new = {
        t.stem
        for t in tokenize(rest)
        if not t.stop and not t.negation and not _from_prompt(t.stem, known)
    }
    if len(new) > TERM_LIST_REST_NEW:
        return None
    return "a list of keywords is not an explanation"


def _bare_term(segment: str) -> bool:
    """One to :data:`TERM_MAX_WORDS` words, none a function word (an article may lead)."""
    words = segment.split()
    if len(words) > TERM_MAX_WORDS + 1:
        return False
    tokens = tokenize(segment)
    if words and words[0].lower() in _ARTICLES:
        words, tokens = words[1:], tokens[1:]
    if not words or len(words) > TERM_MAX_WORDS:
        return False
    compounds = {w.lower() for word in words if "-" in word for w in word.split("-")}
    return not any(  # "schema-on-read" is one term, its "on" no function word
        (t.stop or t.negation) and t.ident < 0 and t.word.lower() not in compounds for t in tokens
    )
