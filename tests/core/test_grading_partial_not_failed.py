"""Right-but-incomplete answers are ``partial``, not failed, by the rules that fail
wrong answers: the sibling check, a contradiction read into the words that make another
point, a claim about another number, and hand-waving with one loose hit.

The answers come from ``benchmarks/grading_fp8.jsonl`` (judged partial or correct); each
was graded ``incorrect`` before these rules changed."""

from __future__ import annotations

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import _said_for_another_point, grade
from quizapp.core.misconceptions import _numbers, _numbers_said
from quizapp.core.models import KeyPoint, PointResult, Question
from quizapp.paths import bundled_banks_dir


@pytest.fixture(scope="module")
def catalog() -> tuple[dict[str, Question], list[Question]]:
    cat = load_catalog([bundled_banks_dir()])
    texts = [q for q in cat.questions if q.kind == "text"]
    return {q.id: q for q in texts}, texts


SIBLING_FITS_BETTER = [
    (
        "large-files",
        "Don't push large files through XCom, since it's in the metadata database. Write "
        "them to S3 and just pass the S3 path to the next task.",
    ),
    (
        "design-late-data",
        "The main thing is to aggregate by event time, the day the event actually happened, "
        "not by when it arrived or got loaded. Otherwise a late event just inflates whatever "
        "day it showed up on.",
    ),
]


@pytest.mark.parametrize(("qid", "answer"), SIBLING_FITS_BETTER)
def test_an_answer_making_its_own_core_point_is_not_another_concepts(
    catalog: tuple[dict[str, Question], list[Question]], qid: str, answer: str
) -> None:
    by_id, texts = catalog
    result = grade(by_id[qid], answer, texts)
    assert "another concept" not in result.reason
    assert result.verdict == "partial"


def test_a_sibling_answer_missing_the_core_is_still_another_concept(
    catalog: tuple[dict[str, Question], list[Question]],
) -> None:
    by_id, texts = catalog
    answer = (
        "SubDAGs were a DAG embedded in another DAG through the SubDagOperator; they were "
        "removed in Airflow 3.0 because they caused deadlocks and ignored pools."
    )
    result = grade(by_id["task-groups-vs-subdags"], answer, texts)
    assert result.verdict != "correct"


def test_words_that_make_one_point_do_not_contradict_another(
    catalog: tuple[dict[str, Question], list[Question]],
) -> None:
    by_id, texts = catalog
    answer = (
        "Poke: holds a worker slot all six hours, sleeping between checks. Reschedule: frees "
        "the slot between checks, new process per check. Deferrable: wait handed to the "
        "triggerer, no worker slot; best here."
    )
    result = grade(by_id["sched-sensor-modes"], answer, texts)
    assert not any(p.negated for p in result.points)
    assert result.verdict == "correct"


def _result(text: str, hit: bool, span: tuple[int, int], negated: bool = False) -> PointResult:
    return PointResult(KeyPoint(text), hit, 90.0, span, "", negated)


def test_a_contradiction_over_the_same_words_as_a_hit_is_dropped() -> None:
    points = (_result("a", True, (0, 40)), _result("b", False, (5, 40), negated=True))
    kept = _said_for_another_point(points)
    assert kept[0].hit and not kept[1].negated and not kept[1].hit


def test_a_contradiction_elsewhere_stands() -> None:
    points = (_result("a", True, (0, 40)), _result("b", False, (50, 90), negated=True))
    assert _said_for_another_point(points)[1].negated
    # one short hit inside a long contradicting sentence is not the same words either
    points = (_result("a", True, (0, 10)), _result("b", False, (0, 90), negated=True))
    assert _said_for_another_point(points)[1].negated


def test_numbers_in_words_count() -> None:
    assert _numbers("It keeps them seven days by default") == frozenset({"7"})
    assert _numbers("the new one replaces it") == frozenset()  # "one" is a pronoun too
    sentence = "It keeps segments until retention.ms runs out, seven days by default."
    assert not _numbers_said("retention defaults to 24 hours", sentence, (0, 10))
    assert _numbers_said("retention defaults to 24 hours", "it defaults to 24 hours", (0, 5))


def test_a_default_said_in_words_is_not_the_claim_of_another_default(
    catalog: tuple[dict[str, Question], list[Question]],
) -> None:
    by_id, texts = catalog
    answer = (
        "Kafka doesn't delete a message when it's consumed. It keeps segments until "
        "retention.ms runs out, seven days by default, or retention.bytes is hit."
    )
    result = grade(by_id["kafka-retention-compaction"], answer, texts)
    assert result.misconceptions == ()
    assert result.verdict == "partial"


VAGUE = [
    (
        "xcom-what",
        "It's one of the features Airflow gives you so that tasks can communicate, so the "
        "pipeline hangs together as a whole.",
    ),
    (
        "af3-rest-api-v2",
        "The API changed a fair bit in Airflow 3, so the script needs to be updated to the new "
        "version, and then you pass your parameters in the request like before.",
    ),
    (
        "af3-deadline-alert-parts",
        "A deadline alert basically needs to know when to start counting, how long to give the "
        "run, and what to do if it's late. If the run takes too long, Airflow reacts.",
    ),
]


@pytest.mark.parametrize(("qid", "answer"), VAGUE)
def test_hand_waving_on_the_topic_is_partial(
    catalog: tuple[dict[str, Question], list[Question]], qid: str, answer: str
) -> None:
    by_id, texts = catalog
    assert grade(by_id[qid], answer, texts).verdict == "partial"


def test_specific_wrong_talk_is_not_made_vague_by_a_hedge(
    catalog: tuple[dict[str, Question], list[Question]],
) -> None:
    by_id, texts = catalog
    answer = "XComs are basically a message queue like RabbitMQ that the workers poll for new jobs."
    assert grade(by_id["xcom-what"], answer, texts).verdict == "incorrect"


def test_a_prompt_choosing_one_item_over_another_compares_them() -> None:
    from quizapp.core.contradictions import compared_flips, compared_subjects

    assert compared_subjects("Why use Airflow instead of cron jobs for data pipelines?") == {
        "airflow",
        "cron",
    }
    assert compared_flips("Star schema or snowflake schema? Compare them.") == (
        ("star", "snowflake"),
    )


def test_what_one_item_does_is_not_claimed_of_the_other(
    catalog: tuple[dict[str, Question], list[Question]],
) -> None:
    by_id, texts = catalog
    answer = (
        "Airflow retries a failed job for you, and you get a UI with the history and logs of "
        "every run, where cron just gives you a crontab line and whatever you write to a log "
        "file."
    )
    result = grade(by_id["airflow-vs-cron"], answer, texts)
    assert result.misconceptions == ()
    assert result.verdict != "incorrect"
    wrong = "Cron retries a failed job for you and keeps the history of every run."
    assert grade(by_id["airflow-vs-cron"], wrong, texts).verdict == "incorrect"
