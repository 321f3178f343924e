"""A claim about one code item of the prompt said, in the answer, of another item is not
made; nor is a claim whose words a full match gathers across two clauses when its flipped
qualifier is said in a far shorter stretch."""

from __future__ import annotations

from quizapp.core.bank import load_catalog, parse_bank
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.paths import bank_dirs

BANK = """\
bank: demo
title: Demo
questions:
  - id: variants
    prompt: When would you use `@task.virtualenv`, `@task.external_python` or `@task.docker`?
    answer: |
      @task.virtualenv builds a new virtualenv with its own requirements; @task.external_python
      uses a pre-built interpreter already on the worker; @task.docker runs in a container.
    key_points:
      - virtualenv with its own requirements
      - pre-built Python interpreter
      - runs in a container image
    misconceptions:
      - text: "@task.virtualenv runs in the worker's existing environment"
        correction: "@task.virtualenv builds a new virtualenv; @task.external_python uses an existing one."
        core: true
  - id: mapping
    prompt: What do `partial()` and `expand()` do in dynamic task mapping?
    answer: partial() fixes the arguments that stay constant; expand() maps over the ones that vary.
    key_points:
      - partial() fixes the constant arguments
      - expand() maps over the arguments that vary, one instance per element
    misconceptions:
      - text: "partial() sets the arguments that vary per mapped instance"
        correction: "partial() fixes the constant arguments; expand() gives the ones that vary."
        core: true
"""


def questions() -> dict[str, Question]:
    bank, issues = parse_bank(BANK, "demo.yaml", frozenset())
    assert issues == [] and bank is not None
    return {q.id: q for q in bank.questions}


def claims(qid: str, answer: str) -> list[str]:
    return [m.misconception.text for m in grade(questions()[qid], answer).misconceptions]


def test_a_claim_said_of_another_item_is_not_made() -> None:
    answer = (
        "@task.virtualenv builds a new virtualenv for the task at run time, "
        "@task.external_python uses an existing Python environment already on the worker."
    )
    assert claims("variants", answer) == []


def test_the_claim_said_of_its_own_item_is_made() -> None:
    answer = "@task.virtualenv runs the function in the worker's existing environment."
    assert claims("variants", answer) == ["@task.virtualenv runs in the worker's existing environment"]
    assert grade(questions()["variants"], answer).verdict == "incorrect"


def test_words_gathered_across_clauses_lose_to_the_flip_said_tightly() -> None:
    answer = (
        "partial() sets the constant arguments shared by every mapped instance, "
        "and expand() takes the arguments that vary, one task instance per element."
    )
    assert claims("mapping", answer) == []
    assert grade(questions()["mapping"], answer).verdict == "correct"


def test_the_claim_said_in_one_clause_is_made() -> None:
    answer = "partial() sets the arguments that vary per mapped instance."
    assert claims("mapping", answer) == ["partial() sets the arguments that vary per mapped instance"]


def test_the_bundled_banks_take_these_right_answers() -> None:
    catalog = load_catalog(bank_dirs([]))
    right = {
        "pattern-taskflow-variants": (
            "@task.virtualenv builds a new virtualenv for the task at run time, "
            "@task.external_python uses an existing Python environment already on the worker, "
            "and @task.docker runs the function in a container."
        ),
        "pattern-partial-expand": (
            "partial() sets the constant arguments shared by every mapped instance, and "
            "expand() takes the arguments that vary, one task instance per element."
        ),
        "af3-backfill": (
            "In Airflow 3 the scheduler manages backfills: you run airflow backfill create (or "
            "use the UI or the REST API) and the scheduler creates DAG runs for the past dates "
            "in the range. In Airflow 2, airflow dags backfill was a CLI process that ran the "
            "backfill itself in a loop. Only for time-based schedules."
        ),
    }
    for qid, answer in right.items():
        question = catalog.get(qid)
        assert question is not None
        result = grade(question, answer)
        assert result.misconceptions == (), qid
        assert not any(p.negated for p in result.points), qid
