"""The review log and card states of the progress database, as an Anki export needs them."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime

from quizapp.interop.anki import CardState, HistoryRow
from quizapp.store.db import Store


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def anki_history(
    store: Store, question_ids: Collection[str]
) -> tuple[list[HistoryRow], dict[str, CardState]]:
    """Every review of ``question_ids`` in time order, and each reviewed question's card today.

    A review's interval is how long the card it left behind was scheduled for:
    the due date of the card the next review started from (or of today's card).
    """
    cards: dict[str, CardState] = {}
    for row in store.query("SELECT * FROM cards"):
        if row["question_id"] in question_ids:
            due = _moment(row["due"])
            assert due is not None
            cards[row["question_id"]] = CardState(
                state=int(row["state"]),
                due=due,
                last_review=_moment(row["last_review"]),
                stability=row["stability"],
                difficulty=row["difficulty"],
                reps=int(row["reps"]),
                lapses=int(row["lapses"]),
            )
    rows = store.query(
        "SELECT question_id, reviewed_at, rating, duration_s, card_before FROM reviews "
        "ORDER BY question_id, reviewed_at, id"
    )
    history: list[HistoryRow] = []
    rows = [row for row in rows if row["question_id"] in question_ids]
    for i, row in enumerate(rows):
        reviewed_at = datetime.fromisoformat(row["reviewed_at"])
        before = json.loads(row["card_before"]) if row["card_before"] else None
        following = rows[i + 1] if i + 1 < len(rows) else None
        if following is not None and following["question_id"] == row["question_id"]:
            after = json.loads(following["card_before"]) if following["card_before"] else None
            due_after = _moment(after["due"]) if after else None
        else:
            card = cards.get(row["question_id"])
            due_after = card.due if card else None
        interval = (due_after - reviewed_at).total_seconds() / 86_400 if due_after else 0.0
        history.append(
            HistoryRow(
                question_id=row["question_id"],
                reviewed_at=reviewed_at,
                rating=int(row["rating"]),
                duration_s=row["duration_s"],
                state_before=int(before["state"]) if before else 0,
                interval_days=max(0.0, interval),
            )
        )
    return history, cards
