"""Airflow 2 habits that are wrong in Airflow 3, for every question at once.

The banks' ``misconceptions:`` are per question. Some wrong claims are the
same whatever the question: recommending ``execution_date``, the
SequentialExecutor, ``sla=``, ``airflow dags backfill``, the Flask
``airflow webserver``, ``provide_context``, SubDAGs, ``schedule_interval``,
``airflow db init``, the CeleryKubernetesExecutor, ``DummyOperator`` or
``days_ago``, all removed or replaced by Airflow 3. An answer that uses one as
current practice makes a misconception (never ``core``: the question's own
key points decide how wrong the rest is).

It is not a claim when the question itself names the term (its prompt, a
key point or one of its own misconceptions: the question is about it), when
its model answer uses the term as current itself, or when the sentence says it is history
("removed", "replaced", "no longer", "instead", "in Airflow 2", "->" ...) or
names the Airflow 3 successor next to it ("execution_date / the data
interval").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from quizapp.core.models import Misconception, MisconceptionHit, Question
from quizapp.core.patterns import Caseless

LEGACY: tuple[tuple[str, str, str], ...] = (
    (
        r"\b(?:next_|prev_)?execution_date\b",
        "execution_date is current",
        "Airflow 3 removed execution_date (and next_/prev_execution_date): use logical_date "
        "or the run's data interval.",
    ),
    (
        r"\bsequential ?executor\b",
        "the SequentialExecutor is in use",
        "Airflow 3 removed the SequentialExecutor; LocalExecutor is the default.",
    ),
    (
        r"\bsla_miss_callback\b|\bsla\s*=|\bsla-miss\b",
        "SLAs (sla=, sla_miss_callback) are current",
        "Airflow 3.0 removed SLAs: sla= and sla_miss_callback are ignored with a warning; "
        "Deadline Alerts (deadline=, 3.1+) replace them.",
    ),
    (
        r"\bairflow dags backfill\b",
        "backfills run as `airflow dags backfill`",
        "In Airflow 3 the scheduler runs backfills, created with `airflow backfill create`, "
        "the UI or the REST API.",
    ),
    (
        r"\bairflow webserver\b|\bflask\b",
        "the Flask webserver (`airflow webserver`) is current",
        "Airflow 3 replaced the Flask webserver with `airflow api-server` (FastAPI, React UI).",
    ),
    (
        r"\bprovide_context\b",
        "provide_context is needed",
        "provide_context is gone: the context is passed to tasks that ask for it.",
    ),
    (
        r"\bsub ?dag(?:operator)?s?\b",
        "SubDAGs are current",
        "Airflow 3.0 removed SubDAGs: use TaskGroups, or assets to link DAGs.",
    ),
    (
        r"\bschedule_interval\b",
        "schedule_interval is current",
        "Airflow 3 removed schedule_interval: use schedule=.",
    ),
    (
        r"\bairflow db init\b",
        "`airflow db init` sets up the database",
        "Airflow 3 uses `airflow db migrate`; `db init` was removed.",
    ),
    (
        r"\bcelery ?kubernetes ?executor\b|\blocal ?kubernetes ?executor\b",
        "hybrid executors (CeleryKubernetesExecutor) are current",
        "Airflow 3 removed the hybrid executors: configure several executors instead.",
    ),
    (
        r"\bdummy ?operator\b",
        "DummyOperator is current",
        "DummyOperator was removed: use EmptyOperator.",
    ),
    (
        r"\bdays_ago\b",
        "days_ago() is current",
        "days_ago() was removed: give a fixed start_date (pendulum.datetime).",
    ),
)
"""(pattern, the wrong claim, what is true in Airflow 3)."""

HISTORY = re.compile(
    r"\b(?:removed|replac\w*|deprecat\w*|gone|no longer|not|never|instead|renamed|"
    r"airflow ?2|2\.x|af2|used to|was|were|old|older|legacy|any ?more|formerly|dropped|"
    r"retired|pre-3|successor|unlike|rather than|logical[_ ]date|data interval|"
    r"(?:in|since|until|before) 2(?:\.\d+)?)\b|->|→|\bex-|\w+n[\'’]t\b",
    re.IGNORECASE,
)
_HISTORY_SAID = Caseless(HISTORY)
_SENTENCE_END = re.compile(r"[.;!?\n]")


_OPTIONAL_PREFIX = re.compile(r"\(\?:((?:[a-z_]+\|)*[a-z_]+)\)\?")


def _first_letters(patterns: Iterable[str]) -> str | None:
    """The letters every match of ``patterns`` starts with, when each of their top-level
    alternatives reads ``\\b`` then a letter or an optional group of words
    (``\\b(?:next_|prev_)?execution_date``); else None (no such shortcut)."""
    letters: set[str] = set()
    for pattern in patterns:
        for alternative in re.split(r"\|(?![^(]*\))", pattern):
            if not alternative.startswith(r"\b"):
                return None
            rest = alternative[2:]
            optional = _OPTIONAL_PREFIX.match(rest)
            if optional:
                letters.update(word[0] for word in optional.group(1).split("|"))
                rest = rest[optional.end() :]
            if not rest[:1].isalpha():
                return None
            letters.add(rest[0].lower())
    return "".join(sorted(letters))


def _any_pattern() -> re.Pattern[str]:
    """One search for every legacy term. Every term starts a word with one of a few
    letters, so a lookahead for them lets the search skip the other places at once."""
    alternatives = "|".join(f"(?:{pattern})" for pattern, _, _ in LEGACY)
    first = _first_letters(pattern for pattern, _, _ in LEGACY)
    if first is None:
        return re.compile(alternatives, re.IGNORECASE)
    return re.compile(rf"\b(?=[{first}])(?:{alternatives})", re.IGNORECASE)


_ANY = _any_pattern()
"""Any legacy term at all: most answers have none, and one search says so."""
_ANY_SAID = Caseless(_ANY)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], Misconception], ...]:
    return tuple(
        (re.compile(pattern, re.IGNORECASE), Misconception(claim, correction))
        for pattern, claim, correction in LEGACY
    )


_APPLIES: dict[int, tuple[Question, tuple[tuple[re.Pattern[str], Misconception], ...]]] = {}


def _applies(question: Question) -> tuple[tuple[re.Pattern[str], Misconception], ...]:
    """The legacy claims a question does not itself name (in its prompt or key points)."""
    cached = _APPLIES.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    own = " ".join(
        [
            question.prompt,
            *(t for p in question.key_points for t in p.phrasings),
            *(t for m in question.misconceptions for t in m.phrasings),
        ]
    )
    found = tuple(
        (pattern, m)
        for pattern, m in _compiled()
        if not pattern.search(own) and not _presents(pattern, question.answer)
    )
    if len(_APPLIES) > 4096:
        _APPLIES.clear()
    _APPLIES[id(question)] = (question, found)
    return found


def find(question: Question, answer: str) -> tuple[MisconceptionHit, ...]:
    """The Airflow 2 habits ``answer`` presents as current practice."""
    if not _ANY_SAID.search(answer):
        return ()
    hits: list[MisconceptionHit] = []
    for pattern, misconception in _applies(question):
        found = _presents(pattern, answer)
        if found is not None:
            hits.append(MisconceptionHit(misconception, found.span(), found.group(0)))
    return tuple(hits)


def _presents(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first mention of ``pattern`` in ``text`` whose sentence does not make it history."""
    for found in pattern.finditer(text):
        start, end = _sentence(text, found.start(), found.end())
        if not _HISTORY_SAID.search(text[start:end]):
            return found
    return None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0, after.start() if after else len(text))
