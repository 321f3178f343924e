"""Find the span of an answer that best says one key-point phrasing.

A phrasing's content words (function words dropped) are looked up among the
answer's words, exactly after normalisation and stemming, or fuzzily
(``rapidfuzz`` ratio, :data:`FUZZY_CUTOFF`) so typos still meet. A match must
sit in one window of the answer (one sentence, at most :func:`window_size`
words), so words scattered over a long answer do not add up to a point.
Coverage is the weighted share of the phrasing's content words found in the
window; words the question's prompt already contains weigh
:data:`PROMPT_WEIGHT` only, so echoing the question proves little.

A window where a negation ("not", "never", "can't", "without", "avoid")
stands shortly before one of the matched words (not one the prompt gave), in
its clause, says the opposite of the point: it is reported as negated and does
not count. A word is negated only when each of its mentions in the window is
(a later plain mention wins), and a negation reaches no further than its
clause: a colon, a comma or a sentence end closes it. A denial under another
cancels it ("doesn't work for DAGs without a schedule" says they need one; not
"not" or "nor": "NOT IN and NOT EXISTS"), and "nothing", "none" or "nobody"
deny their own verb, not what an "and" joins on ("builds nothing and is
inlined as a CTE").

A contrast, "X, not Y" (a negation opening a clause after a comma), names the
alternative Y. In a question that asks for a difference ("how does it
differ", "compare"), the alternative is the other side of the comparison, so
it does not contradict the points it mentions: "the scheduler runs
backfills, not a long-running CLI process" agrees with a point about the old
CLI process. Elsewhere it negates its clause like any negation.

A negation inside a phrasing is part of the phrase. "pass references, not
data" asserts X: its contrasted alternative is left out of the words to find
and the phrasing is not negative. A negative phrasing ("no cycles", "without
affecting task execution") hits only a window that negates too; a window
without a negation contradicts it only when it says every word the phrasing
denies ("contains cycles"); otherwise it is merely not a hit. A denial may also
follow the words ("DAG bundle code isn't loaded" for "not from a DAG bundle"),
or be a privative verb before them ("removed direct database access" for "can
no longer access the database"); a window that bounds its words ("waits until
an action before it runs") does not contradict "nothing runs until an action".
A privative phrasing ("execution_date was removed from the context") agrees
with a denial of its other words ("no longer in the context"), unless the
answer denies the privative word itself ("did not remove").

Speed (:meth:`AnswerIndex.match` runs some thirty times per grade; every shortcut
below gives the very match the full reading gives):

- A phrasing's answer words ("events") are kept as flat tuples of positions, phrasing
  words and sentences, built once per answer and phrasing stems.
- Before any window: the weight of the phrasing's stems the answer says at all bounds
  every window's coverage; when the caller ignores matches below ``hit_at`` (wrong
  claims, flips, value slots), so does the most weight one sentence says
  (:func:`_most_in_a_sentence`), with a margin for the scan's rounding.
- The window scan keeps a running sum of weights over the whole answer. Its rounding
  orders windows of equal coverage (and so which copy of a repeated phrase is the
  span), so it is kept step for step, not recomputed per window.
- A window is first ranked from its words alone (coverage, identifiers, order). The
  subject and negation checks can only lower that rank, so a window whose bound does
  not beat the best so far (a later copy of the best's words) is not read further.
- An identifier of two or three parts needs two of them side by side: two neighbouring
  mentions of different parts within reach tell it in one pass (:func:`_complete`).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from quizapp.core.normalise import Token, synonym_forms, tokenize, tokenize_answer

FUZZY_CUTOFF = 80.0
"""Minimum rapidfuzz ratio (0-100) for two different words of 4+ letters to meet."""
PROMPT_WEIGHT = 0.3
"""Weight of a phrasing word that the question's prompt already contains (others weigh 1)."""
COMMON_WEIGHT = 0.5
"""Weight of the words nearly every answer in this field uses (:data:`COMMON_WORDS`)."""
COMMON_WORDS = frozenset({"airflow", "dag", "task", "data", "run"})
TELLING_WORDS = 2
"""Telling words (weight 1) a window must say for a hit, when the phrasing has that many:
one shared word ("model" in "a process model") is not a point made."""
IDENT_SHARE = 0.66
"""Share of an identifier's parts (``retry_delay``, ``BranchPythonOperator``) that must appear."""
NEGATION_REACH = 5
"""How many words before a match a negation still turns it (within the clause)."""
_ANTONYM_PREFIXES = ("a", "un", "non", "in", "im", "ir", "dis", "de")
CONTRAST_NEGATIONS = frozenset({"not", "no", "never"})
"""Negations that, opening a clause after a comma, contrast an alternative ("X, not Y")."""
_COMPARISON_STEMS = frozenset({"versus", "vs", "contrast"})
_COMPARISON_PREFIXES = ("differ", "compar")


def contrastive(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the negation ``tokens[i]`` opens a contrast: "X, not Y"."""
    tok = tokens[i]
    if i == 0 or tok.word not in CONTRAST_NEGATIONS:
        return False
    prev = tokens[i - 1]
    return prev.sentence == tok.sentence and prev.clause != tok.clause


def command(text: str, tokens: tuple[Token, ...]) -> frozenset[int]:
    """Positions of the tokens of ``text`` that write a command: each ``--flag`` and the
    plain words right before it (``astro deploy --dags``)."""
    if "--" not in text:
        return frozenset()
    found: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.start < 2 or text[tok.start - 2 : tok.start] != "--":
            continue
        found.add(i)
        j = i - 1
        while (
            j >= 0
            and not tokens[j].stop
            and text[tokens[j].end : tokens[j + 1].start].strip(" -") == ""
            and tokens[j].clause == tok.clause
        ):
            found.add(j)
            j -= 1
    return frozenset(found)


def asks_for_difference(prompt_stems: frozenset[str]) -> bool:
    """Whether a prompt asks how things differ ("differ", "compare", "versus")."""
    return any(s in _COMPARISON_STEMS or s.startswith(_COMPARISON_PREFIXES) for s in prompt_stems)


Ident = tuple[str, ...]
"""An identifier (``schedule_interval``, ``LocalExecutor``) as the stems of its parts."""


def identifiers_at(tokens: tuple[Token, ...]) -> list[tuple[int, Ident]]:
    """``(identifier number, identifier)`` for each identifier of two parts or more."""
    found: dict[int, list[str]] = {}
    for tok in tokens:
        if tok.ident >= 0:
            found.setdefault(tok.ident, []).append(tok.stem)
    return [(ident, tuple(parts)) for ident, parts in found.items() if len(parts) > 1]


def identifiers(tokens: tuple[Token, ...]) -> list[tuple[int, Ident]]:
    """``(clause, identifier)`` for each snake_case or CamelCase identifier among ``tokens``."""
    found: dict[int, tuple[int, list[str]]] = {}
    for tok in tokens:
        if tok.ident >= 0:
            found.setdefault(tok.ident, (tok.clause, []))[1].append(tok.stem)
    return [(clause, tuple(parts)) for clause, parts in found.values() if len(parts) > 1]


@dataclass(frozen=True, slots=True)
class Subjects:
    """Identifiers that key points of one question are about (for comparison questions).

    A window that names another point's subject (``CeleryExecutor`` for a
    point about ``LocalExecutor``) and none of its own does not hit: "LocalExecutor
    distributes tasks while CeleryExecutor runs on one machine" swaps them.
    """

    own: frozenset[Ident]
    foreign: frozenset[Ident]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A key-point phrasing prepared for matching against one question's answers."""

    text: str
    stems: tuple[str, ...]
    weights: tuple[float, ...]
    groups: tuple[tuple[int, ...], ...]
    negative: bool
    denied: frozenset[int] = frozenset()  # stems a negative phrasing denies (its negation's scope)
    comparison: bool = False  # the prompt asks for a difference: contrasts do not contradict
    privative: frozenset[int] = frozenset()  # words that deny in a phrasing not negative
    total: float = field(init=False)
    """Sum of the weights: coverage is found weight over this."""
    weight_of: dict[str, float] = field(init=False, compare=False)
    """Each stem's weight (the stems are distinct)."""
    novel: bool = field(init=False)
    """Whether the phrasing says anything the prompt does not already say."""
    novel_words: tuple[bool, ...] = field(init=False)
    """Per word, whether it weighs more than a prompt word."""
    novel_set: frozenset[int] = field(init=False)
    """The words that weigh more than a prompt word."""
    novel_stems: frozenset[str] = field(init=False)
    """Their stems: an answer that says none of them has no evidence for the phrasing."""
    telling_set: frozenset[int] = field(init=False)
    """The words of full weight (telling words)."""
    width: int = field(init=False)
    """How many answer words a match may spread over (:func:`window_size`)."""
    group_needs: tuple[tuple[frozenset[int], int, int], ...] = field(init=False)
    """Per identifier group: its words, its size, how many must be side by side."""
    telling: int = field(init=False)
    """How many telling words (not the prompt's, not :data:`COMMON_WORDS`) a window must
    say for a hit: two, or all the phrasing has if it has fewer."""

    def __post_init__(self) -> None:  # derived once: every match reads them
        object.__setattr__(self, "total", sum(self.weights))
        object.__setattr__(self, "weight_of", dict(zip(self.stems, self.weights, strict=True)))
        object.__setattr__(self, "novel", any(w > PROMPT_WEIGHT for w in self.weights))
        object.__setattr__(self, "novel_words", tuple(w > PROMPT_WEIGHT for w in self.weights))
        novel = frozenset(i for i, w in enumerate(self.weights) if w > PROMPT_WEIGHT)
        object.__setattr__(self, "novel_set", novel)
        object.__setattr__(self, "novel_stems", frozenset(self.stems[i] for i in novel))
        telling_set = frozenset(i for i, w in enumerate(self.weights) if w >= 1.0)
        object.__setattr__(self, "telling_set", telling_set)
        object.__setattr__(self, "width", window_size(len(self.stems)))
        needs = tuple((frozenset(g), len(g), math.ceil(IDENT_SHARE * len(g))) for g in self.groups)
        object.__setattr__(self, "group_needs", needs)
        telling = min(TELLING_WORDS, sum(w >= 1.0 for w in self.weights))
        object.__setattr__(self, "telling", telling)

    def credible(self, match: Match, hit_at: float) -> bool:
        """Whether a match counts as a hit (negation aside)."""
        return (
            match.coverage >= hit_at
            and match.complete
            and match.novel
            and not match.unsaid
            and match.telling >= self.telling
        )


class Match(NamedTuple):
    """The best window of an answer for one phrasing (a named tuple: matching builds many)."""

    coverage: float
    span: tuple[int, int] | None
    negated: bool
    complete: bool  # identifier parts present, side by side
    novel: bool  # found a word the prompt does not already say
    misattributed: bool = False  # said of another point's subject
    unsaid: bool = False  # a negative phrasing's negation is missing: neither hit nor opposite
    telling: int = 99  # telling words found (see Phrase.telling)


@lru_cache(maxsize=8192)
def prepare_phrase(text: str, prompt_stems: frozenset[str]) -> Phrase:
    """Content stems of a phrasing, their weights and identifier groups."""
    tokens = tokenize(text)
    stems: list[str] = []
    idents: dict[int, list[int]] = {}
    contrasted = {t.clause for i, t in enumerate(tokens) if t.negation and contrastive(tokens, i)}
    denying: dict[int, int] = {}  # clause -> position of its first (not contrastive) negation
    for i, tok in enumerate(tokens):
        if tok.negation and tok.clause not in contrasted:
            denying.setdefault(tok.clause, i)
    denied: set[int] = set()
    for position, tok in enumerate(tokens):
        if tok.negation or (tok.stop and tok.ident < 0) or tok.clause in contrasted:
            continue  # function words count only as parts of an identifier (up_for_retry)
        if tok.stem in stems:
            index = stems.index(tok.stem)
        else:
            index = len(stems)
            stems.append(tok.stem)
        if tok.ident >= 0:
            idents.setdefault(tok.ident, []).append(index)
        if denying.get(tok.clause, position) < position:
            denied.add(index)
    code = {tokens[i].stem for i in command(text, tokens)}  # the prompt does not write it
    weights = tuple(
        1.0
        if s in code
        else PROMPT_WEIGHT
        if s in prompt_stems
        else COMMON_WEIGHT
        if s in COMMON_WORDS
        else 1.0
        for s in stems
    )
    groups = tuple(tuple(g) for g in idents.values() if len(g) > 1)
    negative = bool(denying)
    return Phrase(
        text,
        tuple(stems),
        weights,
        groups,
        negative,
        frozenset(denied),
        asks_for_difference(prompt_stems),
        frozenset(
            stems.index(t.stem)
            for t in tokens
            if not negative and t.word in _PRIVATIVE_POINT and t.stem in stems
        ),
    )


def said_in_order(tokens: tuple[Token, ...], stems: tuple[str, ...]) -> tuple[int, int] | None:
    """Token range ``(first, last)`` where ``stems`` are said word for word, in one clause;
    else None."""
    size = len(stems)
    if not size:
        return None
    for k in range(len(tokens) - size + 1):
        run = tokens[k : k + size]
        if run[0].clause == run[-1].clause and all(
            t.stem == want for t, want in zip(run, stems, strict=True)
        ):
            return (k, k + size - 1)
    return None


def window_size(n_words: int) -> int:
    """How many answer words a phrasing of ``n_words`` content words may spread over."""
    return max(6, 3 * n_words + 2)


def _antonyms(a: str, b: str) -> bool:
    """Whether one word is the other with a negating prefix ("cyclic", "acyclical")."""
    short, long_ = sorted((a, b), key=len)
    for prefix in _ANTONYM_PREFIXES:
        if not long_.startswith(prefix):
            continue
        rest = long_[len(prefix) :]
        if rest.startswith(short) or (len(rest) >= 4 and short.startswith(rest)):
            return True
    return False


class Lexicon:
    """The content stems of one question's key points, for fuzzy lookups that cache well.

    Which answer words are close to which key-point words does not depend on
    the answer, so it is cached per (answer word, lexicon): a learner's
    vocabulary repeats from one answer to the next.
    """

    __slots__ = ("forms", "four_letter", "stems")

    def __init__(self, stems: frozenset[str]) -> None:
        self.stems = tuple(sorted(s for s in stems if len(s) >= 4 and s.isalpha()))
        # Each start of a four-letter stem -> those stems, in order: a short word with a
        # letter dropped ("pul" for "pull", :meth:`AnswerIndex.learn`) is looked up at once.
        four_letter: dict[str, list[str]] = {}
        for stem in self.stems:
            if len(stem) == 4:
                for k in range(1, 5):
                    four_letter.setdefault(stem[:k], []).append(stem)
        self.four_letter = {start: tuple(found) for start, found in four_letter.items()}
        synonyms = synonym_forms()
        forms: dict[str, str] = {s: s for s in self.stems}
        for s in stems:  # a typo of any word of a synonym group meets the group
            for form in synonyms.get(s, ()):
                if len(form) >= 4 and form.isalpha():
                    forms.setdefault(form, s)
        self.forms = forms


@lru_cache(maxsize=65536)
def _close(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Stems of ``lexicon`` spelled closely (not identically) to ``word``, or to another
    word of their synonym group ("persitent" meets "stor" through "persist")."""
    known = word in lexicon.forms  # a word of the key points: no typo of a synonym's
    found = process.extract(
        word,
        lexicon.stems if known else list(lexicon.forms),
        scorer=fuzz.ratio,
        score_cutoff=FUZZY_CUTOFF,
        limit=None,
    )
    return tuple(
        dict.fromkeys(
            lexicon.forms[form]
            for form, _score, _ in found
            if lexicon.forms[form] != word and form != word and not _antonyms(form, word)
        )
    )


class AnswerIndex:
    """An answer's tokens, indexed for fast lookup of (fuzzy) words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: tuple[Token, ...] = tokenize_answer(text)
        tokens = self.tokens
        columns = list(zip(*tokens, strict=True)) if tokens else [()] * len(Token._fields)
        words, stems, stops, negations = columns[0], columns[1], columns[7], columns[8]
        self._negations: list[int] = []
        self._contrasts: list[int] = []
        if any(negations):
            for i in [i for i, negation in enumerate(negations) if negation]:
                (self._contrasts if contrastive(tokens, i) else self._negations).append(i)
        positions: dict[str, list[int]] = {}  # in order of first mention; function words too
        get = positions.get
        for i, (stem, negation) in enumerate(zip(stems, negations, strict=True)):
            if negation:
                continue
            found = get(stem)
            if found is None:
                positions[stem] = [i]
            else:
                found.append(i)
        said = zip(words, stems, stops, negations, strict=True)
        content = [(w, s) for w, s, stop, neg in said if not (stop or neg)]  # (word, stem)
        self._short: set[str] = {s for w, s in content if len(w) == 3 and w.isalpha()}
        self.positions = positions
        self._said: set[str] = set(positions)  # stems find() finds (close spellings too)
        self._stems: set[str] | None = None  # every word's stem (says_every)
        self._vocab = [s for s in {s for _, s in content} if len(s) >= 4 and s.isalpha()]
        self._found: dict[str, list[int]] = {}
        self._near: dict[str, list[str]] = {}
        self._lexicons: set[int] = set()
        self.starts: list[int] = list(columns[2])  # never decreasing, as the sentences
        self.sentences: list[int] = list(columns[4])
        self._clauses: list[int] = list(columns[5])
        self.idents: list[int] = list(columns[6])  # per token, its identifier (-1: none)
        self._events: dict[tuple[str, ...], _Events] = {}
        self._clause_idents: dict[int, set[Ident]] = {}
        # id(subjects) -> (subjects, the clauses misattributed() finds for them: naming a
        # foreign subject alone, naming a foreign one and the point's own)
        self._misattributing: dict[int, tuple[Subjects, frozenset[int], frozenset[int]]] = {}
        self._roles: frozenset[str] = frozenset()
        self._paired: frozenset[str] = frozenset()
        self._mentioned: tuple[frozenset[str], dict[int, Ident]] | None = None
        self._reach: dict[bool, list[bool]] = {}
        if max(self.idents, default=-1) >= 0:  # most answers write no identifier
            for clause, ident in identifiers(self.tokens):
                self._clause_idents.setdefault(clause, set()).add(ident)

    def within(self, span: tuple[int, int]) -> range:
        """Positions of the tokens that start inside the text ``span``."""
        starts = self.starts
        return range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))

    def in_sentence(self, sentence: int) -> range:
        """Positions of the tokens of sentence number ``sentence``."""
        sentences = self.sentences
        return range(bisect_left(sentences, sentence), bisect_right(sentences, sentence))

    @property
    def has_negation(self) -> bool:
        """Whether the answer has a negation at all ("not", "never", "without"...)."""
        return bool(self._negations or self._contrasts)

    def mark_roles(self, stems: frozenset[str], paired: frozenset[str] = frozenset()) -> None:
        """Count each word of ``stems`` (a comparison's items: etl, elt) as a subject its
        clause names, as identifiers are (:meth:`misattributed`); ``paired`` are those the
        prompt pairs as "X or Y" / "X versus Y" (``parquet``, ``avro``), nouns for sure, which
        also bind the words after them (:meth:`_bound_to_foreign`)."""
        self._paired |= paired
        if not stems or stems <= self._roles:
            return
        self._roles |= stems
        self._misattributing.clear()
        for tok in self.tokens:
            if tok.stem in stems:
                self._clause_idents.setdefault(tok.clause, set()).add((tok.stem,))

    def learn(self, lexicon: Lexicon) -> None:
        """Find, once, which answer words are close spellings of the lexicon's stems."""
        if id(lexicon) in self._lexicons:
            return
        self._lexicons.add(id(lexicon))
        changed = False
        for word in self._vocab:
            for stem in _close(word, lexicon):
                near = self._near.setdefault(stem, [])
                if word not in near:
                    near.append(word)
                    self._said.add(stem)
                    changed = True
        for word in self._short:  # a letter dropped from a short word: "pul" for "pull"
            for stem in lexicon.four_letter.get(word, ()):  # the stems starting with it
                self._near.setdefault(stem, []).append(word)
                self._said.add(stem)
                changed = True
        if changed:  # what find() gave so far may miss the new close spellings
            self._found.clear()
            self._events.clear()

    def find(self, stem: str) -> list[int]:
        """Positions of the answer words that are ``stem`` or a close spelling of it.

        Close spellings are those :meth:`learn` found for the lexicons given so far.
        """
        cached = self._found.get(stem)
        if cached is not None:
            return cached
        found = list(self.positions.get(stem, ()))
        near = self._near.get(stem)
        if near:
            for word in near:
                found.extend(self.positions[word])
            found.sort()
        self._found[stem] = found
        return found

    def _negated_at(self, contrasts: bool) -> list[bool]:
        """Per token, whether a negation (a contrast too, if ``contrasts``) stands at most
        :data:`NEGATION_REACH` words before it in its clause; worked out once per answer."""
        cached = self._reach.get(contrasts)
        if cached is not None:
            return cached
        tokens = self.tokens
        flags = [False] * len(tokens)
        negations = self._negations + self._contrasts if contrasts else self._negations
        for q in sorted(set(negations)):
            clause = tokens[q].clause
            pronoun = tokens[q].word in _NEGATIVE_PRONOUNS
            # a denial under a denial cancels it ("doesn't work for DAGs without a schedule"
            # says they need one), but not "not" or "nor": "NOT IN and NOT EXISTS",
            # "neither X nor Y"
            denies = not flags[q] or tokens[q].word in ("not", "nor")
            for p in range(q + 1, min(q + NEGATION_REACH + 1, len(tokens))):
                if pronoun and tokens[p].word in _JOINING:
                    break  # "builds nothing and is inlined": the pronoun's verb alone
                if tokens[p].clause == clause:
                    flags[p] = denies
        self._reach[contrasts] = flags
        return flags

    def negated(self, positions: Iterable[int], contrasts: bool = True) -> bool:
        """Whether a negation stands at most :data:`NEGATION_REACH` words before one of
        the tokens at ``positions``, in its clause (contrasts, "X, not Y", only if
        ``contrasts``)."""
        if not (self._negations or (contrasts and self._contrasts)):
            return False
        flags = self._negated_at(contrasts)
        return any(flags[p] for p in positions)

    def _says_negated(
        self, phrase: Phrase, places: tuple[int, ...], words: tuple[int, ...]
    ) -> bool:
        """Whether a word of the phrasing (not one the prompt gave) is negated at each
        of its mentions in the window. For a negative phrasing the words it denies count
        even when the prompt gave them: "DISTINCT does not keep the latest row" says the
        point "select distinct does not keep the latest row" of "how do you keep the
        latest row?", whose denied words are all the prompt's."""
        contrasts = not phrase.comparison
        if not (self._negations or (contrasts and self._contrasts)):
            return False
        flags = self._negated_at(contrasts)
        weights = phrase.weights
        denied = phrase.denied if phrase.negative else frozenset()
        plain: set[int] = set()  # words said at least once without a negation
        negated: set[int] = set()
        for pos, i in zip(places, words):  # noqa: B905 (equal lengths, hot)
            if weights[i] > PROMPT_WEIGHT or i in denied:
                (negated if flags[pos] else plain).add(i)
        return bool(negated - plain)

    def _deprived(
        self, phrase: Phrase, places: tuple[int, ...], words: tuple[int, ...], start: int
    ) -> bool:
        """Whether a privative verb in the window's clause comes before the words a negative
        phrasing denies, and so denies them: "removed direct database access from task
        code" says "task code can no longer access the database"; "parses the DAGs and
        stops the deploy" does not say "does not parse"."""
        denied = [pos for pos, i in zip(places, words) if i in phrase.denied]  # noqa: B905
        if not denied:
            return False
        return self._has(self._clause_start(start), min(denied) - 1, _PRIVATIVE)

    def _says_privative(self, phrase: Phrase, first: int, last: int) -> bool:
        """Whether the answer says a privative word of the phrasing in the clause of
        tokens ``first`` to ``last`` ("did not remove execution_date from the context")."""
        own = {phrase.stems[i] for i in phrase.privative}
        return any(t.stem in own for t in self.tokens[self._clause_start(first) : last + 1])

    def _clause_start(self, k: int) -> int:
        """The first token of token ``k``'s clause."""
        return bisect_left(self._clauses, self._clauses[k])

    def _denial_follows(
        self, phrase: Phrase, places: tuple[int, ...], words: tuple[int, ...]
    ) -> bool:
        """Whether a negation follows a word a negative phrasing denies, within
        :data:`NEGATION_REACH` words of its clause: "DAG bundle code isn't loaded there"
        says "not from a DAG bundle", "ephemeral builds nothing" says "not built"."""
        tokens = self.tokens
        for pos, i in zip(places, words):  # noqa: B905 (equal lengths)
            if i not in phrase.denied:
                continue
            clause = tokens[pos].clause
            for q in range(pos + 1, min(pos + NEGATION_REACH + 1, len(tokens))):
                if tokens[q].clause != clause:
                    break
                if tokens[q].negation:
                    return True
        return False

    def _has(self, first: int, last: int, words: frozenset[str]) -> bool:
        """Whether one of ``words`` is among tokens ``first`` to ``last``."""
        return any(t.word in words for t in self.tokens[first : last + 1])

    def misattributed(self, positions: Collection[int], subjects: Subjects) -> bool:
        """Whether the clause saying most of the matched words (``positions``, identifiers
        aside) names a foreign subject and none of the point's own, or names both and
        binds more of the words to the foreign one (:meth:`_bound_to_foreign`)."""
        cached = self._misattributing.get(id(subjects))  # the plans' objects: kept alive
        if cached is not None and cached[0] is subjects:
            bad, mixed = cached[1], cached[2]
        else:
            foreign = {c for c, named in self._clause_idents.items() if named & subjects.foreign}
            own = {c for c, named in self._clause_idents.items() if named & subjects.own}
            bad, mixed = frozenset(foreign - own), frozenset(foreign & own)
            self._misattributing[id(subjects)] = (subjects, bad, mixed)
        if not bad and not mixed:
            return False  # no clause names a foreign subject
        idents, clause_of = self.idents, self._clauses
        told = bad | mixed
        if told.isdisjoint(map(clause_of.__getitem__, positions)):
            return False  # none of their clauses is one of these
        clauses = [clause_of[p] for p in positions if idents[p] < 0]
        if not clauses:  # identifiers alone: their clauses
            clauses = [clause_of[p] for p in positions]
        if told.isdisjoint(clauses):
            return False  # the clause that says most of them is one of these
        clause = max(clauses, key=clauses.count)
        if clause in bad:
            return True
        return clause in mixed and self._bound_to_foreign(positions, clause, subjects)

    def _bound_to_foreign(
        self, positions: Collection[int], clause: int, subjects: Subjects
    ) -> bool:
        """In a clause that names both the point's subject and a foreign one ("Avro is the
        columnar one and Parquet is row-based"), whether more of the matched words follow
        a foreign subject than the point's own, each bound to the subject named nearest
        before it in the clause."""
        mentions = self._mentions()
        ours = theirs = 0
        for p in positions:
            if self._clauses[p] != clause or p in mentions:
                continue
            k = p - 1
            while k >= 0 and self._clauses[k] == clause and k not in mentions:
                k -= 1
            named = mentions.get(k) if k >= 0 and self._clauses[k] == clause else None
            if named in subjects.own:
                ours += 1
            elif named in subjects.foreign:
                theirs += 1
        return theirs > ours

    def _mentions(self) -> dict[int, Ident]:
        """Token position -> the subject named there: a paired item's word (as marked by
        :meth:`mark_roles`) or an identifier's first part."""
        cached = self._mentioned
        if cached is not None and cached[0] is self._paired:
            return cached[1]
        found: dict[int, Ident] = {}
        first: dict[int, int] = {}
        for k, tok in enumerate(self.tokens):
            if tok.ident >= 0:
                first.setdefault(tok.ident, k)
            elif tok.stem in self._paired:
                found[k] = (tok.stem,)
        for ident, clause_ident in identifiers_at(self.tokens):
            found[first[ident]] = clause_ident
        self._mentioned = (self._paired, found)
        return found

    def _events_of(self, stems: tuple[str, ...]) -> _Events:
        """Positions, phrasing words and sentences of the answer words that are one of
        ``stems``, in order of position (cached per stems until a lexicon adds close
        spellings); None when the answer says none of them."""
        events = self._events.get(stems, _UNSEEN)
        if events is _UNSEEN:
            said, found, find = self._said, self._found, self.find
            pairs = [  # find(s) is not empty for a stem said: the cached list, or find it
                (pos, i)
                for i, s in enumerate(stems)
                if s in said
                for pos in found.get(s) or find(s)
            ]
            if pairs:
                pairs.sort()
                places, words = zip(*pairs)  # noqa: B905 (equal lengths, hot)
                events = (places, words, tuple(map(self.sentences.__getitem__, places)))
            else:
                events = None
            self._events[stems] = events
        return events

    def says_every(self, stems: Iterable[str]) -> bool:
        """Whether each of ``stems`` is the stem of a word of the answer (exactly: no close
        spelling; negations too)."""
        if self._stems is None:
            tokens = self.tokens
            self._stems = set(self.positions).union([tokens[i].stem for i in self._negations])
            self._stems.update(tokens[i].stem for i in self._contrasts)
        return self._stems.issuperset(stems)

    def says_any(self, stems: frozenset[str]) -> bool:
        """Whether the answer says one of ``stems`` (or a close spelling :meth:`learn`
        found): whether :meth:`find` finds one."""
        return not self._said.isdisjoint(stems)

    def could_hit(self, phrase: Phrase, hit_at: float) -> bool:
        """Whether a window of the answer could be a hit for ``phrase`` (one that
        :meth:`Phrase.credible` accepts, whose coverage is 1 if the phrasing has no
        telling word): the phrasing's words the answer says anywhere must weigh
        ``hit_at``, include a word the prompt does not give and enough telling words.

        A necessary condition only, read before any window is looked at; the slack
        on the weights covers rounding, as a window sums them in another order.
        """
        said = self._said
        if said.isdisjoint(phrase.novel_stems):
            return False
        present = {i for i, s in enumerate(phrase.stems) if s in said}  # find(s) is not empty
        weights = phrase.weights
        reachable = sum(weights[i] for i in present) / phrase.total
        return (
            reachable >= hit_at - _SLACK
            and len(phrase.telling_set & present) >= phrase.telling
            and (phrase.telling > 0 or reachable >= 1.0 - _SLACK)
        )

    def match(
        self,
        phrase: Phrase,
        hit_at: float,
        subjects: Subjects | None = None,
        floor: tuple[int, float] = (0, -1.0),
        ignore_below: bool = False,
    ) -> Match:
        """The best window for ``phrase``: a non-negated hit if any, else the best coverage.

        Windows start at each matched word and slide (two pointers, word counts
        kept up to date); a window is looked at closely only when it could beat
        the best so far. ``floor`` is (clean hit?, evidence) of the best match
        another phrasing of the same point found: a phrasing that cannot beat
        it is skipped. ``ignore_below`` says the caller ignores a match whose
        coverage is below ``hit_at`` (a wrong claim, a value slot): when the
        answer's words cannot reach it, no window is looked at.
        """
        said = self._said
        if said.isdisjoint(phrase.novel_stems):
            return _NO_MATCH  # only the prompt's own words: no evidence
        clean_hit_so_far, best_so_far = floor
        if ignore_below or best_so_far > 0.0:  # the skips below, told before finding words
            bound = sum(map(phrase.weight_of.__getitem__, said.intersection(phrase.stems)))
            bound = bound / phrase.total + _SLACK  # at least reachable (below), whatever order
            if ignore_below and bound < hit_at:
                return _NO_MATCH
            if bound < best_so_far and (clean_hit_so_far or bound < hit_at):
                return _NO_MATCH
        events = self._events_of(phrase.stems)
        if events is None:
            return _NO_MATCH
        places, words, in_sentence = events
        weights, total = phrase.weights, phrase.total
        present = set(words)  # the same set, built in the same order, as {i for _, i in ...}
        if present.isdisjoint(phrase.novel_set):
            return _NO_MATCH  # only the prompt's own words: no evidence
        reachable = sum(map(weights.__getitem__, present)) / total
        if ignore_below and reachable < hit_at:
            return _NO_MATCH  # no window can cover enough for the caller to look at it
        if ignore_below and _most_in_a_sentence(weights, words, in_sentence) / total < (
            hit_at - _SLACK - _DRIFT
        ):
            return _NO_MATCH  # nor any sentence: the window scan below would find none
        if reachable <= best_so_far and (clean_hit_so_far or reachable < hit_at):
            return _NO_MATCH  # cannot beat what another phrasing already found
        can_hit = phrase.novel and reachable >= hit_at
        width = phrase.width
        counts = [0] * len(weights)
        novel_of = phrase.novel_words
        found = novel_words = 0.0
        right, count = 0, len(places)
        windows: list[tuple[float, int, int]] = []  # (-coverage, left, right)
        for left in range(count):
            sentence, limit = in_sentence[left], places[left] + width
            while right < count and places[right] < limit and in_sentence[right] == sentence:
                i = words[right]
                times = counts[i]
                if not times:
                    found += weights[i]
                    novel_words += novel_of[i]
                counts[i] = times + 1
                right += 1
            if novel_words:
                windows.append((-found / total, left, right))
            i = words[left]
            times = counts[i] - 1
            counts[i] = times
            if not times:
                found -= weights[i]
                novel_words -= novel_of[i]
        windows.sort()
        if ignore_below and windows and -windows[0][0] < hit_at - _SLACK:
            return _NO_MATCH  # no window covers enough for the caller to look at it
        best_rank: tuple[int, int, float, int, int] = (-1, -1, -1.0, 0, 0)
        best: _Found | None = None
        for negative_coverage, left, right in windows:
            coverage = -negative_coverage
            if (best_rank[0] == 1 or coverage < hit_at) and (
                coverage < best_rank[2] or (coverage == best_rank[2] and not best_rank[4])
            ):
                break  # nothing further down can beat the best (ties: the earliest in order)
            ranked = self._window(
                phrase, places[left:right], words[left:right], hit_at, can_hit, subjects, best_rank
            )
            if ranked is not None and ranked[0] > best_rank:
                best_rank, best = ranked
        if best is None:
            return _NO_MATCH
        first, last, coverage, negated, complete, novel, misattributed, unsaid, telling = best
        span = (self.tokens[first].start, self.tokens[last].end)
        return Match(coverage, span, negated, complete, novel, misattributed, unsaid, telling)

    def _window(
        self,
        phrase: Phrase,
        places: tuple[int, ...],
        words: tuple[int, ...],
        hit_at: float,
        can_hit: bool,
        subjects: Subjects | None,
        best_rank: tuple[int, int, float, int, int],
    ) -> tuple[tuple[int, int, float, int, int], _Found] | None:
        """Rank of one window (the positions and phrasing words of its events, in order)
        and what its :class:`Match` holds; None when it cannot beat ``best_rank``.

        The rank is first bounded from the words alone: the subject and negation checks
        after it can only take the hit and the evidence away. A window whose bound does
        not beat the best so far (a copy of the best's words further on, the same
        identifier left incomplete) is not looked at further.
        """
        # The phrasing's words by first position (ties: in phrasing order), and those positions.
        if len(set(words)) == len(words):  # each said once: the events themselves
            order, firsts = list(words), places
        else:
            seen: dict[int, int] = {}
            for pos, i in zip(places, words):  # noqa: B905 (equal lengths, hot)
                if i not in seen:
                    seen[i] = pos
            order, firsts = list(seen), tuple(seen.values())
        start_pos, last = places[0], firsts[-1]
        coverage = sum(map(phrase.weights.__getitem__, order)) / phrase.total
        complete = not phrase.groups or _complete(phrase, places, words)
        novel = not phrase.novel_set.isdisjoint(order)
        telling = len(phrase.telling_set.intersection(order))
        hit = can_hit and coverage >= hit_at and complete and novel and telling >= phrase.telling
        evidence = coverage * novel * complete
        disorder = 0
        if len(order) == 2:  # pairs said the other way round: that one, or none
            disorder = int(order[0] > order[1])
        elif order != sorted(order):
            disorder = sum([a > b for k, a in enumerate(order) for b in order[k + 1 :]])
        if (hit, hit, evidence, start_pos - last, -disorder) <= best_rank:
            return None  # the checks below only lower it: it cannot beat the best
        best_evidence = best_rank[2]
        misattributed = (
            subjects is not None
            and (hit or evidence > best_evidence)
            and self.misattributed(firsts, subjects)
        )
        if misattributed:
            complete = hit = False
            evidence = 0.0
        negated = unsaid = False
        if hit or evidence > best_evidence:
            says_negated = self._says_negated(phrase, places, words)
            if not phrase.negative:
                # a privative phrasing agrees with a denial of its other words: "doesn't
                # count for the run state" says "ignored for the run state"; "nothing was
                # removed" denies "SubDAGs were removed"
                negated = says_negated and not (
                    phrase.privative and not self._says_privative(phrase, start_pos, last)
                )
            elif (
                not says_negated
                and not self._deprived(phrase, places, words, start_pos)
                and not self._denial_follows(phrase, places, words)
            ):
                # the phrasing's own negation is missing (a privative verb says it: "removed
                # direct access" makes "can no longer access directly"): it says what the
                # point denies, unless it bounds it ("waits until an action before it
                # runs" for "nothing executes until an action")
                bounded = self._has(start_pos, last, _BOUNDING)
                negated = phrase.denied.issubset(order) and not bounded
                if not negated:
                    hit, evidence, unsaid = False, 0.0, True
        if negated and not hit:
            evidence = 0.0  # a near miss that says the opposite earns nothing
        rank = (int(hit and not negated), int(hit), evidence, start_pos - last, -disorder)
        return rank, (
            start_pos,
            last,
            coverage,
            negated,
            complete,
            novel,
            misattributed,
            unsaid,
            telling,
        )


_Found = tuple[int, int, float, bool, bool, bool, bool, bool, int]
"""A window's match before it is built: first and last token, then Match's other fields."""
_NEGATIVE_PRONOUNS = frozenset({"nothing", "none", "nobody"})
"""Negations that stand for a thing ("builds nothing", "nothing gets published"): they
deny their own verb, not what the next "and" or "but" joins on."""
_JOINING = frozenset({"and", "but", "or", "so", "then", "while"})
_BOUNDING = frozenset({"until", "till", "unless", "only"})
"""Words that bound a plain statement: the turn "not ... until" takes when said plainly."""
_PRIVATIVE = frozenset(
    {"removed", "removes", "remove", "dropped", "prevents", "prevent", "forbids", "forbid",
     "disallows", "disallow", "bans", "banned", "blocked", "stops", "stopped", "lost"}
)
"""Verbs that deny what follows them: "Airflow 3 removed direct database access"."""
_PRIVATIVE_POINT = frozenset({"removed", "dropped", "ignored", "excluded", "gone"})
"""Words that make a phrasing deny without a negation: a denial in the answer agrees
("execution_date was removed from the context": "no longer in the context")."""
_NO_MATCH = Match(0.0, None, False, False, False)
NO_MATCH = _NO_MATCH
"""What :meth:`AnswerIndex.match` gives when no window says anything of the phrasing (this
very object: callers may test ``is NO_MATCH``)."""
_Events = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None
"""Of the answer words a phrasing's stems find: positions, phrasing words, sentences."""
_UNSEEN: _Events = ((), (), ())  # not looked up yet (None: nothing found)
_SLACK = 1e-9
"""Rounding slack of a bound on coverage (the same weights summed in another order)."""
_DRIFT = 1e-7
"""More than the rounding a window scan's running sum of weights gathers (its coverage is
a sum kept up to date over the whole answer: about 1e-16 per word it adds or drops)."""


def _most_in_a_sentence(
    weights: tuple[float, ...], words: tuple[int, ...], in_sentence: tuple[int, ...]
) -> float:
    """The most weight of distinct phrasing words that one sentence says (``words`` and
    ``in_sentence``: a match's events): a window stays in a sentence, so none says more."""
    by_sentence: dict[int, float] = {}
    for sentence, i in set(zip(in_sentence, words, strict=True)):
        by_sentence[sentence] = by_sentence.get(sentence, 0.0) + weights[i]
    return max(by_sentence.values())


def _complete(phrase: Phrase, places: tuple[int, ...], words: tuple[int, ...]) -> bool:
    """Whether each identifier of the phrasing has enough of its parts side by side
    (``places`` and ``words``: a window's events, in order)."""
    for group, size, need in phrase.group_needs:
        if len(group.intersection(words)) < need:
            return False
        if need == 2:
            # Two different parts within ``size`` words: then two that follow each other
            # among the group's mentions are (the nearer of any such pair and its
            # neighbours), so one pass over the mentions tells it.
            last_pos = last_i = -1
            for pos, i in zip(places, words):  # noqa: B905 (equal lengths, hot)
                if i in group:
                    if last_i >= 0 and i != last_i and pos - last_pos <= size:
                        break
                    last_pos, last_i = pos, i
            else:
                return False
            continue
        pairs = zip(places, words)  # noqa: B905 (equal lengths, hot)
        mine = [(pos, i) for pos, i in pairs if i in group]
        for k, (start, _) in enumerate(mine):  # in order: those within size come first
            if len({i for pos, i in mine[k:] if pos - start <= size}) >= need:
                break
        else:
            return False
    return True
