"""Shared helpers for the session tests: a small catalog and a fake grader."""

from __future__ import annotations

from collections.abc import Iterable

from quizapp.core.models import Bank, Catalog, Grade, KeyPoint, PointResult, Question


def question(qid: str, bank: str, difficulty: str = "medium", **extra: object) -> Question:
    points = (KeyPoint("first point"), KeyPoint("second point"))
    return Question(
        id=qid,
        bank=bank,
        prompt=f"Explain {qid}?",
        answer=f"The model answer to {qid}.",
        key_points=points,
        difficulty=difficulty,
        **extra,  # type: ignore[arg-type]
    )


def catalog(questions: Iterable[Question]) -> Catalog:
    banks: dict[str, list[Question]] = {}
    for q in questions:
        banks.setdefault(q.bank, []).append(q)
    return Catalog(
        banks=tuple(
            Bank(id=b, title=b, path=f"{b}.yaml", questions=tuple(qs)) for b, qs in banks.items()
        )
    )


class FakeGrader:
    """``right`` -> correct 1.0, ``half`` -> partial 0.7, ``weak`` -> partial 0.3, else incorrect."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, q: Question, answer: str) -> Grade:
        self.calls.append((q.id, answer))
        first, second = q.key_points
        text = answer.strip().lower()
        if text.startswith("right"):
            score, verdict, hits = 1.0, "correct", (True, True)
        elif text.startswith("half"):
            score, verdict, hits = 0.7, "partial", (True, False)
        elif text.startswith("weak"):
            score, verdict, hits = 0.3, "partial", (True, False)
        else:
            score, verdict, hits = 0.0, "incorrect", (False, False)
        points = (PointResult(first, hits[0], 90.0), PointResult(second, hits[1], 40.0))
        return Grade(q.id, score, verdict, points)  # type: ignore[arg-type]
