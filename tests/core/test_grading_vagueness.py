"""A general answer that makes no key point is vague (partial); a specific one is wrong."""

from __future__ import annotations

from quizapp.core.grading import grade
from quizapp.core.models import KeyPoint, Question
from quizapp.core.vagueness import names_something, vague

HUNDREDS = Question(
    id="dag-hundreds-of-tasks",
    bank="test",
    prompt="A DAG has grown to hundreds of tasks. How would you keep it manageable?",
    answer="Use dynamic task mapping, group tasks with TaskGroups, split it into smaller DAGs.",
    key_points=(
        KeyPoint("use dynamic task mapping"),
        KeyPoint("group related tasks with TaskGroups"),
        KeyPoint("split it into smaller DAGs"),
        KeyPoint("limit concurrency with pools and max_active_tasks"),
    ),
)


def test_a_general_answer_that_names_nothing_is_partial() -> None:
    answer = "I'd try to organise it better and keep it efficient, so the infrastructure copes."
    result = grade(HUNDREDS, answer)
    assert not any(p.hit for p in result.points)
    assert result.verdict == "partial"
    assert "vague" in (result.reason or "")


def test_an_answer_that_names_other_things_is_incorrect() -> None:
    answer = "I'd move it to Kafka, probably, and run every step as a KubernetesPodOperator."
    assert grade(HUNDREDS, answer).verdict == "incorrect"


def test_a_claim_that_they_are_all_the_same_is_not_vague() -> None:
    assert not vague("They're basically the same thing under different names.", "x")
    assert not vague("I'd have to look it up, something about offsets.", "x")


def test_names_something_leaves_out_what_the_prompt_names() -> None:
    prompt = "How does Airflow differ from cron?"
    assert not names_something("Airflow is more powerful and gives you more control.", prompt)
    assert names_something("Airflow uses max_active_runs=3 to cap runs.", prompt)
    assert names_something("You would put it on Spark instead.", prompt)


def test_a_long_general_answer_is_still_vague_not_off_the_mark() -> None:
    answer = (
        "It's about keeping things organised, basically. I'd make it better structured and "
        "more efficient, so that the whole thing is easier to follow and the infrastructure "
        "copes with it, and people on the team can find their way around it later on."
    )
    assert len(answer.split()) >= 28  # long enough for the off-the-mark check
    assert grade(HUNDREDS, answer).verdict == "partial"


def test_a_sweeping_claim_is_not_vague() -> None:
    assert not vague("Cron can only schedule to the hour, so Airflow is more precise.", "x")


def test_names_every_answer_on_the_topic_says_are_not_specific() -> None:
    prompt = "Why would a DAG's version number keep going up?"
    assert not names_something("Probably Airflow thinks the DAG changed, I'd clean it up.", prompt)
    assert names_something("Probably the DagBag sees a new fileloc every parse.", prompt)


def test_a_general_answer_with_a_denial_that_contradicts_no_point_is_vague() -> None:
    answer = "I'd keep it simple and make sure things don't get too messy, basically."
    result = grade(HUNDREDS, answer)
    assert not any(p.negated for p in result.points)
    assert result.verdict == "partial"


def test_a_shrug_or_a_no_difference_claim_is_not_vague() -> None:
    assert not vague("Honestly not sure, something about organising it better.", "x")
    assert not vague("There's no functional difference, it's basically an alias.", "x")


DBT = Question(
    id="dbt-orchestration",
    bank="test",
    prompt="Explain how you would orchestrate dbt models using Airflow.",
    answer="Cosmos renders each model as a task; or BashOperator running the dbt CLI.",
    key_points=(
        KeyPoint(
            "Cosmos renders each dbt model as a task",
            aliases=("Astronomer Cosmos renders the models as tasks", "Cosmos runs one task per dbt model"),
            weight=2,
        ),
        KeyPoint("apache-airflow-providers-dbt-cloud for dbt Cloud jobs", weight=2),
        KeyPoint("BashOperator running the dbt CLI"),
        KeyPoint("PythonOperator using the dbt Python API"),
        KeyPoint("custom operator wrapping the dbt commands"),
        KeyPoint("separate virtualenv or container"),
    ),
)


def test_a_long_hedged_answer_near_a_point_is_vague_not_off_the_mark() -> None:
    """Near misses lift the score to partial before the vague check: a long hedged answer
    is still vague, not "says something else"."""
    answer = (
        "I'd probably have Airflow call dbt somehow, maybe with a bash command or one of the "
        "dbt integrations, and schedule it after the load tasks so the models run in the "
        "right order."
    )
    assert len(answer.split()) >= 28
    result = grade(DBT, answer)
    assert not any(p.hit for p in result.points)
    assert result.verdict == "partial"
    assert "something else" not in (result.reason or "")


def test_a_pointless_answer_in_the_model_answers_words_is_partial() -> None:
    warehouse = Question(
        id="warehouse",
        bank="test",
        prompt="What is a data warehouse?",
        answer=(
            "A central store of cleaned, modelled data from many sources, kept for analytics "
            "and reporting: BigQuery, Snowflake, Redshift."
        ),
        key_points=(
            KeyPoint("integrated data from several sources"),
            KeyPoint("optimised for analytical queries"),
            KeyPoint("schema-on-write"),
        ),
    )
    on_topic = grade(warehouse, "It's like Snowflake or BigQuery, a central store for reporting.")
    assert not any(p.hit for p in on_topic.points)
    assert on_topic.verdict == "partial" and "vague" in (on_topic.reason or "")
    elsewhere = grade(warehouse, "It's a message queue like Kafka for streaming events to consumers.")
    assert elsewhere.verdict == "incorrect"
