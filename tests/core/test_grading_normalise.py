"""Normalisation: offsets into the original text, abbreviations, contractions, stemming."""

from __future__ import annotations

import pytest

from quizapp.core.normalise import stem, tokenize


def stems(text: str) -> list[str]:
    return [t.stem for t in tokenize(text)]


def test_offsets_point_into_the_original_text() -> None:
    text = "Les tâches RÉESSAIENT: retry_delay, XComs!"
    for tok in tokenize(text):
        assert text[tok.start : tok.end].strip()
    assert [text[t.start : t.end] for t in tokenize(text)][-1] == "XComs"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("retrying", "retries"),
        ("retried", "retry"),
        ("dependencies", "depends"),
        ("stored", "store"),
        ("mapped", "mapping"),
        ("organised", "organized"),
        ("analysed", "analyzed"),
    ],
)
def test_light_stemming_makes_word_forms_meet(left: str, right: str) -> None:
    assert stem(left) == stem(right)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DB", ["databas"]),
        ("database", ["databas"]),
        ("K8s", ["kubernet"]),
        ("XComs", ["xcom"]),
        ("xcom", ["xcom"]),
        ("up-stream", ["upstream"]),
        ("SubDAGs", ["sub", "dag"]),
        ("sub dag", ["sub", "dag"]),
        ("TaskGroup", ["task", "group"]),
    ],
)
def test_abbreviations_and_spellings_are_unified(text: str, expected: list[str]) -> None:
    assert stems(text) == expected


def test_contractions_expand_to_a_negation() -> None:
    tokens = tokenize("It doesn't retry and can't wait")
    assert [t.word for t in tokens if t.negation] == ["not", "not"]
    assert "can" in [t.word for t in tokens]


def test_identifiers_are_split_and_remember_they_belong_together() -> None:
    tokens = tokenize("BranchPythonOperator returns a task_id")
    idents = {t.word: t.ident for t in tokens}
    assert idents["branch"] == idents["python"] == idents["operator"] >= 0
    assert idents["task"] == idents["id"] >= 0
    assert idents["task"] != idents["branch"]
    assert idents["returns"] == -1


def test_sentences_and_clauses_are_numbered() -> None:
    tokens = tokenize("Local runs here, Celery there. Kubernetes uses pods while Local does not")
    by_word = {t.word: t for t in tokens}
    assert by_word["local"].clause != by_word["celery"].clause
    assert by_word["celery"].sentence != by_word["kubernetes"].sentence
    assert by_word["kubernetes"].sentence != by_word["does"].sentence  # 'while' turns


def test_synonyms_of_the_field_meet() -> None:
    assert stems("caps simultaneous runs") == stems("limits parallel runs")


def test_python_none_is_a_value_not_a_negation() -> None:
    assert not any(t.negation for t in tokenize("the default is schedule=None"))
    assert [t.word for t in tokenize("None of them ran") if t.negation] == ["none"]
    assert [t.word for t in tokenize("it has none") if t.negation] == ["none"]


def test_a_dotted_name_does_not_end_a_sentence() -> None:
    tokens = tokenize("call dag.test() locally. Then deploy")
    assert [t.sentence for t in tokens] == [0, 0, 0, 0, 1, 1]


def test_every_form_of_a_synonym_meets_its_group() -> None:
    assert stems("embedded") == stems("embed") == stems("inside") == stems("nested")
    assert stems("kept") == stems("stored") == stems("keeps")


def test_a_typo_of_any_synonym_meets_its_group() -> None:
    from quizapp.core.grading import grade
    from quizapp.core.models import KeyPoint, Question

    question = Question(
        "poke",
        "test",
        "What does poke mode do while a sensor waits?",
        "It holds the worker slot.",
        (KeyPoint("holds the worker slot"),),
    )
    for answer in ("It keeeps the worker slot.", "It persits the worker slot."):
        assert grade(question, answer).points[0].similarity == 100.0, answer


def test_a_plural_acronym_is_one_word() -> None:
    words = [(t.word, t.stem) for t in tokenize("NULLs, APIs and UDFs")]
    assert words == [("null", "null"), ("api", "api"), ("and", "and"), ("udf", "udf")]
    assert [t.word for t in tokenize("BashOperator")] == ["bash", "operator"]
