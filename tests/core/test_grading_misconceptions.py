"""Misconceptions: an answer that makes a listed wrong claim is capped, and says what is true."""

from __future__ import annotations

from quizapp.core.bank import parse_bank
from quizapp.core.grading import grade
from quizapp.core.models import Question

BANK = """\
bank: demo
title: Demo
questions:
  - id: default-executor
    prompt: Which executor does Airflow 3 use by default, and how does it run tasks?
    answer: LocalExecutor is the default; it runs each task in its own process on the
      scheduler's machine, several at once.
    key_points:
      - LocalExecutor is the default
      - each task in its own process
      - several tasks at once on one machine
    misconceptions:
      - text: SequentialExecutor is the default
        aliases: [the sequential executor]
        correction: SequentialExecutor was removed in Airflow 3; LocalExecutor is the default.
        core: true
  - id: sensors
    prompt: What are sensors in Airflow?
    answer: Sensors are operators that wait for a condition; they check every poke_interval
      until a timeout, and reschedule mode frees the worker slot between checks.
    key_points:
      - operators that wait for a condition
      - check every poke_interval until a timeout
      - reschedule mode frees the worker slot between checks
      - poke mode holds the worker slot
    misconceptions:
      - text: a timed-out sensor is marked skipped
        aliases: [the sensor is skipped when it times out]
        correction: A timed-out sensor fails, unless soft_fail=True makes it skipped.
"""


def questions() -> dict[str, Question]:
    bank, issues = parse_bank(BANK, "demo.yaml", frozenset())
    assert issues == [] and bank is not None
    return {q.id: q for q in bank.questions}


def test_a_core_misconception_makes_the_answer_incorrect() -> None:
    q = questions()["default-executor"]
    result = grade(q, "The default is the SequentialExecutor; it runs one task at a time.")
    assert result.verdict == "incorrect"
    assert [m.misconception.text for m in result.misconceptions] == [
        "SequentialExecutor is the default"
    ]
    assert "LocalExecutor is the default" in (result.reason or "")


def test_a_right_answer_makes_no_misconception() -> None:
    q = questions()["default-executor"]
    result = grade(
        q, "LocalExecutor is the default: each task runs in its own process, several at once."
    )
    assert result.verdict == "correct" and result.misconceptions == ()


def test_refuting_the_misconception_is_not_making_it() -> None:
    q = questions()["default-executor"]
    result = grade(
        q,
        "It is no longer SequentialExecutor. LocalExecutor is the default and runs each task "
        "in its own process, several at once.",
    )
    assert result.misconceptions == () and result.verdict == "correct"


def test_a_side_misconception_caps_a_good_answer_at_partial() -> None:
    q = questions()["sensors"]
    answer = (
        "Sensors are operators that wait for a condition, checking every poke_interval until a "
        "timeout. Poke mode holds the worker slot, reschedule mode frees it between checks. "
        "When it times out the sensor is skipped."
    )
    result = grade(q, answer)
    assert result.verdict == "partial"
    (hit,) = result.misconceptions
    assert hit.misconception.correction.startswith("A timed-out sensor fails")
    assert hit.span is not None and answer[hit.span[0] : hit.span[1]] == hit.matched_text
    assert "skipped" in hit.matched_text


def test_a_side_misconception_with_little_else_right_is_incorrect() -> None:
    q = questions()["sensors"]
    result = grade(q, "Sensors wait for something; a timed-out sensor is marked skipped.")
    assert result.verdict == "incorrect" and len(result.misconceptions) == 1


def test_typos_in_the_claim_still_count() -> None:
    q = questions()["default-executor"]
    result = grade(q, "The defualt is the SequentalExecutor.")
    assert result.verdict == "incorrect" and result.misconceptions


def test_grade_json_lists_misconceptions_with_their_correction() -> None:
    q = questions()["default-executor"]
    data = grade(q, "SequentialExecutor is the default.").to_json()
    assert data["misconceptions"] == [
        {
            "text": "SequentialExecutor is the default",
            "correction": (
                "SequentialExecutor was removed in Airflow 3; LocalExecutor is the default."
            ),
            "core": True,
            "span": [0, 33],
            "matched_text": "SequentialExecutor is the default",
        }
    ]
    assert grade(q, "LocalExecutor.").to_json()["misconceptions"] == []


MODES = """\
bank: demo
title: Demo
questions:
  - id: sensor-modes
    prompt: Compare poke and reschedule mode.
    answer: Poke holds the worker slot for the whole wait; reschedule frees it between pokes.
    key_points:
      - poke holds the worker slot for the whole wait
      - reschedule frees the slot between pokes
    misconceptions:
      - text: poke mode frees the worker slot
        aliases: [reschedule mode holds the slot]
        correction: Poke holds the slot; reschedule frees it between pokes.
        core: true
"""


def test_a_claim_said_of_the_other_item_or_flipped_is_not_made() -> None:
    bank, _ = parse_bank(MODES, "demo.yaml", frozenset())
    assert bank is not None
    (q,) = bank.questions
    right = grade(
        q, "Poke keeps the worker slot the whole time; reschedule releases it between pokes."
    )
    assert right.misconceptions == () and right.verdict == "correct"
    wrong = grade(q, "In poke mode the sensor frees its worker slot between checks.")
    assert wrong.misconceptions and wrong.verdict == "incorrect"


NUMBERED = """\
bank: scd
title: SCD
questions:
  - id: scd-types
    prompt: Explain slowly changing dimension types 1 and 2.
    answer: Type 1 overwrites the attribute in place and keeps no history. Type 2 adds a new
      row with validity dates for each change, so every version is kept.
    key_points:
      - type 1 overwrites in place
      - type 2 adds a new row for each change
      - validity dates
    misconceptions:
      - text: type 1 adds a new row for each change
        correction: Type 1 overwrites in place; type 2 adds a row per version.
        core: true
"""


def test_a_claim_with_a_number_is_not_made_by_the_sentence_of_another_number() -> None:
    bank, issues = parse_bank(NUMBERED, "scd.yaml", frozenset())
    assert issues == [] and bank is not None
    [question] = bank.questions
    right = "Type 1 just overwrites the old value. Type 2 adds a new row for each change, with validity dates."
    assert grade(question, right).misconceptions == ()
    assert grade(question, right).verdict == "correct"
    wrong = "Type 1 adds a new row for each change, with validity dates."
    graded = grade(question, wrong)
    assert [hit.misconception.text for hit in graded.misconceptions] == [
        "type 1 adds a new row for each change"
    ]
    assert graded.verdict == "incorrect"
    # A sentence that names no number at all still makes the claim.
    unnumbered = "It adds a new row for each change and that is how type 1 works."
    assert grade(question, unnumbered).misconceptions != ()


def test_airflow_s_version_is_not_a_number_of_the_claim() -> None:
    from quizapp.core.misconceptions import _numbers

    assert _numbers("DAG still comes from airflow.models in Airflow 3") == frozenset()
    assert _numbers("retries default to 3 in Airflow 2") == {"3"}


def test_a_claim_said_as_history_is_not_made() -> None:
    q = questions()["default-executor"]
    right = (
        "LocalExecutor is the default: each task runs in its own process, several at once. "
        "The SequentialExecutor, the old SQLite default, was removed in 3.0."
    )
    graded = grade(q, right)
    assert graded.misconceptions == () and graded.verdict == "correct"
    # The same words, said as what is so today, still make the claim.
    wrong = "The SequentialExecutor is the default, and it runs one task at a time."
    assert grade(q, wrong).verdict == "incorrect"


ARCHITECTURES = """\
bank: streams
title: Streams
questions:
  - id: lambda-vs-kappa
    prompt: What is the difference between the Lambda and Kappa architectures?
    answer: Lambda runs a batch layer and a speed layer side by side, the same logic twice.
      Kappa has only the streaming path and reprocesses by replaying the log.
    key_points:
      - Lambda runs a batch layer and a speed layer
      - the same logic in two code paths
      - Kappa has only the streaming path
      - replay the log to reprocess
    misconceptions:
      - text: Kappa keeps a separate batch layer next to the stream
        correction: Kappa has one streaming path; Lambda is the one with a batch layer.
        core: true
"""


def test_a_claim_whose_words_are_said_of_the_other_item_is_not_made() -> None:
    bank, issues = parse_bank(ARCHITECTURES, "streams.yaml", frozenset())
    assert issues == [] and bank is not None
    [q] = bank.questions
    right = (
        "Lambda keeps two layers: a separate batch layer next to the stream layer, so the "
        "logic is written in two code paths. Kappa drops the batch layer and replays the log."
    )
    graded = grade(q, right)
    assert graded.misconceptions == () and graded.verdict != "incorrect"
    wrong = "Kappa keeps a separate batch layer next to the stream, like Lambda."
    graded = grade(q, wrong)
    assert [h.misconception.text for h in graded.misconceptions] == [
        "Kappa keeps a separate batch layer next to the stream"
    ]
    assert graded.verdict == "incorrect"
