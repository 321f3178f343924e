"""Branching, short-circuits, retries, mapping, sensors, XCom, TaskGroups, run states."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest

from quizapp.sandbox import (
    DAG,
    AirflowFailException,
    AirflowSkipException,
    BranchPythonOperator,
    EmptyOperator,
    PokeReturnValue,
    PythonOperator,
    PythonSensor,
    ShortCircuitOperator,
    TaskGroup,
    chain,
    task,
    task_group,
)
from quizapp.sandbox.result import RunResult
from quizapp.sandbox.retry import retry_delay

DAY = "2024-01-15"


def states(result: RunResult) -> dict[str, tuple[str | None, int]]:
    return {label: (t.state, t.try_number) for label, t in result.tasks.items()}


def _ret(value: Any) -> Any:
    return lambda: value


def _boom() -> None:
    raise ValueError("boom")


# branching ------------------------------------------------------------------
def _branch_dag(choice: Any, join_rule: str = "none_failed_min_one_success") -> RunResult:
    with DAG("branching", default_args={"retry_delay": timedelta(0)}) as dag:
        branch = BranchPythonOperator(task_id="branch", python_callable=_ret(choice))
        a = EmptyOperator(task_id="a")
        b = EmptyOperator(task_id="b")
        b2 = EmptyOperator(task_id="b2")
        join = EmptyOperator(task_id="join", trigger_rule=join_rule)
        branch >> [a, b]
        b >> b2
        [a, b2] >> join
    return dag.test(logical_date=DAY)


def test_branch_skips_the_other_path_and_skip_propagates() -> None:
    result = _branch_dag("a", join_rule="all_success")
    assert states(result) == {
        "branch": ("success", 1),
        "a": ("success", 1),
        "b": ("skipped", 0),
        "b2": ("skipped", 0),
        "join": ("skipped", 0),
    }
    assert result.state == "success"


def test_branch_returning_a_list_follows_every_listed_task() -> None:
    """Airflow 3's SkipMixin raises DownstreamTasksSkipped only when something is skipped;
    that exception ends execute() before the return value is pushed. So a branch that
    skips tasks has no return_value XCom (as the conformance cases show), and one that
    follows every downstream task keeps it. We read this from the Task SDK's source."""
    result = _branch_dag(["a", "b"])
    assert {k: v[0] for k, v in states(result).items()} == dict.fromkeys(
        ["branch", "a", "b", "b2", "join"], "success"
    )
    # nothing skipped: execute returned normally, so the return value is an XCom too
    assert result.xcom["branch"]["return_value"] == ["a", "b"]
    assert set(result.xcom["branch"]["skipmixin_key"]["followed"]) == {"a", "b"}


def test_branch_returning_none_skips_every_direct_downstream() -> None:
    result = _branch_dag(None)
    assert states(result)["a"] == ("skipped", 0)
    assert states(result)["b"] == ("skipped", 0)
    assert states(result)["join"] == ("skipped", 0)
    assert result.xcom["branch"] == {"skipmixin_key": {"followed": []}}


def test_branch_returning_an_unknown_task_id_fails_naming_it() -> None:
    result = _branch_dag("nope")
    branch = result.tasks["branch"]
    assert branch.state == "failed"
    assert "'nope'" in branch.reason and "'branch'" in branch.reason
    assert states(result)["a"] == ("upstream_failed", 0)
    assert result.state == "failed"


def test_branch_to_a_downstream_join_keeps_the_join() -> None:
    """Airflow's special case: a followed task's own downstreams are never skipped."""
    with DAG("branch_join") as dag:
        branch = BranchPythonOperator(task_id="branch", python_callable=_ret("task1"))
        task1 = EmptyOperator(task_id="task1")
        join = EmptyOperator(task_id="join")
        branch >> [task1, join]
        task1 >> join
    assert states(dag.test(logical_date=DAY))["join"] == ("success", 1)


def test_task_branch_to_a_task_group_follows_its_roots() -> None:
    with DAG("branch_group") as dag:

        @task.branch
        def pick() -> str:
            return "g"

        other = EmptyOperator(task_id="other")
        with TaskGroup("g") as g:
            EmptyOperator(task_id="first") >> EmptyOperator(task_id="second")
        pick() >> [g, other]
    result = dag.test(logical_date=DAY)
    assert states(result)["g.first"] == ("success", 1)
    assert states(result)["g.second"] == ("success", 1)
    assert states(result)["other"] == ("skipped", 0)


# short circuit ----------------------------------------------------------------
def _short_circuit(ignore: bool) -> RunResult:
    with DAG("sc") as dag:
        sc = ShortCircuitOperator(
            task_id="sc", python_callable=_ret(False), ignore_downstream_trigger_rules=ignore
        )
        d1 = EmptyOperator(task_id="d1")
        d2 = EmptyOperator(task_id="d2")
        d3 = EmptyOperator(task_id="d3", trigger_rule="all_done")
        sc >> d1 >> [d2, d3]
    return dag.test(logical_date=DAY)


def test_short_circuit_respecting_trigger_rules_skips_only_direct_downstream() -> None:
    result = _short_circuit(ignore=False)
    assert states(result) == {
        "sc": ("success", 1),
        "d1": ("skipped", 0),
        "d2": ("skipped", 0),
        "d3": ("success", 1),
    }
    assert result.xcom["sc"] == {"skipmixin_key": {"skipped": ["d1"]}}


def test_short_circuit_ignoring_trigger_rules_skips_everything_downstream() -> None:
    result = _short_circuit(ignore=True)
    assert {k: v for k, v in states(result).items() if k != "sc"} == {
        "d1": ("skipped", 0),
        "d2": ("skipped", 0),
        "d3": ("skipped", 0),
    }


def test_task_short_circuit_truthy_value_continues_and_is_pushed() -> None:
    with DAG("sc_true") as dag:

        @task.short_circuit
        def check() -> int:
            return 7

        check() >> EmptyOperator(task_id="after")
    result = dag.test(logical_date=DAY)
    assert states(result)["after"] == ("success", 1)
    assert result.xcom["check"] == {"return_value": 7}


# retries ----------------------------------------------------------------------
def test_retry_delays_advance_the_virtual_clock_not_real_time() -> None:
    """Decision: task code takes no virtual time. The clock only jumps over waits
    (retry_delay, poke_interval, reschedules), so timelines are exact and repeatable;
    the real duration of each try is kept separately (TryRecord.duration)."""
    with DAG("retry_clock") as dag:

        @task(retries=2, retry_delay=timedelta(minutes=5))
        def flaky(ti: Any = None) -> int:
            if ti.try_number < 3:
                raise RuntimeError("not yet")
            return ti.try_number

        flaky() >> EmptyOperator(task_id="after")
    result = dag.test(logical_date=DAY)
    tries = result.tasks["flaky"].tries
    assert [(t.try_number, t.started_at[11:19], t.state) for t in tries] == [
        (1, "00:00:00", "failed"),
        (2, "00:05:00", "failed"),
        (3, "00:10:00", "success"),
    ]
    assert [(e.task, e.offset) for e in result.timeline] == [
        ("flaky", 0.0),
        ("flaky", 300.0),
        ("flaky", 600.0),
        ("after", 600.0),
    ]
    assert result.duration < 60  # the run did not wait ten real minutes


def test_exponential_backoff_matches_airflows_formula() -> None:
    """Airflow: ceil(delay * 2**(try-1)) seconds plus a sha1-based jitter below that much,
    capped by max_retry_delay (here 30 minutes)."""
    with DAG("backoff", default_args={"retries": 4}) as dag:
        op = PythonOperator(
            task_id="boom",
            python_callable=_boom,
            retry_delay=timedelta(minutes=5),
            retry_exponential_backoff=True,
            max_retry_delay=timedelta(minutes=30),
        )
    result = dag.test(logical_date=DAY)
    offsets = [e.offset for e in result.timeline]
    waits = [b - a for a, b in itertools.pairwise(offsets)]
    logical = datetime.fromisoformat(result.logical_date)
    expected = [retry_delay(op, "backoff", logical, n).total_seconds() for n in (1, 2, 3, 4)]
    assert waits == expected
    for n, wait in enumerate(waits, start=1):
        base = 300 * 2 ** (n - 1)
        assert min(base, 1800) <= wait <= min(2 * base, 1800)
    assert result.tasks["boom"].try_number == 5
    assert result.tasks["boom"].max_tries == 4


def test_fail_exception_skips_the_remaining_retries() -> None:
    def give_up() -> None:
        raise AirflowFailException("no point retrying")

    with DAG("fail_fast") as dag:
        PythonOperator(task_id="t", python_callable=give_up, retries=3)
    assert states(dag.test(logical_date=DAY)) == {"t": ("failed", 1)}


def test_skip_exception_marks_the_task_skipped_after_running() -> None:
    def skip_me() -> None:
        raise AirflowSkipException("nothing to do")

    with DAG("skip_self") as dag:
        PythonOperator(task_id="t", python_callable=skip_me) >> EmptyOperator(task_id="after")
    result = dag.test(logical_date=DAY)
    assert states(result) == {"t": ("skipped", 1), "after": ("skipped", 0)}
    assert result.state == "success"


def test_run_fails_only_when_a_leaf_fails() -> None:
    """A failed task whose all_done downstream leaf succeeds leaves the run green."""
    with DAG("leaf_rule") as dag:
        boom = PythonOperator(task_id="boom", python_callable=_boom)
        cleanup = EmptyOperator(task_id="cleanup", trigger_rule="all_done")
        boom >> cleanup
    result = dag.test(logical_date=DAY)
    assert states(result) == {"boom": ("failed", 1), "cleanup": ("success", 1)}
    assert result.state == "success"


# mapping ----------------------------------------------------------------------
def test_mapping_with_a_failing_element_and_the_reduce_after_it() -> None:
    with DAG("mapping") as dag:

        @task
        def square(x: int) -> int:
            if x == 2:
                raise ValueError("two")
            return x * x

        @task
        def total(values: list[int]) -> int:
            return sum(values)

        @task(trigger_rule="all_done")
        def survivors(values: list[int]) -> list[int]:
            return list(values)

        squares = square.expand(x=[1, 2, 3])
        total(squares)
        survivors(squares)
    result = dag.test(logical_date=DAY)
    assert states(result) == {
        "square[0]": ("success", 1),
        "square[1]": ("failed", 1),
        "square[2]": ("success", 1),
        "total": ("upstream_failed", 0),
        "survivors": ("success", 1),
    }
    assert result.xcom["survivors"]["return_value"] == [1, 9]
    assert result.state == "failed"


def test_mapping_over_an_upstream_output_with_partial_and_cartesian_product() -> None:
    with DAG("mapping_product") as dag:

        @task
        def numbers() -> list[int]:
            return [1, 2]

        @task
        def combine(x: int, y: str, sep: str) -> str:
            return f"{x}{sep}{y}"

        combine.partial(sep="-").expand(x=numbers(), y=["a", "b"])
    result = dag.test(logical_date=DAY)
    values = [result.xcom[f"combine[{i}]"]["return_value"] for i in range(4)]
    assert values == ["1-a", "1-b", "2-a", "2-b"]


def test_classic_operator_partial_expand() -> None:
    with DAG("classic_mapping") as dag:
        PythonOperator.partial(task_id="double", python_callable=lambda v: v * 2).expand(
            op_args=[[1], [5]]
        )
    result = dag.test(logical_date=DAY)
    assert result.xcom == {"double[0]": {"return_value": 2}, "double[1]": {"return_value": 10}}


def test_mapping_over_an_empty_list_skips_the_task() -> None:
    with DAG("mapping_empty") as dag:

        @task
        def nothing() -> list[int]:
            return []

        @task
        def each(x: int) -> int:
            return x

        each.expand(x=nothing()) >> EmptyOperator(task_id="after")
    assert states(dag.test(logical_date=DAY)) == {
        "nothing": ("success", 1),
        "each": ("skipped", 0),
        "after": ("skipped", 0),
    }


def test_mapping_over_a_non_list_fails_the_producer() -> None:
    with DAG("mapping_bad") as dag:

        @task
        def one() -> int:
            return 1

        @task
        def each(x: int) -> int:
            return x

        each.expand(x=one())
    result = dag.test(logical_date=DAY)
    assert result.tasks["one"].state == "failed"
    assert "unmappable return type 'int'" in result.tasks["one"].reason
    assert result.tasks["each"].state == "upstream_failed"


# sensors ----------------------------------------------------------------------
def test_sensor_pokes_on_the_virtual_clock_until_done() -> None:
    pokes: list[int] = []

    def ready() -> Any:
        pokes.append(1)
        return PokeReturnValue(len(pokes) >= 4, xcom_value={"pokes": len(pokes)})

    with DAG("sensor_ok") as dag:
        PythonSensor(task_id="wait", python_callable=ready, poke_interval=30, timeout=600)
    result = dag.test(logical_date=DAY)
    wait = result.tasks["wait"]
    assert (wait.state, wait.try_number, wait.tries[0].pokes) == ("success", 1, 4)
    assert wait.tries[0].ended_at.endswith("00:01:30+00:00")
    assert result.xcom["wait"] == {"return_value": {"pokes": 4}}


@pytest.mark.parametrize(("soft_fail", "expected"), [(False, "failed"), (True, "skipped")])
def test_sensor_timeout_with_and_without_soft_fail(soft_fail: bool, expected: str) -> None:
    """Airflow pokes, then times out once the run duration is *more* than timeout, on a
    real clock where each poke takes a little time: the poke at 600 s is the last
    (pokes at 0, 30, ..., 600 s: 21); no retry after a sensor timeout."""
    with DAG("sensor_timeout") as dag:
        PythonSensor(
            task_id="wait",
            python_callable=_ret(False),
            poke_interval=30,
            timeout=600,
            soft_fail=soft_fail,
            retries=2,
        ) >> EmptyOperator(task_id="after")
    result = dag.test(logical_date=DAY)
    wait = result.tasks["wait"]
    assert (wait.state, wait.try_number, wait.tries[0].pokes) == (expected, 1, 21)
    assert wait.tries[0].ended_at.endswith("00:10:00+00:00")
    after = "upstream_failed" if expected == "failed" else "skipped"
    assert states(result)["after"] == (after, 0)


def test_reschedule_mode_keeps_the_try_number_and_frees_the_slot() -> None:
    calls: list[int] = []

    def third() -> bool:
        calls.append(1)
        return len(calls) >= 3

    with DAG("sensor_reschedule") as dag:

        @task.sensor(poke_interval=60, timeout=3600, mode="reschedule")
        def wait() -> bool:
            return third()

        wait()
        EmptyOperator(task_id="other")
    result = dag.test(logical_date=DAY)
    kinds = [e.kind for e in result.events if getattr(e, "task_id", "") == "wait"]
    assert kinds.count("up_for_reschedule") == 2
    assert kinds.count("queued") == 1
    assert states(result)["wait"] == ("success", 1)
    assert states(result)["other"] == ("success", 1)


# XCom, TaskFlow ---------------------------------------------------------------
def test_multiple_outputs_push_each_key_and_the_whole_dict() -> None:
    with DAG("multi") as dag:

        @task
        def split() -> dict[str, int]:  # a dict return type infers multiple_outputs
            return {"a": 1, "b": 2}

        @task
        def add(a: int, b: int) -> int:
            return a + b

        parts = split()
        add(parts["a"], parts["b"])
    result = dag.test(logical_date=DAY)
    assert result.xcom["split"] == {"a": 1, "b": 2, "return_value": {"a": 1, "b": 2}}
    assert result.xcom["add"] == {"return_value": 3}


def test_taskflow_call_checks_arguments_when_the_dag_is_defined() -> None:
    from quizapp.sandbox import SandboxError

    with DAG("bad_call"):

        @task
        def needs(x: int, ti: Any = None) -> int:
            return x

        with pytest.raises(SandboxError, match="missing a required argument: 'x'"):
            needs()


def test_none_return_pushes_no_xcom() -> None:
    with DAG("none_xcom") as dag:
        PythonOperator(task_id="quiet", python_callable=_ret(None))
    assert dag.test(logical_date=DAY).xcom == {}


# TaskGroups ---------------------------------------------------------------------
def test_task_group_dependencies_link_every_root_and_leaf() -> None:
    with DAG("groups", default_args={"retries": 1}) as dag:
        start = EmptyOperator(task_id="start")
        with TaskGroup("etl", default_args={"retries": 3}) as etl:
            extract = EmptyOperator(task_id="extract")
            audit = EmptyOperator(task_id="audit")
            with TaskGroup("load"):
                load = EmptyOperator(task_id="table")
            extract >> load
        end = EmptyOperator(task_id="end")
        start >> etl >> end
    assert dag.get_task("start").downstream_task_ids == {"etl.extract", "etl.audit"}
    assert dag.get_task("end").upstream_task_ids == {"etl.audit", "etl.load.table"}
    assert load.task_id == "etl.load.table"
    assert (start.retries, extract.retries, audit.retries) == (1, 3, 3)
    assert dag.test(logical_date=DAY).state == "success"


def test_task_group_decorator_returns_the_last_task() -> None:
    with DAG("group_decorator") as dag:

        @task
        def make() -> int:
            return 2

        @task
        def double(x: int) -> int:
            return x * 2

        @task_group
        def pipeline() -> Any:
            return double(make())

        @task
        def show(x: int) -> int:
            return x

        show(pipeline())
    result = dag.test(logical_date=DAY)
    assert result.xcom["show"] == {"return_value": 4}
    assert "pipeline.double" in result.tasks


def test_chain_links_lists_pairwise() -> None:
    with DAG("chained") as dag:
        a, b, c, d, e, f = (EmptyOperator(task_id=x) for x in "abcdef")
        chain(a, [b, c], [d, e], f)
    assert dag.get_task("d").upstream_task_ids == {"b"}
    assert dag.get_task("e").upstream_task_ids == {"c"}
    assert dag.get_task("f").upstream_task_ids == {"d", "e"}


def test_default_args_fill_only_what_the_task_leaves_out() -> None:
    with DAG("defaults", default_args={"retries": 2, "retry_delay": timedelta(seconds=9)}):
        plain = EmptyOperator(task_id="plain")
        own = EmptyOperator(task_id="own", retries=5)
    assert (plain.retries, plain.retry_delay, own.retries) == (2, timedelta(seconds=9), 5)


def test_a_sensor_that_would_poke_forever_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """poke_interval=0 never moves the virtual clock towards the timeout; the sandbox
    stops such a sensor after a fixed number of pokes instead of spinning for ever."""
    monkeypatch.setattr("quizapp.sandbox.runner.MAX_POKES_PER_TRY", 50)
    with DAG("spin") as dag:
        PythonSensor(task_id="spin", python_callable=_ret(False), poke_interval=0)
    wait = dag.test(logical_date=DAY).tasks["spin"]
    assert (wait.state, wait.tries[0].pokes) == ("failed", 50)
    assert "raise poke_interval" in wait.reason


def test_xcom_pull_follows_the_task_sdk_rules() -> None:
    """Airflow 3's RuntimeTaskInstance.xcom_pull: without map_indexes every map index is
    pulled, flattened in task_ids order; a single task with a single value gives the value.
    Where the SDK's docstring and code differ (a missing task without map_indexes), the
    code wins: Airflow 3.3.2 returns None there, not ``default`` (checked against a real
    run); with map_indexes a missing value is ``default``."""
    with DAG("pulls") as dag:

        @task
        def one() -> int:
            return 1

        @task
        def many(x: int) -> int:
            return x * 10

        @task
        def pull(ti: Any = None) -> dict[str, Any]:
            return {
                "single": ti.xcom_pull(task_ids="one"),
                "mapped": ti.xcom_pull(task_ids="many"),
                "flat": ti.xcom_pull(task_ids=["one", "many", "nothing"]),
                "index": ti.xcom_pull(task_ids="many", map_indexes=1),
                "indexes": ti.xcom_pull(task_ids="many", map_indexes=[0, 2]),
                "missing": ti.xcom_pull(task_ids="nothing", default="n/a"),
                "missing_index": ti.xcom_pull(task_ids="nothing", map_indexes=0, default="n/a"),
            }

        [one(), many.expand(x=[1, 2, 3])] >> pull()
    assert dag.test(logical_date=DAY).xcom["pull"]["return_value"] == {
        "single": 1,
        "mapped": [10, 20, 30],
        "flat": [1, 10, 20, 30, None],
        "index": 20,
        "indexes": [10, 30],
        "missing": None,
        "missing_index": "n/a",
    }


@pytest.mark.parametrize(
    ("flags", "expected"),
    [({}, "failed"), ({"never_fail": True}, "skipped"), ({"silent_fail": True}, "skipped")],
)
def test_sensor_poke_errors_with_never_fail_and_silent_fail(
    flags: dict[str, bool], expected: str
) -> None:
    """A poke that raises fails the sensor; never_fail skips it; silent_fail logs the
    error and keeps poking (so here it times out, and soft_fail makes that a skip)."""

    def broken() -> bool:
        raise ConnectionError("storage unreachable")

    with DAG("sensor_errors") as dag:
        PythonSensor(
            task_id="wait",
            python_callable=broken,
            poke_interval=10,
            timeout=30,
            soft_fail=bool(flags.get("silent_fail")),
            **flags,
        )
    wait = dag.test(logical_date=DAY).tasks["wait"]
    assert wait.state == expected
    if flags.get("silent_fail"):
        assert wait.tries[0].pokes == 4  # 0, 10, 20, 30 s: at 30 s it has timed out
        assert "ERROR - Sensor poke failed: ConnectionError: storage unreachable" in wait.log
