"""A wrong claim that names both compared items ("the lake holds the modelled data and the
warehouse keeps the raw files") is made only when the answer binds each item's words to
that item; the answer that says it the right way round uses the same words."""

from __future__ import annotations

from quizapp.core.bank import parse_bank
from quizapp.core.grading import grade
from quizapp.core.models import Question

BANK = """\
bank: demo
title: Demo
questions:
  - id: warehouse-vs-lake
    prompt: What is the difference between a data warehouse and a data lake?
    answer: A warehouse holds modelled data with schema-on-write; a lake keeps raw files of
      any format with schema-on-read.
    key_points:
      - a warehouse holds modelled data
      - schema-on-write
      - a lake keeps raw files of any format
      - schema-on-read
    misconceptions:
      - text: the lake holds the modelled data and the warehouse keeps the raw files
        correction: It is the other way round.
        core: true
"""


def question() -> Question:
    bank, issues = parse_bank(BANK, "demo.yaml", frozenset())
    assert issues == [] and bank is not None
    return bank.questions[0]


def test_the_right_way_round_makes_no_claim() -> None:
    answer = "A warehouse is schema-on-write with modelled data, a lake keeps raw files with schema-on-read."
    result = grade(question(), answer)
    assert result.misconceptions == ()
    assert result.verdict == "correct"


def test_the_wrong_way_round_makes_it() -> None:
    answer = "The lake holds the modelled data and the warehouse keeps the raw files."
    result = grade(question(), answer)
    assert [m.misconception.text for m in result.misconceptions] == [
        "the lake holds the modelled data and the warehouse keeps the raw files"
    ]
    assert result.verdict == "incorrect"
