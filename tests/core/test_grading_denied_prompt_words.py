"""A negation that governs words the prompt gave still counts where the words carry the
claim: a wrong claim whose verb the answer denies is not made, and a key point that is
itself a denial is made by an answer that denies the same words."""

from __future__ import annotations

from quizapp.core.bank import parse_bank
from quizapp.core.grading import grade
from quizapp.core.models import Question

BANK = """\
bank: demo
title: Demo
questions:
  - id: latest-row
    prompt: A table receives every version of each customer record. How do you keep only
      the latest row per customer?
    answer: Number the rows per customer with ROW_NUMBER ordered newest first and keep row 1.
      SELECT DISTINCT does not keep the latest row; it drops only identical rows.
    key_points:
      - text: ROW_NUMBER per customer ordered newest first, keep row 1
        aliases: [row_number over partition by customer_id order by updated_at desc]
      - text: add a deterministic tie-breaker
      - text: DISTINCT only removes rows identical in every column
        aliases: [select distinct does not keep the latest row]
    misconceptions:
      - text: SELECT DISTINCT keeps the latest row per customer
        correction: DISTINCT removes only rows identical in every column.
"""

RIGHT = (
    "ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) and keep row 1. "
    "SELECT DISTINCT does not keep the latest row."
)
WRONG = (
    "ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) and keep row 1. "
    "SELECT DISTINCT keeps the latest row too."
)


def questions(text: str) -> dict[str, Question]:
    """The questions of a demo bank, by id (the bank must load cleanly)."""
    bank, issues = parse_bank(text, "demo.yaml", frozenset())
    assert issues == [] and bank is not None
    return {q.id: q for q in bank.questions}


def question() -> Question:
    return questions(BANK)["latest-row"]


def test_a_claim_whose_verb_is_denied_is_not_made() -> None:
    result = grade(question(), RIGHT)
    assert result.misconceptions == ()


def test_the_claim_said_plainly_is_made() -> None:
    result = grade(question(), WRONG)
    assert [m.misconception.text for m in result.misconceptions] == [
        "SELECT DISTINCT keeps the latest row per customer"
    ]
    assert result.verdict != "correct"


def test_a_denial_in_the_prompts_words_makes_the_denying_point() -> None:
    result = grade(question(), RIGHT)
    point = next(p for p in result.points if p.point.text.startswith("DISTINCT only"))
    assert point.hit and not point.negated
    assert result.verdict == "correct"


def test_the_opposite_of_the_denial_contradicts_the_point() -> None:
    result = grade(question(), "SELECT DISTINCT keeps the latest row.")
    point = next(p for p in result.points if p.point.text.startswith("DISTINCT only"))
    assert not point.hit


DENIALS = """\
bank: demo
title: Demo
questions:
  - id: astro-what
    prompt: What is Astronomer?
    answer: Astronomer is the company behind Astro, a managed Airflow service; your tasks
      move the data.
    key_points:
      - Astronomer is the company behind Astro
      - Astro is a managed Airflow service
      - your Airflow tasks move the data
    misconceptions:
      - text: Astro is a data integration platform
        aliases: [Astro loads sources into Snowflake]
        correction: Astro runs Airflow; the tasks you write move the data.
  - id: expand-two
    prompt: What does expand() do with two list arguments?
    answer: It makes the cross product, one task instance per combination.
    key_points:
      - the cross product of the lists
      - one task instance per combination
      - expand_kwargs for pairs
    misconceptions:
      - text: expand over two lists zips them
        correction: Several expand() arguments give the cross product.
"""


def test_a_negation_early_in_the_clause_denies_the_whole_claim() -> None:
    q = questions(DENIALS)["astro-what"]
    denied = "Astronomer is the company behind Astro. It is not the kind of hosted tool that loads sources into Snowflake by itself."
    said = "Astronomer is the company behind Astro. It is the kind of hosted tool that loads sources into Snowflake by itself."
    assert grade(q, denied).misconceptions == ()
    assert [m.misconception.text for m in grade(q, said).misconceptions] == [
        "Astro is a data integration platform"
    ]


def test_rather_than_and_instead_of_deny_what_follows() -> None:
    q = questions(DENIALS)["expand-two"]
    for answer in (
        "With two lists expand multiplies them rather than zips them: one instance per combination.",
        "With two lists expand builds every combination instead of zipping them.",
    ):
        assert grade(q, answer).misconceptions == (), answer
    made = grade(q, "With two lists expand just zips them pairwise.")
    assert [m.misconception.text for m in made.misconceptions] == [
        "expand over two lists zips them"
    ]


NUMBERS = """\
bank: demo
title: Demo
questions:
  - id: hitl
    prompt: What are human-in-the-loop operators?
    answer: Operators that pause a run until a person answers in the UI; added in Airflow 3.1.
    key_points:
      - pause a run until a person answers
      - answered in the UI
      - added in Airflow 3.1
    misconceptions:
      - text: HITL operators were added in Airflow 3.0
        correction: They came in Airflow 3.1.
      - text: max_active_runs defaults to 1
        correction: It defaults to 16.
"""


def test_a_claims_number_is_read_from_its_whole_sentence() -> None:
    q = questions(NUMBERS)["hitl"]
    assert grade(q, "HITL operators were added in Airflow 3.1 to pause runs.").misconceptions == ()
    made = grade(q, "HITL operators were added in Airflow 3.0 to pause runs.").misconceptions
    assert [m.misconception.text for m in made] == ["HITL operators were added in Airflow 3.0"]
    assert grade(q, "They pause a run; max_active_runs defaults to 16.").misconceptions == ()


MORE = """\
bank: demo
title: Demo
questions:
  - id: branching
    prompt: How do you branch in Airflow?
    answer: A branch task returns the task_id to follow; the other paths are skipped.
    key_points:
      - a branch task returns the task_id to follow
      - the other paths are skipped
      - the join needs none_failed_min_one_success
    misconceptions:
      - text: ShortCircuitOperator returns the task_id to follow
        aliases: [use a ShortCircuitOperator to pick the branch]
        correction: A branch task returns task_ids; ShortCircuitOperator only continues or skips.
  - id: runtime
    prompt: What is Astro Runtime?
    answer: Astronomer's Docker image of Airflow with curated providers.
    key_points:
      - a Docker image of Airflow
      - curated providers
      - pinned versions
    misconceptions:
      - text: Astro Runtime is a pip package
        correction: It is a Docker image.
  - id: context
    prompt: How does a TaskFlow task read its context?
    answer: Declare keyword arguments or call get_current_context() inside the task.
    key_points:
      - declare keyword arguments
      - get_current_context() inside the task
      - the context exists only while the task runs
    misconceptions:
      - text: call get_current_context() at the top of the DAG file
        correction: The context exists only while a task runs.
"""


def test_naming_an_identifier_is_not_the_claim_about_it() -> None:
    q = questions(MORE)["branching"]
    named = (
        "@task.branch returns the task_id to follow. Branching is not short-circuiting: "
        "ShortCircuitOperator skips everything below when false."
    )
    assert grade(q, named).misconceptions == ()
    claimed = "ShortCircuitOperator returns the task_id to follow."
    assert [m.misconception.text for m in grade(q, claimed).misconceptions] == [
        "ShortCircuitOperator returns the task_id to follow"
    ]


def test_unlike_opens_a_denied_clause() -> None:
    q = questions(MORE)["runtime"]
    assert (
        grade(
            q, "A Docker image with curated providers; unlike a pip package, it pins versions."
        ).misconceptions
        == ()
    )
    assert grade(q, "Astro Runtime is a pip package with curated providers.").misconceptions


def test_a_way_said_not_to_work_is_not_the_claim() -> None:
    q = questions(MORE)["context"]
    said = "Declare keyword arguments. Calling get_current_context() at the top of the DAG file doesn't work."
    assert grade(q, said).misconceptions == ()
    assert grade(q, "Call get_current_context() at the top of the DAG file.").misconceptions
