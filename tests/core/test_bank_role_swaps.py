"""Role-swap and habit misconceptions in the shipped banks: the swapped claim is caught,
the right pairing in other words is not (the claim is said of the wrong item, or negated)."""

from __future__ import annotations

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.paths import bundled_banks_dir

CATALOG = load_catalog([bundled_banks_dir()])
TEXTS = [q for q in CATALOG.questions if q.kind == "text"]

CASES = [
    (
        "etl-vs-elt",
        "In ETL you load the raw data into the warehouse first and transform it there "
        "afterwards with dbt.",
        "ETL transforms the data in Spark or an ETL tool before loading it; ELT loads the raw "
        "data first and transforms it inside the warehouse with dbt, keeping the raw data.",
    ),
    (
        "sched-sensor-modes",
        "Reschedule mode holds the worker slot for the whole wait, and a deferrable sensor "
        "runs on the scheduler instead of a worker.",
        "Poke mode holds the worker slot for the whole wait; reschedule mode frees its slot "
        "between checks; deferrable mode hands the wait to the triggerer and uses no worker "
        "slot. The timeout still bounds the wait.",
    ),
    (
        "sched-concurrency-controls",
        "max_active_tasks is the global limit for the whole installation, and pools are "
        "shared slots for a resource.",
        "parallelism is the installation-wide ceiling per scheduler; max_active_tasks caps "
        "the running tasks within one DAG run; max_active_runs caps the active runs of a "
        "DAG; pools limit a shared resource across DAGs, ordered by priority_weight.",
    ),
    (
        "lakehouse-what",
        "A lakehouse keeps a data lake and a separate warehouse running side by side.",
        "A lakehouse is lake storage with warehouse features: an open table format such as "
        "Iceberg or Delta adds ACID transactions, schema enforcement and time travel, so BI "
        "and ML share one copy of the data.",
    ),
    (
        "pattern-skip-propagation",
        "all_success treats a skipped upstream as a success, so the downstream task runs.",
        "With all_success a skipped upstream makes the downstream task skipped too, so a skip "
        "cascades; none_failed runs even when all upstream tasks were skipped, while "
        "none_failed_min_one_success needs at least one upstream to have succeeded.",
    ),
    (
        "spark-lazy-evaluation",
        "Transformations run immediately on the executors and actions just describe the plan.",
        "Transformations such as filter and join are lazy and only build a plan; actions "
        "such as count or write trigger the job, so Spark optimises the whole chain.",
    ),
]


@pytest.mark.parametrize(("qid", "wrong", "right"), CASES, ids=[c[0] for c in CASES])
def test_the_swapped_claim_is_caught_and_the_right_pairing_is_not(
    qid: str, wrong: str, right: str
) -> None:
    question = CATALOG.get(qid)
    assert question is not None
    caught = grade(question, wrong, TEXTS)
    assert caught.misconceptions, f"{qid}: the swapped claim is not recognised"
    assert caught.verdict != "correct"
    assert grade(question, right, TEXTS).misconceptions == ()
