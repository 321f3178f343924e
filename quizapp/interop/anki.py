"""Questions as an Anki package (.apkg, through genanki) or Anki's CSV import format.

One note per question: the front is the prompt; the back is the model answer
rendered from Markdown (code blocks kept), the key points and the Airflow 3
note. The note's GUID is the question id, so exporting again after a bank edit
updates the notes already in Anki instead of adding copies. Each bank is a
sub-deck of ``quizapp``; tags come from the bank and the question's tags.

``with_history`` carries the review log (Anki's ``revlog``) and each card's
scheduling (due date, interval, reps, lapses, FSRS memory state).

genanki and markdown-it are imported only when an export runs.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quizapp.core.models import Question

MODEL_ID = 1_733_120_400_123
"""The note type's id: fixed forever, so re-imports update the same note type."""
ROOT_DECK = "quizapp"
ANKI_COLLECTION_CREATED = 1_411_124_400
"""genanki's collection creation time (``col.crt``): review cards' due days count from it."""
CSS = """
.card { font-family: sans-serif; font-size: 18px; text-align: left; }
pre { background: #f4f4f4; padding: 6px; overflow-x: auto; }
.points li { margin: 2px 0; }
.note { color: #666; font-size: 15px; }
"""


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One review as Anki's revlog needs it."""

    question_id: str
    reviewed_at: datetime
    rating: int
    duration_s: float | None
    state_before: int  # FSRS state before the review: 0 new, 1 learning, 2 review, 3 relearning
    interval_days: float


@dataclass(frozen=True, slots=True)
class CardState:
    """A question's FSRS card today, as Anki's ``cards`` row needs it."""

    state: int
    due: datetime
    last_review: datetime | None
    stability: float | None
    difficulty: float | None
    reps: int
    lapses: int


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).enable("table").render(text))


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def back_html(question: Question) -> str:
    """The back of a card: the answer, the key points and the note, as HTML."""
    parts = [_markdown(question.answer)]
    if question.key_points:
        items = "".join(f"<li>{_escape(p.text)}</li>" for p in question.key_points)
        parts.append(f'<div class="points"><b>Key points</b><ul>{items}</ul></div>')
    if question.note:
        parts.append(f'<div class="note">{_markdown(question.note)}</div>')
    return "\n".join(parts)


def anki_tags(question: Question) -> list[str]:
    """Anki tags (no spaces): the bank, then the question's tags."""
    tags = [question.bank, *question.tags]
    return list(dict.fromkeys(t.replace(" ", "_") for t in tags if t))


def _deck_id(name: str) -> int:
    return 1_000_000_000 + zlib.crc32(name.encode("utf-8"))


def _model() -> Any:
    import genanki

    return genanki.Model(
        MODEL_ID,
        "quizapp question",
        fields=[{"name": "Prompt"}, {"name": "Back"}, {"name": "Id"}],
        templates=[
            {
                "name": "Recall",
                "qfmt": "{{Prompt}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=CSS,
    )


def export_apkg(
    questions: Sequence[Question],
    out: Path,
    titles: dict[str, str],
    history: Iterable[HistoryRow] = (),
    cards: dict[str, CardState] | None = None,
    now: datetime | None = None,
) -> int:
    """Write ``questions`` to ``out`` as an .apkg; returns the number of notes written."""
    import genanki

    model = _model()
    decks: dict[str, Any] = {}
    for question in questions:
        name = f"{ROOT_DECK}::{titles.get(question.bank, question.bank)}"
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(_deck_id(name), name)
        html_prompt = _markdown(question.prompt).strip()
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[html_prompt, back_html(question), _escape(question.id)],
                tags=anki_tags(question),
                guid=question.id,
                sort_field=question.prompt,
            )
        )
    package = _history_package(list(decks.values()), list(history), cards or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).timestamp()
    package.write_to_file(str(out), timestamp=stamp)
    return len(questions)


def _history_package(
    decks: list[Any], history: list[HistoryRow], cards: dict[str, CardState]
) -> Any:
    """A genanki package that also writes the review log and each card's scheduling."""
    import genanki

    class HistoryPackage(genanki.Package):  # type: ignore[misc]
        def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, id_gen: Any) -> None:
            super().write_to_db(cursor, timestamp, id_gen)
            write_history(cursor, history, cards)

    return HistoryPackage(decks)


def write_history(
    cursor: sqlite3.Cursor, history: list[HistoryRow], cards: dict[str, CardState]
) -> None:
    """Add ``revlog`` rows and schedule the cards of a collection genanki has just written."""
    if not history and not cards:
        return
    rows = cursor.execute("SELECT n.guid, c.id FROM cards c JOIN notes n ON c.nid = n.id")
    card_ids = {guid: card_id for guid, card_id in rows.fetchall()}
    used: set[int] = set()
    previous_ivl: dict[str, int] = {}
    for row in sorted(history, key=lambda r: r.reviewed_at):
        card_id = card_ids.get(row.question_id)
        if card_id is None:
            continue
        revlog_id = int(row.reviewed_at.timestamp() * 1000)
        while revlog_id in used:
            revlog_id += 1
        used.add(revlog_id)
        ivl = _anki_interval(row.interval_days)
        cursor.execute(
            "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, 0, ?, ?)",
            (
                revlog_id,
                card_id,
                row.rating,
                ivl,
                previous_ivl.get(row.question_id, 0),
                min(int((row.duration_s or 0) * 1000), 60_000),
                _REVLOG_TYPE.get(row.state_before, 0),
            ),
        )
        previous_ivl[row.question_id] = ivl
    for question_id, state in cards.items():
        card_id = card_ids.get(question_id)
        if card_id is not None:
            cursor.execute(
                "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = 2500, "
                "reps = ?, lapses = ?, data = ? WHERE id = ?",
                (*_anki_schedule(state), state.reps, state.lapses, _memory(state), card_id),
            )


_REVLOG_TYPE = {0: 0, 1: 0, 2: 1, 3: 2}
"""FSRS state before a review -> Anki revlog type (0 learn, 1 review, 2 relearn)."""


def _anki_interval(days: float) -> int:
    """Anki's revlog interval: positive days, or negative seconds under a day."""
    return round(days) if days >= 1 else -max(1, round(days * 86_400))


def _anki_schedule(state: CardState) -> tuple[int, int, int, int]:
    """``(type, queue, due, ivl)`` of an Anki card in the FSRS card's state."""
    if state.state == 2:  # review: due is a day number counted from the collection's creation
        due_day = (int(state.due.timestamp()) - ANKI_COLLECTION_CREATED) // 86_400
        ivl = 0
        if state.last_review is not None:
            ivl = max(1, round((state.due - state.last_review).total_seconds() / 86_400))
        return 2, 2, due_day, ivl
    if state.state in (1, 3):  # (re)learning: due is a Unix time
        return state.state, 1, int(state.due.timestamp()), 0
    return 0, 0, 0, 0


def _memory(state: CardState) -> str:
    if state.stability is None or state.difficulty is None:
        return ""
    return json.dumps({"s": round(state.stability, 4), "d": round(state.difficulty, 4)})


def export_csv(questions: Sequence[Question]) -> str:
    """The questions in Anki's CSV import format, with its ``#`` header lines."""
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#columns:Front,Back,Tags,GUID\n")
    out.write("#tags column:3\n#guid column:4\n#notetype:Basic\n")
    writer = csv.writer(out, lineterminator="\n")
    for question in questions:
        writer.writerow(
            [
                _markdown(question.prompt).strip(),
                back_html(question),
                " ".join(anki_tags(question)),
                question.id,
            ]
        )
    return out.getvalue()
