"""The grader: key points matched in spans, verdicts, and the traps it is not fooled by."""

from __future__ import annotations

import pytest

from quizapp.core.grading import CORRECT_AT, grade
from quizapp.core.models import KeyPoint, Question

RETRIES = Question(
    id="retries",
    bank="test",
    prompt="Explain task retries and how to configure them.",
    answer=(
        "retries sets how many extra attempts a failed task gets and retry_delay the wait "
        "between attempts; set them per task or for all tasks in default_args."
    ),
    key_points=(
        KeyPoint("retries sets how many extra attempts a failed task gets"),
        KeyPoint("retry_delay is the wait between attempts"),
        KeyPoint("set per task or for all tasks in default_args"),
    ),
)
XCOM = Question(
    id="xcom",
    bank="test",
    prompt="What are XComs in Airflow?",
    answer="XComs let tasks exchange small amounts of data by pushing and pulling them.",
    key_points=(
        KeyPoint("tasks share data with each other", aliases=("cross-communication",)),
        KeyPoint("only small amounts of data"),
        KeyPoint("pushed and pulled"),
    ),
)
DAG = Question(
    id="dag",
    bank="test",
    prompt="What is a DAG?",
    answer="A directed acyclic graph of tasks with dependencies as edges and no cycles.",
    key_points=(
        KeyPoint("directed acyclic graph"),
        KeyPoint("represents a workflow of tasks"),
        KeyPoint("no cycles", aliases=("acyclic",)),
    ),
)
TASK_GROUPS = Question(
    id="task-groups",
    bank="test",
    prompt="What are Task Groups?",
    answer="Task Groups group tasks visually in the UI without changing how they run.",
    key_points=(
        KeyPoint("group tasks visually in the UI"),
        KeyPoint("no effect on execution or scheduling"),
    ),
)
SUBDAGS = Question(
    id="subdags",
    bank="test",
    prompt="What is a SubDAG?",
    answer=(
        "A DAG embedded in a parent DAG, run by SubDagOperator and scheduled separately; "
        "it caused deadlocks."
    ),
    key_points=(
        KeyPoint("a DAG embedded inside a parent DAG"),
        KeyPoint("scheduled separately with its own scheduling"),
        KeyPoint("caused deadlocks"),
    ),
)


@pytest.mark.parametrize("question", [RETRIES, XCOM, DAG, TASK_GROUPS, SUBDAGS])
def test_the_model_answer_is_correct(question: Question) -> None:
    result = grade(question, question.answer)
    assert result.verdict == "correct"
    assert result.score >= CORRECT_AT["normal"]


def test_other_words_and_typos_still_hit() -> None:
    answer = (
        "Airflow re-runs tasks automaticaly. `retries` gives how many additional atempts a "
        "failed task gets, retry_delay how long to wait in between; set them in default_args "
        "for all tasks."
    )
    result = grade(RETRIES, answer)
    assert result.verdict == "correct"
    assert result.missed == []


def test_spans_point_into_the_original_answer() -> None:
    answer = "It's a DIRECTED ACYCLIC GRAPH of work."
    result = grade(DAG, answer)
    hit = result.points[0]
    assert hit.hit
    assert hit.span is not None
    assert answer[hit.span[0] : hit.span[1]] == "DIRECTED ACYCLIC GRAPH" == hit.matched_text


def test_a_span_covers_the_words_in_the_order_the_point_says_them() -> None:
    """A word said twice ("API") can make two windows with the same words; the
    highlight is the one that reads like the point, not a shuffled neighbour."""
    question = Question(
        id="api",
        bank="test",
        prompt="What replaced the webserver?",
        answer="The API server, built on FastAPI.",
        key_points=(KeyPoint("built on FastAPI"), KeyPoint("the API server")),
    )
    answer = "It serves the UI and the REST API, built on FastAPI."
    point = grade(question, answer).points[0]
    assert point.hit
    assert point.span is not None
    assert answer[point.span[0] : point.span[1]] == "built on FastAPI" == point.matched_text


def test_a_partial_answer_is_partial_and_lists_what_it_missed() -> None:
    result = grade(RETRIES, "You set retries: how many extra attempts a failed task gets.")
    assert result.verdict == "partial"
    assert result.matched == [RETRIES.key_points[0].text]
    assert set(result.missed) == {p.text for p in RETRIES.key_points[1:]}


def test_a_wrong_answer_is_incorrect() -> None:
    result = grade(XCOM, "A kind of database index that speeds up queries.")
    assert result.verdict == "incorrect"
    assert result.matched == []


def test_weights_count_in_the_score() -> None:
    heavy = Question(
        id="w",
        bank="t",
        prompt="What is a pool?",
        answer="",
        key_points=(KeyPoint("limits concurrency", weight=3), KeyPoint("named set of slots")),
    )
    assert grade(heavy, "it limits concurrency").score == pytest.approx(0.75)


def test_strict_questions_need_more() -> None:
    answer = "retries sets how many extra attempts a failed task gets, in default_args"
    normal = grade(RETRIES, answer)
    strict = grade(Question(**{**_fields(RETRIES), "grading": "strict"}), answer)
    assert normal.verdict == "correct"
    assert strict.verdict == "partial"


def _fields(q: Question) -> dict[str, object]:
    return {name: getattr(q, name) for name in q.__slots__}  # type: ignore[attr-defined]


# --- traps ------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer", ["", "   \n ", "I don't know", "no idea, sorry", "pass", "?", "not sure tbh"]
)
def test_empty_and_dont_know_are_incorrect_with_a_reason(answer: str) -> None:
    result = grade(XCOM, answer)
    assert result.verdict == "incorrect"
    assert result.score == 0
    assert result.reason


def test_gibberish_is_incorrect() -> None:
    result = grade(XCOM, "sdfkj xcm pshh lol")
    assert result.verdict == "incorrect"
    assert "gibberish" in (result.reason or "")


def test_echoing_the_question_is_incorrect() -> None:
    result = grade(XCOM, "XComs are the XComs in Airflow.")
    assert result.verdict == "incorrect"
    assert "restates the question" in (result.reason or "")


def test_a_keyword_salad_is_incorrect() -> None:
    result = grade(XCOM, "xcom tasks share small data push pull")
    assert result.verdict == "incorrect"
    assert "keywords" in (result.reason or "")


def test_a_terse_punctuated_enumeration_is_not_a_salad() -> None:
    result = grade(XCOM, "Tasks share data, small amounts only, pushed and pulled.")
    assert result.verdict == "correct"


@pytest.mark.parametrize(
    "answer",
    [
        "XComs are not for sharing data between tasks and they are never pushed or pulled.",
        "Tasks can't share data with each other through XComs; nothing is pushed or pulled.",
    ],
)
def test_a_negated_hit_does_not_count(answer: str) -> None:
    result = grade(XCOM, answer)
    assert result.verdict == "incorrect"
    negated = [p for p in result.points if p.negated]
    assert negated and not any(p.hit for p in negated)
    assert "opposite" in (result.reason or "")


def test_a_negative_point_needs_the_negation() -> None:
    result = grade(DAG, "A directed graph that is allowed to contain cycles.")
    no_cycles = result.points[2]
    assert not no_cycles.hit and no_cycles.negated
    assert result.verdict == "incorrect"


def test_a_negation_in_another_clause_does_not_spoil_a_hit() -> None:
    result = grade(
        RETRIES, "It does not fail at once, retries sets how many extra attempts it gets"
    )
    assert result.points[0].hit


def test_a_siblings_answer_is_incorrect_when_the_catalog_is_given() -> None:
    answer = (
        "Task Groups are DAGs embedded inside a parent DAG, scheduled separately with their own "
        "scheduling, and they caused deadlocks."
    )
    assert grade(TASK_GROUPS, answer, others=[TASK_GROUPS, SUBDAGS]).verdict == "incorrect"
    result = grade(TASK_GROUPS, TASK_GROUPS.answer, others=[TASK_GROUPS, SUBDAGS])
    assert result.verdict == "correct"


def test_an_answer_right_on_its_own_points_is_never_a_sibling() -> None:
    answer = TASK_GROUPS.answer + " SubDAGs were DAGs embedded inside a parent DAG."
    assert grade(TASK_GROUPS, answer, others=[TASK_GROUPS, SUBDAGS]).verdict == "correct"


def test_grading_is_deterministic() -> None:
    answer = "retries and retry_delay, set in default_args"
    assert grade(RETRIES, answer) == grade(RETRIES, answer)


EXECUTORS = Question(
    id="executors",
    bank="test",
    prompt="Which executors does Airflow have?",
    answer="LocalExecutor runs tasks in parallel on one machine; CeleryExecutor distributes tasks "
    "across worker machines.",
    key_points=(
        KeyPoint("LocalExecutor runs tasks in parallel on one machine"),
        KeyPoint("CeleryExecutor distributes tasks across worker machines"),
    ),
)


def test_a_point_said_of_another_subject_does_not_count() -> None:
    assert grade(EXECUTORS, EXECUTORS.answer).verdict == "correct"
    swapped = (
        "CeleryExecutor runs tasks in parallel on one machine, and LocalExecutor distributes "
        "tasks across worker machines."
    )
    result = grade(EXECUTORS, swapped)
    assert result.matched == []
    assert result.verdict != "correct"


def test_plain_names_are_not_held_to_subjects() -> None:
    answer = "The LocalExecutor runs tasks in parallel on one machine and Celery spreads them out"
    assert grade(EXECUTORS, answer).points[0].hit


def test_a_short_word_missing_its_last_letter_still_meets() -> None:
    assert grade(XCOM, "tasks share small amounts of data; you push and pul them").points[2].hit


def test_an_identifier_split_across_the_answer_earns_nothing() -> None:
    answer = "poke_interval is the number of retries and timeout is the delay"
    retry_delay = grade(RETRIES, answer).points[1]
    assert not retry_delay.hit
    assert retry_delay.similarity == 0


def test_a_line_of_code_is_not_a_keyword_salad() -> None:
    dependencies = Question(
        id="deps",
        bank="test",
        prompt="How do you set dependencies between tasks?",
        answer="With the bitshift operator >>.",
        key_points=(KeyPoint("bitshift operator >>", aliases=(">>",)),),
    )
    assert grade(dependencies, "extract >> transform >> load").verdict == "correct"


def test_an_identifier_made_of_function_words_must_be_there_whole() -> None:
    waits = Question(
        id="up-for-retry",
        bank="test",
        prompt="Explain task retries.",
        answer="Between attempts the task waits in the up_for_retry state.",
        key_points=(KeyPoint("task waits in the up_for_retry state"),),
    )
    assert grade(waits, waits.answer).verdict == "correct"
    answer = "retries on the task say how many attempts it gets; retry_delay is the wait"
    assert not grade(waits, answer).points[0].hit


def test_a_near_miss_that_says_the_opposite_earns_nothing() -> None:
    sensors = Question(
        id="sensors",
        bank="test",
        prompt="What are sensors?",
        answer="Operators that wait for a condition to be true, then succeed.",
        key_points=(
            KeyPoint("operator that waits for a condition to be true"),
            KeyPoint("then succeeds so downstream tasks run"),
        ),
    )
    result = grade(sensors, "Sensors never wait for a condition.")
    assert result.score == 0
    assert result.verdict == "incorrect"


def test_a_question_the_prompt_already_covers_is_no_sibling() -> None:
    compare = Question(
        id="tg-vs-subdag",
        bank="test",
        prompt="What are Task Groups and how do they differ from SubDAGs?",
        answer="Task Groups group tasks visually in the UI; SubDAGs were scheduled separately.",
        key_points=(
            KeyPoint("group tasks visually in the UI"),
            KeyPoint("SubDAGs were scheduled separately with their own scheduling"),
        ),
    )
    answer = "SubDAGs were DAGs embedded inside a parent DAG, scheduled separately with their own "
    answer += "scheduling, and they caused deadlocks; Task Groups group tasks visually in the UI."
    assert grade(compare, answer, others=[compare, SUBDAGS]).verdict == "correct"


def test_a_long_answer_that_makes_one_point_of_five_is_off_the_mark() -> None:
    question = Question(
        id="sensors",
        bank="test",
        prompt="What are sensors in Airflow?",
        answer="Operators that wait for a condition.",
        key_points=(
            KeyPoint("operators that wait for a condition"),
            KeyPoint("check every poke_interval until a timeout"),
            KeyPoint("reschedule mode frees the worker slot"),
            KeyPoint("deferrable sensors wait in the triggerer"),
            KeyPoint("soft_fail marks a timed-out sensor skipped"),
        ),
    )
    long_answer = (
        "Sensors are operators that wait for a condition. They are mostly used by data teams in "
        "large companies, they come with every installation, people configure them in the web "
        "interface and they are really popular with analysts who like dashboards."
    )
    result = grade(question, long_answer)
    assert result.matched == ["operators that wait for a condition"]
    assert result.verdict == "incorrect" and "says something else" in (result.reason or "")
    short = grade(question, "Sensors are operators that wait for a condition.")
    assert short.verdict == "partial"
