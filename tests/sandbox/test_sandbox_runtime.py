"""Templating, data intervals, executors and pools, timeouts, logs, events, file errors."""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp.sandbox import (
    DAG,
    BashOperator,
    CronDataIntervalTimetable,
    EmptyOperator,
    PythonOperator,
    SandboxError,
    backfill,
    run_dag,
    task,
)
from quizapp.sandbox.events import (
    Event,
    LogLine,
    RunFinished,
    RunStarted,
    TaskQueued,
    TaskRunning,
    TaskSucceeded,
    event_from_dict,
    event_to_dict,
)
from quizapp.sandbox.exceptions import (
    DagCycleError,
    DagFileError,
    DuplicateTaskIdFound,
    UnsupportedImportError,
)
from quizapp.sandbox.loader import load_dag_file, load_dag_source

DAY = "2024-01-15"


# templating ---------------------------------------------------------------------
def test_templated_fields_and_taskflow_string_arguments_are_rendered() -> None:
    with DAG("templating", schedule="@daily", params={"who": "world"}) as dag:
        PythonOperator(
            task_id="classic",
            python_callable=lambda day, templates_dict, who: [day, templates_dict, who],
            op_args=["{{ ds }}"],
            op_kwargs={"who": "{{ params.who }}"},
            templates_dict={"tomorrow": "{{ macros.ds_add(ds, 1) }}", "nodash": "{{ ds_nodash }}"},
        )

        @task
        def flow(path: str) -> str:
            return path

        flow("s3://bucket/{{ ds }}/data.csv")
    result = dag.test(logical_date=DAY)
    assert result.xcom["classic"]["return_value"] == [
        "2024-01-15",
        {"tomorrow": "2024-01-16", "nodash": "20240115"},
        "world",
    ]
    assert result.xcom["flow"]["return_value"] == "s3://bucket/2024-01-15/data.csv"


@pytest.mark.skipif(sys.platform == "win32", reason="BashOperator needs bash")
def test_bash_command_is_templated_and_its_last_line_is_the_xcom() -> None:
    with DAG("bash") as dag:
        BashOperator(task_id="say", bash_command="echo first; echo day={{ ds }} ts={{ ts }}")
        BashOperator(task_id="skip", bash_command="exit 99")
        BashOperator(task_id="fail", bash_command="exit 3")
    result = dag.test(logical_date=DAY)
    assert result.xcom["say"]["return_value"] == "day=2024-01-15 ts=2024-01-15T00:00:00+00:00"
    assert "INFO - first" in result.tasks["say"].log
    assert result.tasks["skip"].state == "skipped"
    assert result.tasks["fail"].state == "failed"
    assert "non-zero exit code 3" in result.tasks["fail"].reason


def test_an_undefined_template_variable_fails_the_task_naming_it() -> None:
    with DAG("bad_template") as dag:
        PythonOperator(task_id="t", python_callable=lambda x: x, op_args=["{{ nope }}"])
    result = dag.test(logical_date=DAY)
    assert result.tasks["t"].state == "failed"
    assert "nope" in result.tasks["t"].reason


# data intervals ---------------------------------------------------------------------
def _interval(schedule: Any, **options: Any) -> tuple[str, str, str]:
    with DAG("interval", schedule=schedule, start_date=datetime(2024, 1, 1)) as dag:

        @task
        def show(data_interval_start: Any = None, data_interval_end: Any = None, ds: Any = None):
            return [data_interval_start.isoformat(), data_interval_end.isoformat(), ds]

        show()
    result = run_dag(dag, logical_date=DAY, **options)
    start, end, ds = result.xcom["show"]["return_value"]
    assert (start, end) == (result.data_interval_start, result.data_interval_end)
    return start[:10], end[:10], ds


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (None, ("2024-01-15", "2024-01-15", "2024-01-15")),
        ("@daily", ("2024-01-15", "2024-01-15", "2024-01-15")),
        ("0 0 * * *", ("2024-01-15", "2024-01-15", "2024-01-15")),
        (timedelta(days=1), ("2024-01-15", "2024-01-15", "2024-01-15")),
        (
            CronDataIntervalTimetable("@daily", timezone="UTC"),
            ("2024-01-14", "2024-01-15", "2024-01-15"),
        ),
    ],
)
def test_manual_run_data_interval(schedule: Any, expected: tuple[str, str, str]) -> None:
    """Airflow 3: cron strings and timedeltas make trigger timetables (zero-length
    intervals); a manual run of a CronDataIntervalTimetable DAG covers the last complete
    period before the logical date."""
    assert _interval(schedule) == expected


def test_scheduled_run_of_a_data_interval_timetable_covers_the_next_day() -> None:
    schedule = CronDataIntervalTimetable("@daily", timezone="UTC")
    assert _interval(schedule, run_type="scheduled") == ("2024-01-15", "2024-01-16", "2024-01-15")


def test_backfill_runs_every_scheduled_date() -> None:
    with DAG("week", schedule=CronDataIntervalTimetable("@daily", timezone="UTC")) as dag:

        @task
        def day(ds: Any = None) -> str:
            return ds

        day()
    results = backfill(dag, "2024-01-08", "2024-01-14")
    assert [r.xcom["day"]["return_value"] for r in results] == [
        f"2024-01-{d:02d}" for d in range(8, 15)
    ]
    # Airflow's DagRun.generate_run_id builds it from run_after, the interval's end.
    assert results[0].run_id == "backfill__2024-01-09T00:00:00+00:00"
    assert results[0].data_interval_end.startswith("2024-01-09")


def test_logical_date_accepts_iso_timestamps_and_rejects_nonsense() -> None:
    with DAG("dates") as dag:
        EmptyOperator(task_id="t")
    assert run_dag(dag, logical_date="2024-01-15T06:30:00+02:00").logical_date == (
        "2024-01-15T04:30:00+00:00"
    )
    with pytest.raises(SandboxError, match="cannot read the logical date"):
        run_dag(dag, logical_date="next tuesday")


# executors, pools, timeouts ---------------------------------------------------------
def _concurrency(events: list[Event]) -> int:
    running, peak = 0, 0
    for event in events:
        if isinstance(event, TaskRunning):
            running += 1
            peak = max(peak, running)
        elif event.kind in ("success", "failed"):
            running -= 1
    return peak


def _sleepy_dag(pool: str | None = None, max_active_tasks: int = 16) -> DAG:
    with DAG("parallel", max_active_tasks=max_active_tasks) as dag:
        for i in range(6):
            PythonOperator(task_id=f"t{i}", python_callable=lambda: time.sleep(0.05), pool=pool)
    return dag


def test_local_executor_runs_ready_tasks_in_parallel_within_pool_slots() -> None:
    """Pools live in Airflow's metadata database, not in DAG files; the sandbox takes them
    as ``pools={"name": slots}`` (CLI ``--pool name=slots``, or a file's ``SANDBOX_POOLS``)
    beside ``default_pool`` with Airflow's 128 slots. A task naming an unknown pool is an
    error before the run (Airflow would leave it unscheduled for ever)."""
    threads: set[int] = set()
    with DAG("threads") as dag:
        for i in range(4):
            PythonOperator(
                task_id=f"t{i}",
                python_callable=lambda: (threads.add(threading.get_ident()), time.sleep(0.05)),
            )
    assert run_dag(dag, executor="local", logical_date=DAY).state == "success"
    assert len(threads) > 1
    result = run_dag(_sleepy_dag(pool="api"), executor="local", pools={"api": 2}, logical_date=DAY)
    assert result.state == "success"
    assert 1 <= _concurrency(result.events) <= 2


def test_max_active_tasks_caps_parallel_tries() -> None:
    result = run_dag(_sleepy_dag(max_active_tasks=3), executor="local", logical_date=DAY)
    assert result.state == "success"
    assert _concurrency(result.events) <= 3


def test_sequential_executor_runs_one_at_a_time() -> None:
    result = run_dag(_sleepy_dag(), executor="sequential", logical_date=DAY)
    assert _concurrency(result.events) == 1


def test_pool_errors_name_the_task_and_pool() -> None:
    with pytest.raises(SandboxError, match="task 't0' uses pool 'api', which does not exist"):
        run_dag(_sleepy_dag(pool="api"), logical_date=DAY)
    with DAG("big") as dag:
        EmptyOperator(task_id="wide", pool="api", pool_slots=3)
    with pytest.raises(SandboxError, match="needs pool_slots=3 but pool 'api' has only 2"):
        run_dag(dag, pools={"api": 2}, logical_date=DAY)


def test_execution_timeout_stops_hanging_code_on_real_time() -> None:
    with DAG("hang", default_args={"retry_delay": timedelta(0)}) as dag:

        @task(execution_timeout=timedelta(seconds=0.2), retries=1)
        def spin() -> None:
            while True:
                pass

        spin() >> EmptyOperator(task_id="after")
    result = dag.test(logical_date=DAY)
    assert (result.tasks["spin"].state, result.tasks["spin"].try_number) == ("failed", 2)
    assert "AirflowTaskTimeout" in result.tasks["spin"].reason
    assert result.tasks["after"].state == "upstream_failed"


def test_sys_exit_in_a_task_fails_only_that_task() -> None:
    with DAG("exit") as dag:
        PythonOperator(task_id="quits", python_callable=lambda: sys.exit(2))
        EmptyOperator(task_id="fine")
    result = dag.test(logical_date=DAY)
    assert result.tasks["quits"].state == "failed"
    assert "sys.exit(2)" in result.tasks["quits"].reason
    assert result.tasks["fine"].state == "success"


# logs and events ----------------------------------------------------------------------
def test_prints_and_logging_are_captured_per_try() -> None:
    import logging

    def chatty(ti: Any) -> None:
        print(f"hello from try {ti.try_number}")
        logging.getLogger("mine").info("logged %s", ti.try_number)
        if ti.try_number == 1:
            raise RuntimeError("again")

    with DAG("logs", default_args={"retry_delay": timedelta(0)}) as dag:
        PythonOperator(task_id="chatty", python_callable=chatty, retries=1)
    tries = dag.test(logical_date=DAY).tasks["chatty"].tries
    assert tries[0].log[:2] == ["hello from try 1", "INFO - logged 1"]
    assert "RuntimeError: again" in tries[0].log
    assert tries[1].log[:2] == ["hello from try 2", "INFO - logged 2"]


def test_events_arrive_in_order_through_one_sink_and_round_trip() -> None:
    seen: list[Event] = []
    with DAG("events") as dag:
        PythonOperator(task_id="a", python_callable=lambda: print("hi"))
    result = run_dag(dag, sink=seen.append, logical_date=DAY)
    assert seen == result.events
    assert [type(e) for e in seen] == [
        RunStarted, TaskQueued, TaskRunning, LogLine, LogLine, TaskSucceeded, RunFinished,
    ]  # fmt: skip
    assert all(event_from_dict(event_to_dict(e)) == e for e in seen)
    assert result.to_json()["events"][0]["event"] == "run_started"


# errors -----------------------------------------------------------------------------------
def test_cycle_error_names_the_cycle() -> None:
    with DAG("loop") as dag:
        a, b, c = (EmptyOperator(task_id=x) for x in "abc")
        a >> b >> c >> a
    with pytest.raises(DagCycleError, match="a -> b -> c -> a"):
        dag.test(logical_date=DAY)


def test_duplicate_task_id_names_the_task() -> None:
    with DAG("dupes"), pytest.raises(DuplicateTaskIdFound, match="'same'"):
        EmptyOperator(task_id="same")
        EmptyOperator(task_id="same")


def test_taskflow_reuse_gets_suffixed_ids_as_in_airflow() -> None:
    with DAG("suffix") as dag:

        @task
        def step() -> None:
            return None

        step()
        step()
    assert dag.task_ids == ["step", "step__1"]


def test_unknown_operator_argument_is_an_error() -> None:
    with DAG("typo"), pytest.raises(SandboxError, match="retires"):
        EmptyOperator(task_id="t", retires=3)


SOURCE = """
from airflow.sdk import DAG
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("from_source") as dag:
    EmptyOperator(task_id="only")
"""


def test_source_with_airflow_imports_loads_and_runs() -> None:
    dags = load_dag_source(SOURCE)
    assert list(dags) == ["from_source"]
    assert dags["from_source"].test(logical_date=DAY).state == "success"


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        (
            "from airflow.sdk import AssetWatcher\n",
            UnsupportedImportError,
            "'AssetWatcher' (from airflow.sdk)",
        ),
        ("from airflow.providers.amazon.aws import S3\n", UnsupportedImportError, "amazon"),
        ("import airflow\n", UnsupportedImportError, "'import airflow'"),
        ("def broken(:\n", DagFileError, "dag.py:1: syntax error"),
        ("x = 1\n", DagFileError, "no DAG found"),
        ("raise KeyError('k')\n", DagFileError, "dag.py:1: KeyError"),
    ],
)
def test_file_errors_name_file_line_and_problem(
    tmp_path: Path, source: str, error: type[Exception], message: str
) -> None:
    path = tmp_path / "dag.py"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(error) as info:
        load_dag_file(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.skipif(sys.platform == "win32", reason="BashOperator needs bash")
def test_execution_timeout_kills_a_bash_subprocess() -> None:
    with DAG("slow_bash") as dag:
        BashOperator(
            task_id="slow",
            bash_command="echo start; sleep 30; echo never",
            execution_timeout=timedelta(seconds=0.3),
        )
    result = dag.test(logical_date=DAY)
    assert result.tasks["slow"].state == "failed"
    assert "AirflowTaskTimeout" in result.tasks["slow"].reason
    assert "INFO - start" in result.tasks["slow"].log
    assert "INFO - never" not in result.tasks["slow"].log


def test_max_active_tis_per_dagrun_caps_a_mapped_task() -> None:
    with DAG("capped_mapping") as dag:

        @task(max_active_tis_per_dagrun=2)
        def fetch(page: int) -> int:
            time.sleep(0.05)
            return page

        fetch.expand(page=list(range(6)))
    result = run_dag(dag, executor="local", logical_date=DAY)
    assert result.state == "success"
    assert _concurrency(result.events) <= 2
