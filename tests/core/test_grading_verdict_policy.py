"""How the points an answer makes set its verdict, beyond the weighted share."""

from __future__ import annotations

from quizapp.core.grading import asks_several, grade
from quizapp.core.models import KeyPoint, Misconception, Question

SCHEDULER = Question(
    id="scheduler",
    bank="test",
    prompt="How does the Airflow scheduler decide when to run tasks?",
    answer="A loop creates due DAG runs, checks dependencies and queues ready tasks.",
    key_points=(
        KeyPoint("continuous scheduling loop", weight=2),
        KeyPoint("creates the DAG runs that are due"),
        KeyPoint("checks task dependencies"),
        KeyPoint("queues the ready tasks to the executor"),
        KeyPoint("within pools and concurrency limits", weight=2),
        KeyPoint("works from serialized DAGs", weight=2),
        KeyPoint("run_after and the data interval"),
    ),
)
STRICT = Question(
    id="strict",
    bank="test",
    prompt=SCHEDULER.prompt,
    answer=SCHEDULER.answer,
    key_points=SCHEDULER.key_points,
    grading="strict",
)


def test_a_textbook_answer_stating_the_core_and_two_more_points_is_correct() -> None:
    answer = (
        "It runs a continuous scheduling loop that checks task dependencies and queues ready tasks."
    )
    result = grade(SCHEDULER, answer)
    assert sum(p.hit for p in result.points) == 3
    assert result.verdict == "correct"  # 4 of 11 by weight, but three points and the core


def test_three_minor_points_without_the_core_stay_partial() -> None:
    answer = (
        "It creates the DAG runs that are due, checks task dependencies and queues ready tasks."
    )
    result = grade(SCHEDULER, answer)
    assert [p.point.weight for p in result.points if p.hit] == [1.0, 1.0, 1.0]
    assert result.verdict == "partial"


def test_three_points_do_not_make_a_strict_question_correct() -> None:
    answer = (
        "It runs a continuous scheduling loop that checks task dependencies and queues ready tasks."
    )
    assert grade(STRICT, answer).verdict == "partial"


def test_three_points_and_a_contradiction_are_not_correct() -> None:
    answer = (
        "It runs a continuous scheduling loop that checks task dependencies and queues ready "
        "tasks, and it does not work from serialized DAGs."
    )
    result = grade(SCHEDULER, answer)
    assert any(p.negated for p in result.points)
    assert result.verdict != "correct"


def test_one_point_made_is_partial() -> None:
    answer = "It checks task dependencies."
    result = grade(SCHEDULER, answer)
    assert sum(p.hit for p in result.points) == 1  # 1 of 11 by weight: under the partial mark
    assert result.verdict == "partial"


def test_no_point_made_is_incorrect() -> None:
    assert grade(SCHEDULER, "It follows the cron string and that is about it.").verdict == (
        "incorrect"
    )


TASK_INSTANCE = Question(
    id="ti",
    bank="test",
    prompt="What is the difference between an operator, a task and a task instance?",
    answer="An operator is a class, a task is an operator in a DAG, a task instance one run of it.",
    key_points=(
        KeyPoint("operator is the template class"),
        KeyPoint("task is an operator instantiated in a DAG"),
        KeyPoint("task instance is one run of a task for a specific DAG run", weight=2),
        KeyPoint("has a state and a try number"),
    ),
    misconceptions=(
        Misconception(
            "a task instance is the Python process running on the worker",
            correction="A task instance is that task in one DAG run, with a state.",
        ),
        Misconception(
            "operators are only for Python code",
            correction="Operators run shell commands, SQL, containers and more.",
        ),
    ),
)


def test_a_wrong_claim_in_place_of_the_core_fact_is_incorrect() -> None:
    answer = (
        "An operator is the template class. A task is an operator instantiated in a DAG. A "
        "task instance is the Python process running on the worker. Each has a state and a "
        "try number."
    )
    result = grade(TASK_INSTANCE, answer)
    assert sum(p.point.weight for p in result.points if p.hit) == 3  # of 5: the rest is fine
    assert [m.misconception.text for m in result.misconceptions] == [
        "a task instance is the Python process running on the worker"
    ]
    assert result.verdict == "incorrect"


def test_a_wrong_aside_beside_the_core_fact_leaves_the_answer_partial() -> None:
    answer = (
        "An operator is the template class, though operators are only for Python code; a task "
        "is an operator instantiated in a DAG and a task instance is one run of a task for a "
        "specific DAG run."
    )
    result = grade(TASK_INSTANCE, answer)
    assert [m.misconception.text for m in result.misconceptions] == [
        "operators are only for Python code"
    ]
    assert result.verdict == "partial"


def test_a_vague_answer_in_the_questions_own_terms_is_partial() -> None:
    result = grade(SCHEDULER, "The scheduler decides when the DAG runs are due.")
    assert not any(p.hit for p in result.points)
    assert result.verdict == "partial"
    assert "vague" in (result.reason or "")


def test_a_vague_answer_that_denies_something_stays_incorrect() -> None:
    result = grade(SCHEDULER, "The scheduler does not decide when the DAG runs are due.")
    assert result.verdict == "incorrect"


def test_an_answer_in_other_terms_that_makes_no_point_stays_incorrect() -> None:
    answer = "A cron daemon wakes up every minute, reads the crontab and forks a shell."
    assert grade(SCHEDULER, answer).verdict == "incorrect"


BACKFILL = Question(
    id="backfill",
    bank="test",
    prompt="How do you stop a big backfill from starving the scheduled runs?",
    answer="A backfill has its own max_active_runs, independent of the DAG's.",
    key_points=(
        KeyPoint("a backfill has its own max_active_runs, independent of the DAG's", weight=2),
        KeyPoint("run it with --dry-run first"),
        KeyPoint("missing runs only by default"),
    ),
)


def test_denying_the_core_point_makes_a_partial_answer_incorrect() -> None:
    answer = (
        "You do a --dry-run first, but a backfill can't be limited: it ignores max_active_runs."
    )
    result = grade(BACKFILL, answer)
    assert [p.point.weight for p in result.points if p.hit] == [1.0]
    assert result.verdict == "incorrect"
    assert "denies" in (result.reason or "")


def test_a_negation_elsewhere_leaves_a_partial_answer_partial() -> None:
    answer = "You do a --dry-run first; it never hurts to look before you start."
    assert grade(BACKFILL, answer).verdict == "partial"


STATE_STORE = Question(
    id="state-store",
    bank="test",
    prompt="How would you keep a cursor that must survive retries and later runs of a task?",
    answer="The asset_state_store persists across runs; the task_state_store does not.",
    key_points=(
        KeyPoint(
            "task_state_store does not carry over to the next DAG run",
            aliases=("a new run gets a fresh task state store",),
            weight=2,
        ),
        KeyPoint("the asset_state_store persists across runs", weight=2),
        KeyPoint("state stores added in Airflow 3.3"),
        KeyPoint("XComs belong to one run"),
    ),
)


def test_asserting_what_a_core_point_denies_makes_a_partial_answer_incorrect() -> None:
    answer = "Use the state stores added in Airflow 3.3: the task_state_store goes on into the next DAG run."
    result = grade(STATE_STORE, answer)
    assert [p.point.weight for p in result.points if p.hit] == [1.0]
    assert result.verdict == "incorrect"
    assert "denies" in (result.reason or "")


def test_a_contrast_in_a_core_point_is_not_a_denial() -> None:
    question = Question(
        id="executors",
        bank="test",
        prompt="Explain the concept of Executors in Airflow.",
        answer="LocalExecutor, not SequentialExecutor, is the default; Celery uses workers.",
        key_points=(
            KeyPoint("LocalExecutor, not SequentialExecutor, is the default", weight=2),
            KeyPoint("CeleryExecutor distributes tasks across worker nodes"),
            KeyPoint("KubernetesExecutor launches a pod for each task"),
        ),
    )
    answer = "CeleryExecutor distributes tasks across worker nodes; LocalExecutor is handy."
    result = grade(question, answer)
    assert "denies" not in (result.reason or "")


ETL = Question(
    id="etl",
    bank="test",
    prompt="What is an ETL pipeline?",
    answer="It extracts data from sources, transforms it and loads it into a warehouse.",
    key_points=(
        KeyPoint("extracts data from source systems", weight=2),
        KeyPoint("transforms it: cleans and reshapes", weight=2),
        KeyPoint("loads it into a warehouse", weight=2),
        KeyPoint("runs on a schedule"),
        KeyPoint("an orchestrator such as Airflow runs the steps"),
    ),
)
OLTP = Question(
    id="oltp",
    bank="test",
    prompt="How do OLTP and OLAP systems differ?",
    answer="OLTP serves many small transactions; OLAP runs large analytical queries.",
    key_points=(
        KeyPoint("OLTP handles many small transactions", weight=2),
        KeyPoint("OLAP runs large analytical queries", weight=2),
        KeyPoint("normalised, row-oriented storage"),
        KeyPoint("denormalised, columnar storage"),
        KeyPoint("data is copied from OLTP sources into OLAP"),
    ),
)


def test_two_of_three_core_points_are_partial_although_they_weigh_half() -> None:
    answer = "It extracts data from source systems and loads it into a warehouse."
    result = grade(ETL, answer)
    assert [p.hit for p in result.points] == [True, False, True, False, False]
    assert result.verdict == "partial"  # 4 of 8 by weight, but the transform is missing


def test_all_three_core_points_are_correct() -> None:
    answer = (
        "It extracts data from source systems, cleans and reshapes it, then loads it into a "
        "warehouse."
    )
    assert grade(ETL, answer).verdict == "correct"


DAG = Question(
    id="dag",
    bank="test",
    prompt="What is a DAG?",
    answer="A directed acyclic graph of tasks that represents a workflow.",
    key_points=(
        KeyPoint("directed acyclic graph", weight=2),
        KeyPoint("represents a workflow", weight=2),
        KeyPoint("tasks are the nodes and dependencies are the edges"),
        KeyPoint("there are no cycles"),
        KeyPoint("each execution is a DAG run"),
    ),
)


def test_two_points_that_are_the_whole_core_of_a_definition_are_correct() -> None:
    result = grade(DAG, "A directed acyclic graph, Airflow's definition of a workflow.")
    assert sum(p.hit for p in result.points) == 2
    assert result.verdict == "correct"


def test_two_points_of_a_question_that_asks_several_things_are_partial() -> None:
    answer = "OLTP handles many small transactions, while OLAP runs large analytical queries."
    result = grade(OLTP, answer)
    assert sum(p.hit for p in result.points) == 2
    assert result.verdict == "partial"  # the comparison's storage and data flow are missing
    fuller = answer + " OLTP is normalised and row-oriented; OLAP is denormalised and columnar."
    assert grade(OLTP, fuller).verdict == "correct"


def test_asks_several_tells_a_definition_from_a_many_part_prompt() -> None:
    assert not asks_several("What is a DAG?")
    assert not asks_several("How do you implement dynamic DAG generation in Airflow?")
    assert asks_several("How do OLTP and OLAP systems differ?")
    assert asks_several("What is a shuffle in Spark, why is it expensive, and how do you reduce it?")
    assert asks_several("Where are XComs stored? When would you use a custom backend?")


def test_one_point_among_many_words_of_other_things_is_incorrect() -> None:
    answer = (
        "It checks task dependencies, but mostly it is a Kubernetes operator that spins up "
        "Spark clusters, bills compute and writes Parquet files to S3."
    )
    result = grade(SCHEDULER, answer)
    assert sum(p.hit for p in result.points) == 1
    assert result.verdict == "incorrect"


def test_one_point_with_words_of_the_question_stays_partial() -> None:
    answer = (
        "It checks task dependencies, and the scheduler decides when the ready tasks of "
        "each DAG run should run."
    )
    result = grade(SCHEDULER, answer)
    assert sum(p.hit for p in result.points) == 1
    assert result.verdict == "partial"


def test_a_long_vague_answer_in_the_questions_terms_is_partial_not_off_the_mark() -> None:
    answer = (
        "The Airflow scheduler decides when tasks run: it looks at each DAG and the DAG runs "
        "that are due, then the ready tasks of each run go to the executor, within the "
        "limits, when the scheduler decides they should run."
    )
    result = grade(SCHEDULER, answer)
    assert len(answer.split()) >= 28 and sum(p.hit for p in result.points) <= 1
    assert result.verdict == "partial"


def test_a_long_answer_in_other_terms_making_one_point_is_incorrect() -> None:
    answer = (
        "It checks task dependencies. Beyond that it is mostly a Kubernetes operator that "
        "spins up Spark clusters on demand, bills compute by the minute, writes Parquet files "
        "to S3 buckets and sends invoices to finance."
    )
    result = grade(SCHEDULER, answer)
    assert len(answer.split()) >= 28
    assert result.verdict == "incorrect"


DEFAULT_ARGS = Question(
    id="default-args",
    bank="test",
    prompt="What are default_args, and what do you usually put in them?",
    answer="Defaults for all tasks of the DAG, such as retries and retry_delay.",
    key_points=(
        KeyPoint("apply to every task in the DAG", aliases=("defaults for all tasks",), weight=2),
        KeyPoint("retries and retry_delay"),
        KeyPoint("an argument set on a task overrides it"),
    ),
)


def test_a_phrasing_of_only_the_prompts_and_common_words_must_be_said_in_full() -> None:
    loose = grade(
        DEFAULT_ARGS,
        "default_args hold the schedule and catchup of the DAG object; tasks are configured "
        "on their own.",
    )
    assert not loose.points[0].hit  # "tasks" alone is not "defaults for all tasks"
    assert loose.verdict != "correct"
    full = grade(DEFAULT_ARGS, "Defaults for all tasks, like retries and retry_delay.")
    assert full.points[0].hit and full.verdict == "correct"
