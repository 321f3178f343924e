"""The seed notes' outdated or inaccurate answers must not pass as correct.

The seed file (``../shared/seed/000_f61ab5a7ee36776a.txt``) is where the banks
started. ``../shared/factcheck.md`` calls twelve of its answers to Airflow and
Astronomer questions outdated or inaccurate for Airflow 3 (the Flask webserver,
SequentialExecutor as the default, SubDAGs, Smart Sensors, SLA misses,
``execution_date``, ``dag_test_utils``, a "DbtOperator", Astro as a data-integration
tool). Quoted here word for word and keyed by the question that replaced them,
each must grade at most ``partial``: a learner who repeats the old notes has
not given an Airflow 3 answer.
"""

from __future__ import annotations

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.paths import bundled_banks_dir

CATALOG = load_catalog([bundled_banks_dir()])
TEXT_QUESTIONS = [q for q in CATALOG.questions if q.kind == "text"]
BY_ID = {q.id: q for q in TEXT_QUESTIONS}

SEED_ANSWERS: dict[str, str] = {
    # Q1 (inaccurate): Astro is not a data-integration tool.
    "astronomer-what": (
        "Astro is a data integration platform that allows you to connect to various data "
        "sources and load data into a data warehouse like Snowflake."
    ),
    # Q7 (inaccurate): repeats Q1's error about Astro.
    "airflow-vs-astro": (
        "Airflow is a platform to programmatically author, schedule, and monitor workflows. "
        "Astro is a data integration platform that allows you to connect to various data "
        "sources and load data into a data warehouse like Snowflake.\n"
        "Astro cloud is used to deploy"
    ),
    # Q13 (outdated since 3.0): Flask webserver, no DAG processor.
    "architecture-components": (
        "- Web Server: Flask-based UI for DAG visualization/management (port 8080)\n"
        "- Scheduler: Monitors DAGs, schedules tasks based on dependencies\n"
        "- Executor: Determines task execution method (Local, Celery, Kubernetes)\n"
        "- Metadata Database: Stores workflow state (PostgreSQL, MySQL, SQLite)\n"
        "- DAG Files: Python files defining workflow structure\n"
        "- Workers: Execute tasks on separate machines in distributed setups\n"
        "- Queue: Enables scheduler-worker communication (Redis, RabbitMQ)\n"
        "- XCom: Facilitates inter-task data exchange\n"
        "- Providers: Connects to external services (AWS, GCP, databases)"
    ),
    # Q14 (outdated since 3.0): SequentialExecutor was removed; LocalExecutor is the default.
    "executors-types": (
        "Executors are components that run tasks. Different executor types include:\n"
        "- SequentialExecutor: Default executor, runs one task at a time (not for production)\n"
        "- LocalExecutor: Runs tasks in parallel on single machine using processes - "
        "executing multiple tasks simultaneously rather than one after another\n"
        "- CeleryExecutor: Distributes tasks across multiple worker nodes using Celery\n"
        "- KubernetesExecutor: Dynamically creates a pod for each task instance"
    ),
    # Q21 (outdated): SubDAGs were removed in 3.0.
    "subdag-what": (
        "SubDAGs are DAGs embedded within another DAG. They can be used to group related "
        "tasks and reuse common patterns. However, they often lead to deadlocks and aren't "
        "recommended in current Airflow versions."
    ),
    # Q25 (outdated): Smart Sensors were removed in 2.4, replaced by deferrable operators.
    "smart-sensors": (
        "Smart Sensors are a feature that allows multiple sensor instances to be executed in "
        "a single process, reducing resource consumption when many sensors are running."
    ),
    # Q27 (outdated): "next execution date"; parsing left the scheduler in 3.0.
    "scheduler-mechanism": (
        "The scheduler continuously checks for DAGs to schedule, looks at next execution "
        "date, creates DagRuns, examines task dependencies, and queues tasks that are ready "
        "to be executed."
    ),
    # Q29 (outdated): SLA misses were removed in 3.0.
    "monitoring-production": (
        "- Using Airflow's built-in metrics with StatsD/Prometheus\n"
        "- Setting up alerts for failed tasks and SLA misses\n"
        "- Monitoring database health and connection pools\n"
        "- Log aggregation and analysis"
    ),
    # Q30 (outdated): schedule_interval and execution_date are gone.
    "schedule-vs-logical-date": (
        "- schedule_interval: Defines how often a DAG runs\n"
        "- execution_date: The logical date/time for which a DAG Run is executed "
        "(typically represents the start of the period the data belongs to)"
    ),
    # Q31 (inaccurate): dag_test_utils is not an Airflow utility.
    "testing-dags": (
        "- Using Airflow's testing utilities like dag_test_utils\n"
        "- Creating unit tests for custom operators and hooks\n"
        "- Setting up end-to-end tests with a test database\n"
        "- Using dag.test() method in development"
    ),
    # Q36 (inaccurate): there is no official DbtOperator provider.
    "dbt-orchestration": (
        "- Using the DbtOperator from an Airflow provider package\n"
        "- Creating a custom operator to execute dbt commands\n"
        "- Implementing a BashOperator that runs dbt CLI commands\n"
        "- Using a PythonOperator that uses the dbt Python API"
    ),
    # Q37 (outdated): execution_date was removed from the context in 3.0.
    "incremental-processing": (
        "- Using execution_date to determine processing windows\n"
        "- Storing and retrieving watermarks using XComs or Variables\n"
        "- Implementing idempotent tasks\n"
        "- Using templated queries with time-based parameters"
    ),
}


def test_every_quoted_seed_answer_names_a_bundled_question() -> None:
    assert sorted(set(SEED_ANSWERS) - set(BY_ID)) == []


@pytest.mark.parametrize("question_id", sorted(SEED_ANSWERS))
def test_outdated_seed_answer_is_not_correct(question_id: str) -> None:
    question: Question = BY_ID[question_id]
    result = grade(question, SEED_ANSWERS[question_id], TEXT_QUESTIONS)
    assert result.verdict != "correct", (
        f"{question_id}: the seed's answer scores {result.score:.2f} "
        f"({result.reason}); matched {result.matched}"
    )


def test_at_least_sixty_questions_name_a_misconception_with_a_one_line_correction() -> None:
    carrying = [q for q in CATALOG.questions if q.misconceptions]
    assert len(carrying) >= 60
    corrections = [m.correction for q in carrying for m in q.misconceptions]
    assert all(c.strip() and "\n" not in c.strip() for c in corrections)


@pytest.mark.parametrize(
    "question_id",
    ["astronomer-what", "airflow-vs-astro", "incremental-processing", "monitoring-production"],
)
def test_seed_answer_is_told_which_claim_is_wrong(question_id: str) -> None:
    result = grade(BY_ID[question_id], SEED_ANSWERS[question_id], TEXT_QUESTIONS)
    assert result.misconceptions, f"{question_id}: no misconception found in the seed's answer"


WRONG_AIRFLOW_3_ANSWERS: dict[str, str] = {
    # swapped roles
    "sensors-what": (
        "A sensor waits for a condition. Poke mode frees the worker slot between pokes, "
        "reschedule mode holds the slot for the whole wait. Default timeout 7 days, "
        "poke_interval 60 seconds."
    ),
    "sched-concurrency-controls": (
        "parallelism is the per-DAG limit on running tasks, max_active_tasks is the global "
        "limit for the whole installation, max_active_runs is how many runs of a DAG can be "
        "active, and pools limit a shared resource across DAGs."
    ),
    "af3-dag-versioning": (
        "Airflow 3 has DAG versioning, so a run always finishes on the version it started "
        "with, whatever bundle you use. Airflow 2 used the latest code."
    ),
    # wrong defaults
    "retries-configure": (
        "Set retries and retry_delay on the task or in default_args. By default tasks are "
        "retried three times, five minutes apart, and wait in up_for_retry."
    ),
    "sched-catchup": (
        "catchup defaults to True, so unpausing a DAG with a year-old start_date queues about "
        "365 runs; use a backfill for the history instead."
    ),
    "executors-types": (
        "The executor decides how tasks run. SequentialExecutor is the default in Airflow 3. "
        "LocalExecutor runs tasks in parallel on one machine, CeleryExecutor distributes "
        "them to worker nodes, KubernetesExecutor launches a pod for each task."
    ),
    # removed features presented as current
    "af3-backfill": (
        "Same as Airflow 2: run airflow dags backfill -s 2025-01-01 -e 2025-01-31 my_dag and "
        "keep the terminal open until the backfill has finished."
    ),
    "af3-no-direct-db-access": (
        "Yes, tasks can still query the metadata tables with a SQLAlchemy Session; variables, "
        "connections and XComs are read from the metadata DB as in Airflow 2."
    ),
    "af3-api-server": (
        "Nothing replaced it: the webserver is still a Flask app started with airflow "
        "webserver, serving the UI on port 8080."
    ),
}


@pytest.mark.parametrize("question_id", sorted(WRONG_AIRFLOW_3_ANSWERS))
def test_answer_with_an_airflow_3_error_is_not_correct(question_id: str) -> None:
    """The review's classic wrong answers (swapped roles, wrong defaults, removed
    features) must not pass on the right words around them."""
    result = grade(BY_ID[question_id], WRONG_AIRFLOW_3_ANSWERS[question_id], TEXT_QUESTIONS)
    assert result.verdict != "correct", (
        f"{question_id}: scores {result.score:.2f} ({result.reason}); matched {result.matched}"
    )
