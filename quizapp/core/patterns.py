"""Word-list regexes that search faster: alternatives grouped by their first letter, and
case-insensitive searches of ASCII text made in its lower-cased copy (:class:`Caseless`).

A search for ``\\b(?:some|something|stuff|better|...)\\b`` tries every alternative at
every word boundary. Grouped by first letter (``\\b(?:s(?:ome|omething|tuff)|b(?:etter))\\b``)
it tries one group per word, and finds a match wherever the original does: the same
alternatives, in the same order within a letter. Only for patterns whose callers ask
*whether* there is a match (the first match found may be another alternative's).
"""

from __future__ import annotations

import re

_TOP_LEVEL_BAR = re.compile(r"\|(?![^(]*\))")
"""A ``|`` outside parentheses (alternatives nest one group deep at most)."""


def by_first_letter(pattern: str) -> str:
    """``\\b(?:alt|alt|...)\\b`` with its alternatives grouped by their first letter.

    An alternative that does not start with a plain letter (a group, a class, a letter
    with a quantifier) is kept whole, after the groups."""
    inner = pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
    if f"\\b(?:{inner})\\b" != pattern:
        raise ValueError(f"not a \\b(?:...)\\b word list: {pattern!r}")
    groups: dict[str, list[str]] = {}
    whole: list[str] = []
    for alternative in _TOP_LEVEL_BAR.split(inner):
        if alternative[:1].isalpha() and alternative[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(alternative[0].lower(), []).append(alternative[1:])
        else:
            whole.append(alternative)
    grouped = [f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items()]
    return rf"\b(?:{'|'.join(grouped + whole)})\b"


class Caseless:
    """Whether a case-insensitive pattern occurs in a text, told faster for ASCII text.

    Under ``re.IGNORECASE`` the engine folds the case of each character it compares,
    which makes a word list several times slower to search. A pattern without an
    upper-case letter (so no ``\\S``, ``\\W``, ``[A-Z]``...) finds a match in ASCII
    text exactly when its case-sensitive twin finds one in the lower-cased text (same
    length, same word boundaries). Other text is searched as it is: Unicode case folding
    is more than ``lower()`` (the long s, the Kelvin sign).
    """

    __slots__ = ("_lower", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        text = pattern.pattern
        exact = pattern.flags & re.IGNORECASE and text == text.lower()
        self._lower = re.compile(text, pattern.flags & ~re.IGNORECASE) if exact else None

    def search(self, text: str) -> bool:
        """Whether ``pattern.search(text)`` finds a match."""
        if self._lower is not None and text.isascii():
            return self._lower.search(text.lower()) is not None
        return self.pattern.search(text) is not None
