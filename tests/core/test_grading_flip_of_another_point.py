"""A comparison answer that says each item's own property is not contradicting itself:
a point's flipped version ("applied on read" for "applied on write") that another key
point states is that point, said of the other item; a real swap still contradicts."""

from __future__ import annotations

from quizapp.core.bank import parse_bank
from quizapp.core.grading import grade
from quizapp.core.models import Question

BANK = """\
bank: demo
title: Demo
questions:
  - id: schema-on-x
    prompt: Explain schema-on-write versus schema-on-read and their trade-offs.
    answer: Schema-on-write enforces the schema when data is loaded; schema-on-read applies
      it when data is queried.
    key_points:
      - text: schema-on-write enforces the schema when data is loaded
        aliases: [schema applied on write]
      - schema-on-read applies the schema when data is queried
      - queries are fast and the data is trustworthy
      - ingestion is fast and flexible
"""


def question() -> Question:
    bank, issues = parse_bank(BANK, "demo.yaml", frozenset())
    assert issues == [] and bank is not None
    return bank.questions[0]


def test_each_side_said_of_its_own_item_contradicts_nothing() -> None:
    answer = (
        "Schema-on-write: rows are checked against the table as they are loaded. "
        "Schema-on-read: the schema is applied by each reader at query time."
    )
    result = grade(question(), answer)
    assert not any(p.negated for p in result.points)
    assert result.verdict != "incorrect"


def test_the_sides_swapped_still_contradict() -> None:
    answer = (
        "Schema-on-write means the schema is applied by each reader at query time. "
        "Schema-on-read checks every row when it is loaded."
    )
    result = grade(question(), answer)
    assert any(p.negated for p in result.points)
    assert result.verdict == "incorrect"
