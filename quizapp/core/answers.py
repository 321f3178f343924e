"""What an answer may be: text (no lone surrogates) and at most :data:`MAX_ANSWER_CHARS`.

A spoken interview answer is a few hundred words; a pasted log or file of megabytes
would take the grader minutes and fill the progress database. Longer answers are cut
(the learner is told), and text that cannot be stored as UTF-8 gets U+FFFD in place of
what could not be read.
"""

from __future__ import annotations

MAX_ANSWER_CHARS = 20_000
"""The longest answer kept and graded, in characters (about 3,000 words)."""


def cap_message(length: int) -> str:
    """What to tell the learner whose answer of ``length`` characters was cut."""
    return (
        f"Your answer has {length:,} characters: only the first {MAX_ANSWER_CHARS:,} "
        "were kept and graded."
    )


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate (an undecodable byte, a broken escape) as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def cap_answer(text: str) -> str:
    """The answer as kept: clean text, cut at :data:`MAX_ANSWER_CHARS`."""
    return clean_text(text[:MAX_ANSWER_CHARS])
