"""The sibling check's per-catalog index: never stale, and the same as ranking afresh."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quizapp.core import grading
from quizapp.core.bank import load_catalog
from quizapp.core.grading import CORRECT_AT, grade
from quizapp.core.grading_cache import catalog_index
from quizapp.core.matching import AnswerIndex, Lexicon, prepare_phrase
from quizapp.core.models import KeyPoint, Question
from quizapp.core.normalise import tokenize
from quizapp.paths import bank_dirs

TASK_GROUPS = Question(
    id="task-groups",
    bank="test",
    prompt="What are Task Groups?",
    answer="Task Groups group tasks visually in the UI without changing how they run.",
    key_points=(
        KeyPoint("group tasks visually in the UI"),
        KeyPoint("no effect on execution or scheduling"),
        KeyPoint("a group's tasks keep their own dependencies and retries"),
        KeyPoint("the task_id gets the group_id as a prefix"),
    ),
)
SUBDAGS = Question(
    id="subdags",
    bank="test",
    prompt="What is a SubDAG?",
    answer="A DAG embedded in a parent DAG, scheduled separately; it caused deadlocks.",
    key_points=(
        KeyPoint("a DAG embedded inside a parent DAG"),
        KeyPoint("scheduled separately with its own scheduling"),
        KeyPoint("caused deadlocks"),
    ),
)
SIBLING_ANSWER = (
    "Task Groups group tasks visually in the UI. They are DAGs embedded inside a parent DAG, "
    "scheduled separately with their own scheduling, and they caused deadlocks."
)
OTHER_CONCEPT = "another concept"


def test_an_edited_sibling_is_graded_with_its_new_key_points() -> None:
    assert OTHER_CONCEPT in (
        grade(TASK_GROUPS, SIBLING_ANSWER, [TASK_GROUPS, SUBDAGS]).reason or ""
    )
    edited = replace(SUBDAGS, key_points=(KeyPoint("pools cap concurrent task slots"),))
    result = grade(TASK_GROUPS, SIBLING_ANSWER, [TASK_GROUPS, edited])
    assert OTHER_CONCEPT not in (result.reason or "")
    assert OTHER_CONCEPT in (
        grade(TASK_GROUPS, SIBLING_ANSWER, [TASK_GROUPS, SUBDAGS]).reason or ""
    )


def test_a_catalog_list_changed_in_place_is_indexed_again() -> None:
    catalog = [TASK_GROUPS]
    assert OTHER_CONCEPT not in (grade(TASK_GROUPS, SIBLING_ANSWER, catalog).reason or "")
    catalog.append(SUBDAGS)
    assert OTHER_CONCEPT in (grade(TASK_GROUPS, SIBLING_ANSWER, catalog).reason or "")
    catalog[1] = replace(SUBDAGS, prompt="What is a Task Group?")  # covered: no sibling
    assert OTHER_CONCEPT not in (grade(TASK_GROUPS, SIBLING_ANSWER, catalog).reason or "")


@pytest.fixture(scope="module")
def texts() -> list[Question]:
    return [q for q in load_catalog(bank_dirs([])).questions if q.kind == "text"]


def _answers(texts: list[Question]) -> list[tuple[Question, str]]:
    return [(q, texts[(n * 7 + 3) % len(texts)].answer) for n, q in enumerate(texts[::9])] + [
        (q, q.answer) for q in texts[::11]
    ]


def test_ranking_by_the_index_is_ranking_every_question_afresh(texts: list[Question]) -> None:
    for question, answer in _answers(texts):
        words = set(AnswerIndex(answer).positions)
        asked = grading._prompt_stems(question.prompt)
        expected = sorted(
            (
                q
                for q in texts
                if q.id != question.id
                and q.key_points
                and not grading._prompt_stems(q.prompt) <= asked
            ),
            key=lambda q: -len(words & grading._vocabulary(q)),
        )[:3]
        index = catalog_index(texts, grading._vocabulary, grading._prompt_stems)
        assert index.ranked(question, words, asked, 3) == expected


def test_a_sibling_is_given_up_only_when_it_could_not_be_correct(texts: list[Question]) -> None:
    given_up = kept = 0
    for question, answer in _answers(texts):
        index = AnswerIndex(answer)
        full = grading.match_points(question, index, roles=False)
        early = grading._points_if_correct(question, AnswerIndex(answer))
        if early is None:
            given_up += 1
            assert grading._score(full) < CORRECT_AT["normal"]
        else:
            kept += 1
            assert early == full
    assert given_up and kept


def test_an_answer_index_learning_a_new_lexicon_finds_its_close_spellings() -> None:
    """find() and the matcher's events are cached per answer: a lexicon learnt later (the
    misconceptions', a sibling's) must not leave them stale."""
    index = AnswerIndex("The shceduler parses every file.")
    scheduler = tokenize("scheduler")[0].stem
    phrase = prepare_phrase("the scheduler parses files", frozenset())
    index.learn(Lexicon(frozenset({"task"})))
    assert index.find(scheduler) == []
    before = index.match(phrase, 0.6)
    index.learn(Lexicon(frozenset({scheduler})))
    assert index.find(scheduler) == [1]
    after = index.match(phrase, 0.6)
    assert after.coverage > before.coverage
