"""Contradictions: a flipped qualifier, a swapped role or another value is not a hit."""

from __future__ import annotations

from dataclasses import replace

from quizapp.core.contradictions import compared_flips, compared_subjects, value_slot
from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Misconception, Question


def q(prompt: str, *points: str, qid: str = "q") -> Question:
    return Question(qid, "test", prompt, "model answer", tuple(KeyPoint(p) for p in points))


DAG = q(
    "What is a DAG in Airflow?",
    "directed acyclic graph",
    "tasks are the nodes and dependencies the edges",
    "represents a workflow",
)
SENSOR_MODES = q(
    "Compare poke and reschedule mode for a sensor.",
    "poke mode holds the worker slot between checks",
    "reschedule mode frees the worker slot between checks",
    "reschedule suits long waits",
)
RETRIES = q(
    "What does a task get by default when it fails?",
    "retries defaults to 0",
    "retry_delay is the wait between tries",
    "set retries in default_args",
)
EXECUTOR = q(
    "Which executor does Airflow 3 start with?",
    "LocalExecutor is the default",
    "runs tasks as processes on one machine",
)
ETL = q(
    "What is the difference between ETL and ELT?",
    "ETL transforms the data before loading it",
    "ELT loads the raw data first and transforms it in the warehouse",
)


def negated(result_points: object, text: str) -> bool:
    return any(p.point.text == text and p.negated and not p.hit for p in result_points)  # type: ignore[attr-defined]


def test_a_flipped_qualifier_is_a_contradiction_not_a_hit() -> None:
    result = grade(DAG, "A DAG is a directed cyclic graph that represents a workflow.")
    assert negated(result.points, "directed acyclic graph")
    assert "directed acyclic graph" not in result.matched
    assert "said the opposite of: directed acyclic graph" in (result.reason or "")


def test_the_right_qualifier_still_hits() -> None:
    result = grade(DAG, "A directed acyclic graph: it represents a workflow, tasks are nodes.")
    assert "directed acyclic graph" in result.matched and not any(p.negated for p in result.points)


def test_modes_swapped_between_two_points_contradict_both() -> None:
    answer = (
        "Poke mode frees the worker slot between checks. Reschedule mode holds the worker slot."
    )
    result = grade(SENSOR_MODES, answer)
    assert negated(result.points, "poke mode holds the worker slot between checks")
    assert negated(result.points, "reschedule mode frees the worker slot between checks")
    assert result.verdict == "incorrect"


def test_both_modes_right_in_one_sentence_is_correct() -> None:
    answer = (
        "Poke mode holds the worker slot between checks, while reschedule mode frees the worker "
        "slot between checks, which suits long waits."
    )
    result = grade(SENSOR_MODES, answer)
    assert result.verdict == "correct" and not any(p.negated for p in result.points)


def test_instead_of_names_the_alternative_and_does_not_contradict() -> None:
    answer = "Reschedule mode frees the worker slot between checks instead of holding it."
    result = grade(SENSOR_MODES, answer)
    assert not negated(result.points, "reschedule mode frees the worker slot between checks")


def test_another_number_in_the_slot_contradicts() -> None:
    result = grade(RETRIES, "retries defaults to 3, and retry_delay is the wait between tries.")
    assert negated(result.points, "retries defaults to 0")
    assert result.verdict != "correct"
    right = grade(RETRIES, "retries defaults to 0, and retry_delay is the wait between tries.")
    assert "retries defaults to 0" in right.matched


def test_another_name_in_the_slot_contradicts() -> None:
    result = grade(EXECUTOR, "SequentialExecutor is the default; it runs tasks one at a time.")
    assert negated(result.points, "LocalExecutor is the default")
    both = grade(EXECUTOR, "LocalExecutor is the default, not SequentialExecutor.")
    assert "LocalExecutor is the default" in both.matched


def test_a_less_precise_or_misspelt_value_is_no_contradiction() -> None:
    point = q("When did Deadline Alerts come?", "added in Airflow 3.1", "replace SLAs")
    result = grade(point, "They were added in Airflow 3 and replace SLAs.")
    assert not any(p.negated for p in result.points)
    typo = grade(EXECUTOR, "LocalExecuter is the default, processes on one machine.")
    assert not any(p.negated for p in typo.points)


def test_roles_swapped_in_a_comparison_are_contradictions() -> None:
    assert compared_flips(ETL.prompt) == (("etl", "elt"),)
    swapped = grade(
        ETL,
        "ELT transforms the data before loading it. ETL loads the raw data first and "
        "transforms it in the warehouse.",
    )
    assert negated(swapped.points, "ETL transforms the data before loading it")
    assert swapped.verdict == "incorrect"
    right = grade(
        ETL,
        "ETL transforms the data before loading it; ELT loads the raw data first and "
        "transforms it in the warehouse.",
    )
    assert right.verdict == "correct"


def test_comparison_items_come_from_the_prompt() -> None:
    assert compared_flips("Explain schema-on-write versus schema-on-read.") == (("write", "read"),)
    assert compared_flips("What is the difference between OLTP and OLAP systems?") == (
        ("oltp", "olap"),
    )
    assert (
        compared_flips("What is the difference between an operator, a task and a task instance?")
        == ()
    )
    assert compared_flips("What is a DAG?") == ()


def test_value_slots() -> None:
    assert value_slot("retries defaults to 0") == ("retries defaults to  ", ("0",), "number")
    assert value_slot("LocalExecutor is the default") is not None
    assert value_slot("LocalExecutor") is None  # nothing but the value


def test_one_shared_word_earns_no_point() -> None:
    crisp = q(
        "What is CRISP-DM?",
        "Cross-Industry Standard Process for Data Mining",
        "data preparation and modelling",
        "business understanding",
    )
    crisp = replace(crisp, answer="Six phases, from business understanding to deployment.")
    result = grade(crisp, "It is a process model.")
    assert result.matched == [] and result.verdict == "incorrect"


def test_a_prefixed_spelling_is_not_a_typo_of_its_opposite() -> None:
    dag = Question(
        "dag",
        "test",
        "What is a DAG?",
        "A directed acyclic graph.",
        (KeyPoint("directed acyclic graph", aliases=("directed acyclical graph",)),),
    )
    result = grade(dag, "A directed cyclic graph.")
    assert result.points[0].negated and not result.points[0].hit


LAMBDA_KAPPA = q(
    "What are the Lambda and Kappa architectures?",
    "Lambda architecture runs a batch layer and a speed layer side by side",
    "Kappa architecture has only the streaming path",
    "replay the log to reprocess",
)
CDC = q(
    "Compare log-based and query-based change data capture, and when would you use each?",
    "log-based CDC reads the transaction log",
    "query-based CDC polls the table on an updated_at column",
)


def test_compared_items_are_named_by_the_word_that_tells_them_apart() -> None:
    assert compared_subjects(LAMBDA_KAPPA.prompt) == {"lambda", "kappa"}
    assert compared_subjects(CDC.prompt) == {"log", "query"}  # the trailing question is left out
    assert compared_subjects(
        "What is the difference between an operator, a task and a task instance?"
    ) == set()  # "a task" has no word of its own
    assert compared_subjects("What is a DAG?") == set()
    modes = "Compare running it in poke mode, reschedule mode and deferrable mode."
    assert compared_subjects(modes) == {"pok", "reschedul", "deferrabl"}  # not "running"
    assert compared_subjects("What are Task Groups and how do they differ from SubDAGs?") == {
        "group",
        "sub",
    }  # "task" is every point's word, not the item's name


def test_a_compared_items_point_said_of_the_other_item_is_a_contradiction() -> None:
    swapped = grade(
        LAMBDA_KAPPA,
        "Kappa runs a batch layer and a speed layer side by side; Lambda has only the "
        "streaming path.",
    )
    assert negated(swapped.points, LAMBDA_KAPPA.key_points[0].text)
    assert swapped.verdict == "incorrect"
    right = grade(
        LAMBDA_KAPPA,
        "Lambda runs a batch layer and a speed layer side by side; Kappa has only the "
        "streaming path.",
    )
    assert right.verdict == "correct"
    assert not any(p.negated for p in right.points)


def test_a_multi_word_items_point_said_of_the_other_item_does_not_count() -> None:
    swapped = grade(CDC, "Log-based CDC polls the table on an updated_at column.")
    assert not swapped.points[1].hit
    assert grade(CDC, "Query-based CDC polls the table on an updated_at column.").points[1].hit


FACTS = q(
    "What is the difference between a fact table and a dimension table?",
    "fact table records measurements of a business process",
    "descriptive context used to filter, group and label the facts",
)


def test_a_compared_item_as_a_points_object_is_not_its_subject() -> None:
    right = grade(
        FACTS,
        "A fact table records measurements of a business process; dimensions hold the "
        "descriptive context used to filter, group and label the facts.",
    )
    assert [p.hit for p in right.points] == [True, True]
    assert not any(p.negated for p in right.points)
    assert right.verdict == "correct"
    swapped = grade(FACTS, "A dimension table records measurements of a business process.")
    assert negated(swapped.points, "fact table records measurements of a business process")


CONTROLS = Question(
    "controls",
    "test",
    "Explain the difference between parallelism, max_active_tasks, max_active_runs and pools.",
    "model answer",
    (
        KeyPoint("parallelism caps running task instances per scheduler"),
        KeyPoint(
            "max_active_tasks is counted per DAG run",
            aliases=("counted separately for each DAG run",),
        ),
        KeyPoint("max_active_runs caps simultaneous runs of one DAG"),
        KeyPoint("pools limit a shared resource across DAGs"),
    ),
)


def test_an_identifiers_point_said_of_a_compared_item_does_not_count() -> None:
    swapped = grade(CONTROLS, "Parallelism is counted separately for each DAG run.")
    assert not swapped.points[1].hit  # said of parallelism, not of max_active_tasks
    right = grade(CONTROLS, "max_active_tasks is counted separately for each DAG run.")
    assert right.points[1].hit


POLLING = Question(
    "polling",
    "test",
    "Compare log-based and query-based change data capture.",
    "model answer",
    (
        KeyPoint("query-based CDC polls the table on an updated_at column"),
        KeyPoint("hard deletes are invisible to polling"),
    ),
    misconceptions=(
        Misconception(
            "polling on updated_at also captures hard deletes",
            correction="Polling never sees a row that is gone.",
        ),
    ),
)


def test_misses_is_the_opposite_of_captures() -> None:
    wrong = grade(POLLING, "Polling on updated_at also captures hard deletes.")
    assert [m.misconception.text for m in wrong.misconceptions] == [
        "polling on updated_at also captures hard deletes"
    ]
    right = grade(
        POLLING,
        "Polling misses hard deletes and intermediate updates between polls, and depends on "
        "updated_at being reliable.",
    )
    assert right.misconceptions == ()


LAZY = q(
    "What does lazy evaluation mean in Spark?",
    "nothing executes until an action",
    "transformations only build a logical plan",
)


def test_a_bounded_plain_statement_does_not_contradict_a_negative_point() -> None:
    said = grade(LAZY, "Spark waits until you call an action before it executes anything.")
    assert not negated(said.points, "nothing executes until an action")
    cycles = q("What is a DAG?", "a DAG has no cycles", "tasks are the nodes")
    assert negated(grade(cycles, "A DAG is a graph that has cycles.").points, "a DAG has no cycles")


def test_a_privative_verb_says_a_negative_point() -> None:
    no_db = q(
        "Can task code still query the metadata database in Airflow 3?",
        "task code can no longer access the metadata database directly",
        "it goes through the Task Execution API",
    )
    said = grade(no_db, "Airflow 3 removed direct metadata database access from task code.")
    assert [p.point.text for p in said.points if p.hit] == [
        "task code can no longer access the metadata database directly"
    ]


def test_a_privative_verb_after_the_denied_words_denies_something_else() -> None:
    deploy = Question(
        "deploy",
        "test",
        "What does astro deploy do?",
        "It builds the image, parses the DAGs and pushes the image to the deployment.",
        (KeyPoint("builds an image"), KeyPoint("parses the DAGs before pushing")),
        misconceptions=(Misconception("astro deploy does not parse the DAGs", "It parses them."),),
    )
    result = grade(deploy, "astro deploy parses the DAGs and stops the deploy when one fails.")
    assert result.misconceptions == ()


def test_a_denial_after_the_denied_words_says_a_negative_point() -> None:
    triggerer = q(
        "Where must a trigger's code live?",
        "not from a DAG bundle",
        "installed in the triggerer's environment",
    )
    said = grade(triggerer, "Ship it in a package; DAG bundle code isn't loaded there.")
    assert not negated(said.points, "not from a DAG bundle")
    plain = grade(triggerer, "The triggerer loads it from the DAG bundle like any DAG file.")
    assert negated(plain.points, "not from a DAG bundle")


def test_a_privative_point_agrees_with_a_denial_of_its_other_words() -> None:
    removed = q(
        "What did Airflow 3 remove?",
        "execution_date was removed from the context",
        "SubDAGs were removed",
    )
    said = grade(removed, "execution_date is no longer in the context, and SubDAGs are gone.")
    assert "execution_date was removed from the context" in said.matched
    denied = grade(removed, "Nothing was removed from the context: execution_date is still there.")
    assert not any(p.hit and "execution_date" in p.point.text for p in denied.points)


def test_a_negative_pronoun_denies_its_verb_not_what_and_joins_on() -> None:
    ephemeral = q(
        "What does the ephemeral materialization do?",
        "inlined as a CTE",
        "no table or view in the warehouse",
    )
    said = grade(ephemeral, "Ephemeral builds nothing and is inlined as a CTE into the models.")
    assert [p.point.text for p in said.points if p.hit][:1] == ["inlined as a CTE"]


def test_two_denials_in_a_clause_cancel() -> None:
    backfill = q(
        "Which DAGs can you backfill?",
        "DAGs with a time-based schedule",
        "the scheduler runs the backfill",
    )
    said = grade(backfill, "It doesn't work for DAGs without a time-based schedule.")
    assert not negated(said.points, "DAGs with a time-based schedule")
    denied = grade(backfill, "It works for DAGs without a time-based schedule too.")
    assert negated(denied.points, "DAGs with a time-based schedule")
    neither = q("Who runs the tasks?", "the scheduler runs the tasks", "the workers run them")
    result = grade(neither, "Neither the webserver nor the scheduler runs the tasks.")
    assert negated(result.points, "the scheduler runs the tasks")


def test_a_clause_that_names_both_items_binds_each_word_to_the_item_before_it() -> None:
    formats = q(
        "What is the difference between Parquet and Avro?",
        "Parquet is columnar",
        "Avro is row-based",
        "Parquet suits analytics",
    )
    swapped = grade(formats, "Avro is the columnar one and Parquet is row-based.")
    assert swapped.matched == [] and swapped.verdict == "incorrect"
    right = grade(formats, "Parquet is the columnar one and Avro is row-based.")
    assert right.matched == ["Parquet is columnar", "Avro is row-based"]
