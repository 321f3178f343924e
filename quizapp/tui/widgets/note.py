"""A question's ``note:`` (what changed in Airflow 3), drawn the same on every screen."""

from __future__ import annotations

from textual.content import Content

CODE_STYLE = "bold $text-accent"


def note_content(note: str) -> Content:
    """``Note: …`` with the note's `code` spans drawn as code, not as backticks."""
    parts: list[str | tuple[str, str]] = [("Note: ", "bold")]
    pieces = note.split("`")
    if len(pieces) % 2 == 0:  # an unmatched backtick: show the text as written
        pieces = [note]
    for number, piece in enumerate(pieces):
        if piece:
            parts.append((piece, CODE_STYLE if number % 2 else ""))
    return Content.assemble(*parts)
