"""depends_on_past and wait_for_downstream across the runs of a backfill or a session.

Airflow 3.3.2's answers for consecutive runs are the recorded ``dop_*`` conformance
cases; these pin the backfill rules read in ``PrevDagrunDep`` (the first run of a
backfill passes; a blocked run stays running with its task never scheduled).
"""

from __future__ import annotations

from typing import Any

import pytest

from quizapp.sandbox import DAG, CronDataIntervalTimetable, history, task
from quizapp.sandbox.runfile import backfill


@pytest.fixture(autouse=True)
def _fresh() -> None:
    history.reset()


def _dag(bad_day: str) -> DAG:
    with DAG("daily_load", schedule=CronDataIntervalTimetable("@daily", timezone="UTC")) as dag:

        @task(depends_on_past=True)
        def load(ds: Any = None) -> str:
            if ds == bad_day:
                raise ValueError("bad day")
            return ds

        @task
        def report(ds: Any = None) -> str:
            return ds

        load() >> report()
    return dag


def test_a_failure_blocks_the_later_runs_of_a_backfill() -> None:
    results = backfill(_dag("2024-01-09"), "2024-01-08", "2024-01-11")
    assert [r.state for r in results] == ["success", "failed", "running", "running"]
    blocked = results[2]
    assert (blocked.tasks["load"].state, blocked.tasks["load"].try_number) == (None, 0)
    assert "depends_on_past" in blocked.tasks["load"].reason
    assert "Airflow keeps this run running" in blocked.error


def test_the_first_run_of_a_backfill_ignores_earlier_runs() -> None:
    dag = _dag("2024-01-08")
    [first] = backfill(dag, "2024-01-08", "2024-01-08")
    assert first.state == "failed"
    later = backfill(dag, "2024-01-09", "2024-01-10")
    assert [r.state for r in later] == ["success", "success"]


def test_without_depends_on_past_nothing_waits() -> None:
    with DAG("free", schedule=CronDataIntervalTimetable("@daily", timezone="UTC")) as dag:

        @task
        def flaky(ds: Any = None) -> str:
            if ds == "2024-01-08":
                raise ValueError("x")
            return ds

        flaky()
    assert [r.state for r in backfill(dag, "2024-01-08", "2024-01-09")] == ["failed", "success"]


def _latest_only_dag() -> DAG:
    from quizapp.sandbox import EmptyOperator, LatestOnlyOperator

    with DAG("latest", schedule=CronDataIntervalTimetable("@daily", timezone="UTC")) as dag:
        latest = LatestOnlyOperator(task_id="latest_only")
        notify = EmptyOperator(task_id="notify")
        always = EmptyOperator(task_id="always", trigger_rule="all_done")
        latest >> notify >> always
    return dag


def test_latest_only_skips_downstream_in_a_backfill_of_past_dates() -> None:
    """Airflow compares the wall clock with the run's window: past intervals skip."""
    results = backfill(_latest_only_dag(), "2024-01-08", "2024-01-09")
    for result in results:
        assert result.tasks["latest_only"].state == "success"
        assert result.tasks["notify"].state == "skipped"
        assert result.tasks["always"].state == "success"


def test_latest_only_runs_downstream_in_the_current_interval_and_by_hand() -> None:
    from datetime import UTC, datetime, timedelta

    from quizapp.sandbox.runner import run_dag

    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
    current = run_dag(_latest_only_dag(), logical_date=yesterday, run_type="scheduled")
    assert current.tasks["notify"].state == "success"
    manual = _latest_only_dag().test(logical_date="2024-01-08")
    assert manual.tasks["notify"].state == "success"
