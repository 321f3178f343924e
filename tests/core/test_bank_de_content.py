"""The data-engineering half of the banks as content (issue 12).

Every DE question's own model answer grades ``correct``; every misconception it lists is
found in its own words and never grades better than ``partial``; the model answer makes
none of them; every DE question carries the ``data-engineering`` tag, so a mock interview
(``quizapp mock --tag data-engineering``, or the tag in the ``c`` chooser) can be limited
to data-engineering topics and then never draws an Airflow or Astronomer question.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sessions_fixtures import FakeGrader

from quizapp.cli import main
from quizapp.core import misconceptions
from quizapp.core.bank import load_catalog
from quizapp.core.clock import FakeClock
from quizapp.core.grading import grade
from quizapp.core.matching import AnswerIndex
from quizapp.core.mock import MockConfig, MockSession
from quizapp.core.models import Question
from quizapp.core.study import Filters
from quizapp.paths import bundled_banks_dir
from quizapp.store import open_store

DE_TAG = "data-engineering"
DE_BANKS = frozenset(
    {
        "data-engineering",
        "sql",
        "dimensional-modelling",
        "slowly-changing-dimensions",
        "change-data-capture",
        "batch-vs-streaming",
        "kafka",
        "stream-processing",
        "spark",
        "table-formats",
        "partitioning-and-clustering",
        "dbt",
        "data-contracts",
        "data-quality",
        "pipeline-design",
        "orchestration-alternatives",
        "data-governance",
    }
)
NEW_BANKS = DE_BANKS - {"data-engineering"}
CATALOG = load_catalog([bundled_banks_dir()])
TEXT_QUESTIONS = [q for q in CATALOG.questions if q.kind == "text"]
DE_QUESTIONS = [q for q in TEXT_QUESTIONS if q.bank in DE_BANKS]
ANSWERS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "de_answers.jsonl").read_text().splitlines()
]
"""Answers written by hand, not taken from the banks: terse or reworded right answers and
typical wrong ones (the classic misconception in a learner's own words)."""
CLAIMS = [(q, m, text) for q in DE_QUESTIONS for m in q.misconceptions for text in m.phrasings]


def _airflow_side(question: Question) -> bool:
    return question.bank.startswith("airflow") or question.bank == "astronomer"


def test_the_de_banks_load_and_hold_the_de_half_of_the_interview() -> None:
    assert [str(e) for e in CATALOG.errors] == []
    assert {b.id for b in CATALOG.banks} >= DE_BANKS
    assert len([q for q in CATALOG.questions if q.bank in NEW_BANKS]) >= 45
    assert len([q for q in CATALOG.questions if not _airflow_side(q)]) >= 50
    assert len([q for q in CATALOG.questions if q.bank == "data-science-lifecycle"]) <= 3


@pytest.mark.parametrize("question", DE_QUESTIONS, ids=lambda q: q.id)
def test_model_answer_grades_correct(question: Question) -> None:
    result = grade(question, question.answer, TEXT_QUESTIONS)
    assert result.verdict == "correct", f"{question.location}: missed {result.missed}"
    assert result.misconceptions == ()


@pytest.mark.parametrize("question", DE_QUESTIONS, ids=lambda q: q.id)
def test_new_questions_have_a_source_a_few_points_and_the_tag(question: Question) -> None:
    assert DE_TAG in question.tags
    assert question.source
    if question.bank in NEW_BANKS:
        assert 2 <= len(question.key_points) <= 5
        assert any(p.weight >= 2 for p in question.key_points)


@pytest.mark.parametrize(
    ("question", "claim"),
    [(q, text) for q, _m, text in CLAIMS],
    ids=[f"{q.id}: {text}" for q, _m, text in CLAIMS],
)
def test_a_misconception_is_found_and_never_graded_correct(question: Question, claim: str) -> None:
    result = grade(question, claim, TEXT_QUESTIONS)
    assert result.verdict != "correct"
    assert result.misconceptions, f"{question.id}: the claim {claim!r} is not recognised"


@pytest.mark.parametrize("question", [q for q in DE_QUESTIONS if q.misconceptions], ids=str)
def test_the_model_answer_makes_none_of_its_misconceptions(question: Question) -> None:
    assert misconceptions.find(question, AnswerIndex(question.answer)) == ()


def test_most_new_questions_name_a_classic_wrong_claim() -> None:
    new = [q for q in DE_QUESTIONS if q.bank in NEW_BANKS]
    with_claims = [q for q in new if q.misconceptions]
    assert len(with_claims) >= 0.8 * len(new)
    assert all(m.correction.strip() for q in with_claims for m in q.misconceptions)


def test_a_typical_wrong_answer_is_at_most_partial() -> None:
    kafka = CATALOG.get("kafka-partitions-ordering")
    assert kafka is not None
    wrong = (
        "Kafka guarantees ordering across a topic: a topic is split into partitions for "
        "throughput and each message gets an offset, and consumers read in produce order."
    )
    result = grade(kafka, wrong, TEXT_QUESTIONS)
    assert result.verdict != "correct" and result.misconceptions


@pytest.mark.parametrize(
    "row", [r for r in ANSWERS if r["label"] == "wrong"], ids=lambda r: f"{r['id']}: wrong"
)
def test_a_wrong_answer_in_a_learners_words_is_never_correct(row: dict[str, str]) -> None:
    question = CATALOG.get(row["id"])
    assert question is not None
    assert grade(question, row["answer"], TEXT_QUESTIONS).verdict != "correct"


def test_right_answers_in_other_words_are_mostly_correct() -> None:
    rows = [r for r in ANSWERS if r["label"] == "correct"]
    questions = {q.id: q for q in DE_QUESTIONS}
    graded = {r["id"]: grade(questions[r["id"]], r["answer"], TEXT_QUESTIONS) for r in rows}
    wrong = sorted(qid for qid, g in graded.items() if g.verdict != "correct")
    assert len(wrong) <= len(rows) // 10, f"paraphrased right answers not graded correct: {wrong}"
    assert not [qid for qid, g in graded.items() if g.misconceptions]


def test_the_de_tag_selects_exactly_the_de_banks() -> None:
    tagged = {q.bank for q in CATALOG.questions if DE_TAG in q.tags}
    assert tagged == DE_BANKS
    assert not [q.id for q in CATALOG.questions if DE_TAG in q.tags and _airflow_side(q)]


def test_a_mock_interview_limited_to_de_topics_draws_only_de_questions(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.db", tz=UTC)
    config = MockConfig(questions=12, minutes=30, seed=3, filters=Filters(tags=frozenset({DE_TAG})))
    clock = FakeClock(datetime(2026, 12, 2, 9, tzinfo=UTC))
    session = MockSession(store, CATALOG, config, clock=clock, graders={"text": FakeGrader()})  # type: ignore[dict-item]
    banks = {q.bank for q in session.questions}
    assert len(session.questions) == 12
    assert banks <= DE_BANKS and len(banks) >= 6  # spread over the DE topics


def test_the_mock_command_takes_the_de_tag(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["mock", "--plain", "--tag", DE_TAG, "--questions", "2", "--seed", "5"],
        input="",
        env={"QUIZAPP_HOME": str(tmp_path)},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    prompts = {q.prompt.strip() for q in CATALOG.questions}
    de_prompts = {q.prompt.strip() for q in DE_QUESTIONS}
    shown = [line.strip() for line in result.output.splitlines() if line.strip() in prompts]
    assert shown and set(shown) <= de_prompts
