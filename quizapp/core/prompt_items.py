"""The items a prompt lists for the answer to take one by one, and which an answer names.

"Explain `partial()`, `expand()` and `expand_kwargs()`", "Compare `execution_timeout`, a
sensor's `timeout`, `dagrun_timeout` ...", "Explain slowly changing dimension types 0, 1,
2 and 3": an answer that explains two of four is half the story, however well it says
them. Items are the prompt's code spans (three or more distinct ones) or a list of three or
more numbers; plain-word lists are left alone (too often they name the context, not what
is asked: "why do retries, clears and backfills depend on it?").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

ITEMS_SAID_SHARE = 0.75
"""Share of the listed items a ``correct`` answer names (three of four, all of three)."""
MIN_ITEMS = 3
"""Items a prompt must list for the rule to apply."""

_CODE = re.compile(r"`([^`]+)`")
_NUMBERS = re.compile(r"\b(\d+), (\d+),? (?:(\d+),? )?(?:and|or) (\d+)\b")
_SEPARATORS = re.compile(r"[._]")


@lru_cache(maxsize=1024)
def code_spans(prompt: str) -> tuple[str, ...]:
    """The distinct code spans of ``prompt``, in order (``@task.virtualenv``, ``partial()``)."""
    return tuple(dict.fromkeys(_CODE.findall(prompt)))


@lru_cache(maxsize=1024)
def listed(prompt: str) -> tuple[str, ...]:
    """The items ``prompt`` lists, in order, without repeats (empty if fewer than
    :data:`MIN_ITEMS`)."""
    code = code_spans(prompt)
    if len(code) >= MIN_ITEMS:
        return code
    numbers = _NUMBERS.search(prompt)
    if numbers:
        found = tuple(n for n in numbers.groups() if n)
        if len(found) >= MIN_ITEMS:
            return found
    return ()


def _forms(item: str) -> tuple[str, ...]:
    """How an answer may write ``item``: as is (no call parentheses or decorator sign),
    with spaces for its separators (``max active tasks``), or by its last dotted part
    (``virtualenv`` for ``@task.virtualenv``)."""
    plain = item.strip().lower().replace("()", "").lstrip("@")
    forms = [plain, _SEPARATORS.sub(" ", plain)]
    if "." in plain:
        forms.append(plain.rsplit(".", 1)[1])
    return tuple(dict.fromkeys(f for f in forms if f))


def named(item: str, answer: str) -> bool:
    """Whether ``answer`` names ``item`` (a word-bounded mention of one of its forms)."""
    text = answer.lower()
    return any(
        re.search(rf"(?<![\w.]){re.escape(form)}(?!\w)", text) is not None for form in _forms(item)
    )


def left_out(prompt: str, answer: str) -> tuple[str, ...]:
    """The listed items the answer does not name, when it names fewer than
    :data:`ITEMS_SAID_SHARE` of them; else ()."""
    items = listed(prompt)
    if not items:
        return ()
    missing = tuple(i for i in items if not named(i, answer))
    if len(items) - len(missing) >= math.ceil(ITEMS_SAID_SHARE * len(items)):
        return ()
    return missing
