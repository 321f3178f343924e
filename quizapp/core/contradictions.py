"""Contradictions a key-point match must not hide: a flipped qualifier, a swapped role,
another value in the same slot.

Matching counts words, so "a directed *cyclic* graph" covers two of the three
words of "directed acyclic graph" and would hit it. Three general rules turn
such a match into a contradiction (shown as "you said the opposite"):

1. **Flips.** A phrasing with a word of a :data:`FLIPS` pair (acyclic/cyclic,
   holds/frees, push/pull, upstream/downstream, before/after, true/false,
   small/large, poke/reschedule, read/write, ...) is also matched with that
   word swapped for its counterpart. When the swapped phrasing is found
   (a hit, not negated) with more coverage than the phrasing itself, or as
   fully but in fewer clauses than the phrasing's own match gathers its words
   from, the answer says the flipped claim.
2. **Roles.** In a comparison prompt ("the difference between ETL and ELT",
   "schema-on-write versus schema-on-read", "how do Task Groups differ from
   SubDAGs"), the compared items' distinguishing words are flip pairs for
   that question: "ELT transforms before loading" said of ETL is a swap.
3. **Value slots.** A phrasing that states a value (a number such as ``0``,
   ``32`` or ``3.1``, or a CamelCase name such as ``LocalExecutor``) has a
   slot: its other words. When those words are all found in one window with
   a different value of the same kind right there ("retries default to 3"
   against "retries default to 0", "SequentialExecutor is the default"
   against "LocalExecutor is the default") and the point's own value is not
   in that sentence, the point is contradicted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from quizapp.core.matching import AnswerIndex, Match, prepare_phrase
from quizapp.core.normalise import tokenize

FLIPS: tuple[tuple[str, str], ...] = (
    ("acyclic", "cyclic"),
    ("holds", "frees"),
    ("holds", "releases"),
    ("occupies", "frees"),
    ("blocks", "frees"),
    ("push", "pull"),
    ("upstream", "downstream"),
    ("before", "after"),
    ("true", "false"),
    ("small", "large"),
    ("poke", "reschedule"),
    ("first", "last"),
    ("parent", "child"),
    ("read", "write"),
    ("parallel", "sequential"),
    ("synchronous", "asynchronous"),
    ("sync", "async"),
    ("min", "max"),
    ("minimum", "maximum"),
    ("increase", "decrease"),
    ("older", "newer"),
    ("oldest", "newest"),
    ("earliest", "latest"),
    ("static", "dynamic"),
    ("include", "exclude"),
    ("enable", "disable"),
    ("structured", "unstructured"),
    ("normalized", "denormalized"),
    ("row", "column"),
    ("etl", "elt"),
    ("oltp", "olap"),
    ("lake", "warehouse"),
    ("batch", "streaming"),
    ("captures", "misses"),
    ("vary", "constant"),
    ("new", "existing"),
)
"""Word pairs whose swap turns a claim into its opposite (each way)."""

ROLE_OPENING_WORDS = 2
"""A compared item is swapped only where it opens a phrasing (its subject: "ETL transforms
before loading"), not as an object ("context used to label the facts")."""
CONTRADICTION_AT = 0.8
"""Coverage a flipped phrasing needs in one window to count: nearly all of it is said."""
FLIP_MIN_WORDS = 3
"""Content words a phrasing needs for its flipped version to be a claim of its own."""
CONTRAST_WORDS = frozenset({"instead", "rather", "unlike", "opposed", "versus", "vs"})
"""Words that name what the answer does *not* claim ("instead of X", "rather than X")."""
_NAME_CUTOFF = 80.0
"""rapidfuzz ratio from which a name in the answer is the point's own, misspelt."""
# Each starts with a character class (a word-start check after it), so a search skips
# to the next digit or capital at once: (?<![\w.])\d+... and \b[A-Z]... as fast.
_NUMBER = re.compile(r"\d(?<![\w.]\d)\d*(?:\.\d+)*(?![\w.]*[A-Za-z_])")
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")
_CAMEL_TAIL = re.compile(r"[A-Z][a-z0-9]*$")
_COMPARED = re.compile(
    r"(?:between|compare|compared with|compared to|versus|vs\.?|differ from|differs from|"
    r"different from)\s+(?P<items>[^?.;]+)",
    re.IGNORECASE,
)
_PAIR = re.compile(
    r"\bwhat (?:is|are) (?:the )?(?P<a>[\w-]+) and (?:the )?(?P<b>[\w-]+) [\w-]+s?\?",
    re.IGNORECASE,
)
"""Two items named side by side before what they are ("the Lambda and Kappa architectures")."""
_INSTEAD = re.compile(
    r"\buse (?:an? |the )?(?P<a>[\w -]+?)\s+(?:instead of|rather than)\s+(?:an? |the )?"
    r"(?P<b>[\w' -]+?)(?:\s+(?:for|in|with|to)\b|[?.;,(]|$)",
    re.IGNORECASE,
)
_EITHER = re.compile(r"^(?P<a>[\w -]+?) or (?P<b>[\w -]+?)\?", re.IGNORECASE)
"""One item chosen over another ("Why use Airflow instead of cron jobs?"), or a choice
between two ("Star schema or snowflake schema?")."""
_GENERIC_VERBS = frozenset(
    {"running", "using", "doing", "having", "making", "getting", "generating", "building"}
    | {"task", "tasks", "data", "table", "tables", "file", "files", "time", "run", "runs"}
)
"""Words of a compared item that name what is done with it ("running it in poke mode") or
that every point says ("Task Groups", "data-interval timetable"): not the item's name."""
_TRAILING = re.compile(
    r",?\s+and\s+(?:when|which|how|what|why|their|its)\b|,\s*(?:when|which|how)\b",
    re.IGNORECASE,
)
"""Where a comparison's list of items ends and the rest of the question starts."""
_ITEM_SPLIT = re.compile(r"\s*(?:,|\band\b|\bor\b|\bversus\b|\bvs\.?|\bfrom\b|\bwith\b)\s*")
_LEFT_ITEM = re.compile(
    r"(?:what (?:is|are)|explain|how (?:do|does))\s+(?P<item>[^?.;,]+?)\s+"
    r"(?:and how (?:do|does) (?:they|it) )?(?:differ|versus|vs\b)",
    re.IGNORECASE,
)


def _stem(word: str) -> str:
    tokens = tokenize(word)
    return tokens[0].stem if tokens else word


@lru_cache(maxsize=1)
def _flip_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for a, b in FLIPS:
        table.setdefault(_stem(a), []).append(b)
        table.setdefault(_stem(b), []).append(a)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1024)
def compared_flips(prompt: str) -> tuple[tuple[str, str], ...]:
    """Flip pairs from a comparison prompt: the word that tells each compared item apart.

    "the difference between ETL and ELT" gives (etl, elt); "schema-on-write versus
    schema-on-read" gives (write, read); items that differ in more than one word
    give nothing (too loose to swap).
    """
    items = _compared(prompt)
    pairs: list[tuple[str, str]] = []
    for k, first in enumerate(items):
        for m, second in enumerate(items[k + 1 :], start=k + 1):
            only_first = [w for w in first if w not in second]
            only_second = [w for w in second if w not in first]
            if len(only_first) != 1 or len(only_second) != 1:
                continue
            rest = [w for n, item in enumerate(items) if n not in (k, m) for w in item]
            if only_first[0] in rest or only_second[0] in rest:
                continue  # "a task" next to "a task instance": the word is not the role
            pairs.append((only_first[0], only_second[0]))
    return tuple(pairs)


def _compared(prompt: str) -> list[list[str]]:
    """The content words of each item a comparison prompt compares."""
    items: list[list[str]] = []
    left = _LEFT_ITEM.search(prompt)
    if left:
        items.append(_item_words(left.group("item")))
    either = None if left else _EITHER.search(prompt)
    found = None if either else _COMPARED.search(prompt)
    if either:
        items.extend(_item_words(either.group(k)) for k in ("a", "b"))
    elif found:
        listed = _TRAILING.split(found.group("items"))[0]
        items.extend(_item_words(part) for part in _ITEM_SPLIT.split(listed))
    elif not left and (pair := _PAIR.search(prompt) or _INSTEAD.search(prompt)):
        items.extend(_item_words(pair.group(k)) for k in ("a", "b"))
    return [i for i in items if i]


@lru_cache(maxsize=1024)
def compared_subjects(prompt: str) -> frozenset[str]:
    """One stem per compared item that tells it apart from the others: the subjects a
    comparison's points are said of ("Lambda" and "Kappa" in "What are the Lambda and
    Kappa architectures?"; "log" and "query" in "Compare log-based and query-based
    change data capture"). Empty unless every item has such a word."""
    items = _compared(prompt)
    if len(items) < 2:
        return frozenset()
    stems: list[str] = []
    for k, item in enumerate(items):
        rest = {w for m, other in enumerate(items) if m != k for w in other}
        own = [w for w in item if w not in rest]
        if not own:
            return frozenset()
        named = [w for w in own if w.lower() not in _GENERIC_VERBS] or own  # not "running it"
        stems.append(_stem(named[0]))
    return frozenset(stems) if len(set(stems)) == len(stems) else frozenset()


def _item_words(text: str) -> list[str]:
    """Content words of one compared item (raw words, so they can be swapped into text)."""
    tokens = tokenize(text)
    if any(t.ident >= 0 for t in tokens):
        return []  # identifiers (max_active_tasks, max_active_runs) are matched whole
    return [
        t.word
        for t in tokens
        if not t.stop and not t.negation and t.stem not in {"differ", "system", "mode"}
    ]


@lru_cache(maxsize=8192)
def flipped(text: str, extra: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[str, str], ...]:
    """Each ``(phrasing with one word swapped for its counterpart, counterpart's stem)``."""
    table = _flip_table()
    local: dict[str, list[str]] = {}
    for a, b in extra:
        local.setdefault(_stem(a), []).append(b)
        local.setdefault(_stem(b), []).append(a)
    result: list[tuple[str, str]] = []
    tokens = tokenize(text)
    opening = {id(t) for t in [t for t in tokens if not t.stop][:ROLE_OPENING_WORDS]}
    for token in tokens:
        if token.ident >= 0 or token.negation:
            continue
        roles = local.get(token.stem, ()) if id(token) in opening else ()
        for other in (*table.get(token.stem, ()), *roles):
            swapped = text[: token.start] + other + text[token.end :]
            result.append((swapped, _stem(other)))
    return tuple(dict.fromkeys(result))


def flip_contradiction(
    text: str,
    own: Match,
    index: AnswerIndex,
    prompt_stems: frozenset[str],
    extra: tuple[tuple[str, str], ...] = (),
    stated: tuple[frozenset[str], ...] = (),
) -> Match | None:
    """The match of a flipped version of phrasing ``text`` that beats its own match ``own``.

    ``stated`` are the content stems of what the question holds true elsewhere (its other
    key points): a flipped version whose words are all one of those is that truth, not the
    opposite of this point ("the schema is applied by each reader" for "schema applied on
    write" is the point "schema-on-read applies the schema when data is queried")."""
    best: Match | None = None
    own_stems: frozenset[str] | None = None  # told only when a flip is matched
    for swapped, stem in flipped(text, extra):
        places = index.find(stem)
        if not places or all(_contrasted(index, p) for p in places):
            continue  # the answer never says the counterpart, or only "instead of" it
        phrase = prepare_phrase(swapped, prompt_stems)
        if len(phrase.stems) < FLIP_MIN_WORDS:
            continue  # "astro deploy" / "airflow deploy": too little to tell a claim apart
        if any(set(phrase.stems) <= words for words in stated):
            continue  # another key point says just this: true of the other item
        match = index.match(phrase, CONTRADICTION_AT, ignore_below=True)
        if own_stems is None:
            own_stems = frozenset(prepare_phrase(text, prompt_stems).stems)
        if (
            phrase.credible(match, CONTRADICTION_AT)
            and not match.negated
            and (
                match.coverage > (0.0 if own.misattributed else own.coverage)
                or (stem not in own_stems and _fewer_clauses(match, own, index))
            )  # "batch is better than batch" says less of "streaming is better than batch"
            and (best is None or match.coverage > best.coverage)
        ):
            best = match
    return best


def _fewer_clauses(flip: Match, own: Match, index: AnswerIndex) -> bool:
    """Whether a flipped phrasing says all that the phrasing's own match says, in fewer
    clauses than the own match gathers its words from: "partial() sets the constant
    arguments ..., and expand() takes the arguments that vary" gathers "partial() sets the
    arguments that vary" from the whole sentence, but says "partial() sets the constant
    arguments" in its first clause."""
    if flip.span is None or own.span is None or flip.coverage < own.coverage:
        return False
    flip_clauses, own_clauses = (
        {t.clause for t in index.tokens if a <= t.start < b} for a, b in (flip.span, own.span)
    )
    return len(flip_clauses) < len(own_clauses)


def _contrasted(index: AnswerIndex, position: int) -> bool:
    """Whether the word at ``position`` is named as the alternative ("instead of blocking")."""
    tokens = index.tokens
    clause = tokens[position].clause
    return any(
        tokens[q].word in CONTRAST_WORDS and tokens[q].clause == clause
        for q in range(max(0, position - 3), position)
    )


@lru_cache(maxsize=8192)
def value_slot(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """``(slot text, values, kind)`` of a phrasing that states one kind of value, else None.

    Kinds: ``number``, or ``name:<tail>`` for CamelCase names sharing their last
    part (``LocalExecutor`` and ``SequentialExecutor`` are both ``name:Executor``).
    """
    numbers = _NUMBER.findall(text)
    names = _NAME.findall(text)
    if numbers and not names:
        slot, kind, values = _NUMBER.sub(" ", text), "number", tuple(numbers)
    elif names and not numbers and len({_tail(n) for n in names}) == 1:
        slot, kind, values = _NAME.sub(" ", text), f"name:{_tail(names[0])}", tuple(names)
    else:
        return None
    if not any(not t.stop and not t.negation for t in tokenize(slot)):
        return None  # nothing but the value: no slot to compare
    return slot, values, kind


def _tail(name: str) -> str:
    found = _CAMEL_TAIL.search(name)
    return found.group(0) if found else name


@lru_cache(maxsize=16384)
def _compatible(value: str, values: tuple[str, ...]) -> bool:
    """Whether ``value`` agrees with one of ``values``: "3" with "3.1" (less precise, not
    wrong), "ExternalTaskSenser" with "ExternalTaskSensor" (misspelt)."""
    if value[0].isdigit():
        return any(
            value == v or value.startswith(f"{v}.") or v.startswith(f"{value}.") for v in values
        )
    head = _head(value)
    return any(fuzz.ratio(head, _head(v)) >= _NAME_CUTOFF for v in values)


def _head(name: str) -> str:
    """A name without its last CamelCase part: what tells ``LocalExecutor`` apart."""
    return name[: len(name) - len(_tail(name))].lower() or name.lower()


def says_value(text: str, slot: tuple[str, tuple[str, ...], str]) -> bool:
    """Whether ``text`` states the slot's own value (or a compatible one)."""
    return any(_compatible(v, slot[1]) for v in _values(text, slot[2]))


@lru_cache(maxsize=4096)
def _answer_values(text: str, kind: str) -> frozenset[str]:
    return frozenset(_values(text, kind))


def _values(text: str, kind: str) -> set[str]:
    if kind == "number":
        return set(_NUMBER.findall(text))
    tail = kind.removeprefix("name:").lower()
    return {n for n in _NAME.findall(text) if fuzz.ratio(_tail(n).lower(), tail) >= _NAME_CUTOFF}


def says_other_number(phrasing: str, text: str) -> bool:
    """Whether ``text`` fills the number slot of ``phrasing`` with another number and never
    with its own ("defaults to 1" for "retries defaults to 0"). Names are left out: one
    named beside the point is as often an example ("even a PythonOperator runs in its own
    pod") as a wrong value."""
    slot = value_slot(phrasing)
    return (
        slot is not None
        and slot[2] == "number"
        and bool(_values(text, slot[2]))
        and not says_value(text, slot)
    )


def slot_contradiction(text: str, index: AnswerIndex) -> Match | None:
    """The window that fills phrasing ``text``'s value slot with another value, if any."""
    slot = value_slot(text)
    if slot is None:
        return None
    slot_text, values, kind = slot
    phrase = prepare_phrase(slot_text, frozenset())
    if not index.says_any(phrase.novel_stems):
        return None  # the slot's words are not said: :meth:`AnswerIndex.match` finds nothing
    match = index.match(phrase, 0.99, ignore_below=True)  # most often told at once: none
    if match.span is None or match.coverage < 0.99 or match.negated:
        return None
    if not any(not _compatible(v, values) for v in _answer_values(index.text, kind)):
        return None  # the answer states no other value of this kind anywhere
    tokens = index.tokens
    inside = index.within(match.span)
    if not inside:
        return None
    same = index.in_sentence(tokens[inside[0]].sentence)
    sentence_text = index.text[tokens[same[0]].start : tokens[same[-1]].end]
    if any(_compatible(v, values) for v in _values(sentence_text, kind)):
        return None  # the point's own value is said there too
    clauses = {tokens[i].clause for i in inside}
    lo = max(same[0], inside[0] - 3)
    hi = min(same[-1], inside[-1] + 3)
    while tokens[lo].clause not in clauses:
        lo += 1
    while tokens[hi].clause not in clauses:
        hi -= 1
    while lo > same[0] and tokens[lo].ident >= 0 and tokens[lo - 1].ident == tokens[lo].ident:
        lo -= 1  # a name split into parts (Sequential, Executor) is taken whole
    while hi < same[-1] and tokens[hi].ident >= 0 and tokens[hi + 1].ident == tokens[hi].ident:
        hi += 1
    near = index.text[tokens[lo].start : tokens[hi].end]
    others = [v for v in _values(near, kind) if not _compatible(v, values)]
    if not others:
        return None
    span = (tokens[lo].start, tokens[hi].end)
    return Match(match.coverage, span, False, True, True)
