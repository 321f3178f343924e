"""Cases where the sandbox differed from Airflow 3 (or could easily): each pinned here.

Each docstring says what Airflow does and where that was read (Task SDK source,
Airflow's own docs), and what was decided where Airflow's behaviour is not certain.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp.sandbox import (
    DAG,
    AirflowSkipException,
    BashOperator,
    EmptyOperator,
    PythonOperator,
    PythonSensor,
    SandboxError,
    chain,
    task,
)
from quizapp.sandbox.runfile import run_file

DAY = "2024-01-15"
START = datetime.fromisoformat(f"{DAY}T00:00:00+00:00")


def _offset(stamp: str) -> float:
    return (datetime.fromisoformat(stamp) - START).total_seconds()


def test_a_rescheduling_sensor_keeps_its_timeout_across_retries() -> None:
    """Reschedule mode: the timeout counts from the first try, not from each retry.

    Airflow's ``BaseSensorOperator.execute`` takes ``ti.get_first_reschedule_date()``
    (the first reschedule of try ``max_tries - retries + 1``, i.e. of the first try) as
    the start in reschedule mode, and the docs (core concepts, tasks, "Timeouts") say of
    a rescheduling sensor with retries: "Retrying does not reset the timeout". Poke mode
    starts a new clock in each try (``time.monotonic()`` in ``execute``).

    Here: poke every 60 s, timeout 300 s; the first try breaks at 180 s, the retry
    starts at once and pokes at 180, 240, 300 s: at 300 s since the first try's start it
    has timed out (Airflow's ``run_duration() > timeout`` on a real clock, where the
    pokes themselves took a little time), so it fails there (the sandbox used to fail it
    at 540 s).
    """
    pokes: dict[str, int] = {}

    def poke(ti: Any = None) -> bool:
        pokes[ti.task_id] = pokes.get(ti.task_id, 0) + 1
        if ti.try_number == 1 and pokes[ti.task_id] == 4:
            raise ConnectionError("network outage")
        return False

    results = {}
    for mode in ("reschedule", "poke"):
        with DAG(f"{mode}_retry", default_args={"retry_delay": 0}) as dag:
            PythonSensor(
                task_id=mode,
                python_callable=poke,
                mode=mode,
                poke_interval=60,
                timeout=300,
                retries=1,
            )
        results[mode] = dag.test(logical_date=DAY).tasks[mode]
    rescheduled = results["reschedule"]
    assert (rescheduled.state, rescheduled.try_number) == ("failed", 2)
    assert [_offset(t.started_at) for t in rescheduled.tries] == [0, 180]
    assert _offset(rescheduled.tries[-1].ended_at) == 300
    assert "AirflowSensorTimeout" in rescheduled.reason
    # poke mode: the retry gets a fresh 300 s (pokes at 180 ... 480 s)
    poked = results["poke"]
    assert (poked.state, poked.try_number) == ("failed", 2)
    assert _offset(poked.tries[-1].ended_at) == 180 + 300


def test_mapping_over_an_upstream_that_pushed_nothing_is_upstream_failed() -> None:
    """A mapped task whose trigger rule lets it run after its source was skipped or failed.

    Airflow's ``expand_mapped_task`` cannot count the elements (``NotFullyPopulated``:
    "Cannot expand ... missing upstream values") and marks the unexpanded task instance
    ``upstream_failed`` (read in the scheduler's ``expand_mapped_task``); the sandbox
    used to mark it ``failed``. Tasks downstream then follow their own trigger rules.
    """
    with DAG("map_missing_values") as dag:

        @task
        def skipped_source() -> list[int]:
            raise AirflowSkipException("nothing today")

        @task
        def failed_source() -> list[int]:
            raise ValueError("broken")

        @task(trigger_rule="all_done")
        def each(x: int) -> int:
            return x

        @task(trigger_rule="all_done")
        def report() -> str:
            return "done"

        after_skip = each.expand(x=skipped_source())
        after_fail = each.override(task_id="each_failed").expand(x=failed_source())
        [after_skip, after_fail] >> report()
    result = dag.test(logical_date=DAY)
    states = {label: t.state for label, t in result.tasks.items()}
    assert states == {
        "skipped_source": "skipped",
        "failed_source": "failed",
        "each": "upstream_failed",
        "each_failed": "upstream_failed",
        "report": "success",
    }
    assert "pushed nothing to map over" in result.tasks["each"].reason


def test_execution_timeout_bounds_each_poke_of_a_rescheduling_sensor() -> None:
    """Reschedule mode: ``execution_timeout`` limits one poke, not the wait between pokes.

    Airflow's docs (core concepts, tasks, "Timeouts"), on a ``mode="reschedule"`` sensor
    with ``execution_timeout=60 s`` and ``timeout=3600``: "Each time the sensor pokes ...
    it is allowed to take maximum 60 seconds as defined by execution_timeout" - each
    poke is a separate execution. In poke mode the try holds its slot while it waits,
    so the wait counts (the sandbox already did that; kept here for contrast).
    """
    pokes: dict[str, int] = {}

    def fifth_poke(ti: Any = None) -> bool:
        pokes[ti.task_id] = pokes.get(ti.task_id, 0) + 1
        return pokes[ti.task_id] >= 5

    results = {}
    for mode in ("reschedule", "poke"):
        with DAG(f"{mode}_execution_timeout") as dag:
            PythonSensor(
                task_id=mode,
                python_callable=fifth_poke,
                mode=mode,
                poke_interval=60,
                execution_timeout=timedelta(seconds=90),
                retries=2,
                retry_delay=0,
            )
        results[mode] = dag.test(logical_date=DAY).tasks[mode]
    rescheduled = results["reschedule"]
    assert (rescheduled.state, rescheduled.try_number, rescheduled.tries[0].pokes) == (
        "success",
        1,
        5,
    )
    assert _offset(rescheduled.tries[0].ended_at) == 240
    poked = results["poke"]
    assert (poked.state, poked.try_number) == ("success", 3)
    assert [t.error.split(":")[0] for t in poked.tries[:2]] == ["AirflowTaskTimeout"] * 2


def test_mapped_values_from_xcom_are_not_rendered_as_templates() -> None:
    """Only values written in the DAG file are templates; values from XCom are data.

    Airflow's ``DictOfListsExpandInput.resolve`` returns ``resolved_oids`` (the ids of
    values taken from an upstream's output) and ``render_template`` leaves those alone;
    literal ``expand()`` lists are rendered. ``ListOfDictsExpandInput.resolve`` puts
    every value but a list or dict in ``resolved_oids``, so ``expand_kwargs`` strings are
    not rendered either (read in the Task SDK source, ``expandinput.py``). Unmapped
    tasks already behaved so: an XComArg argument is never rendered.
    """
    with DAG("mapped_templates") as dag:

        @task
        def commands() -> list[str]:
            return ["{{ ds }}"]

        @task
        def scripts() -> list[str]:
            return ["echo '{{ ds }}' $D"]

        @task
        def echo(value: Any) -> Any:
            return value

        echo.override(task_id="from_xcom").expand(value=commands())
        echo.override(task_id="literal").expand(value=["{{ ds }}"])
        echo.override(task_id="kwargs").expand_kwargs([{"value": "{{ ds }}"}])
        echo.override(task_id="kwargs_list").expand_kwargs([{"value": ["{{ ds }}"]}])
        BashOperator.partial(task_id="bash", env={"D": "{{ ds }}"}).expand(bash_command=scripts())
    xcom = dag.test(logical_date=DAY).xcom
    assert xcom["from_xcom[0]"]["return_value"] == "{{ ds }}"
    assert xcom["literal[0]"]["return_value"] == DAY
    assert xcom["kwargs[0]"]["return_value"] == "{{ ds }}"
    assert xcom["kwargs_list[0]"]["return_value"] == [DAY]
    # the command ran as it came; the literal partial env was rendered
    assert xcom["bash[0]"]["return_value"] == "{{ ds }} " + DAY


def test_default_args_reach_arguments_the_sandbox_only_stores() -> None:
    """``default_args={"owner": ...}`` sets every task's ``owner`` (mapped ones too).

    Airflow applies a ``default_args`` key to any ``BaseOperator`` argument; the sandbox
    applied only the arguments it acts on, so ``task.owner`` was missing. A task with
    no owner anywhere has Airflow's ``[operators] default_owner``, ``"airflow"``.
    """
    with DAG("owners", default_args={"owner": "data-team", "queue": "etl"}) as dag:

        @task
        def who(task: Any = None) -> list[str]:
            return [task.owner, task.queue]

        @task
        def each(x: int, task: Any = None) -> str:
            return task.owner

        who()
        each.expand(x=[1])
        each.override(task_id="mine", owner="me")(1)
    with DAG("no_owner") as plain:

        @task
        def nobody(task: Any = None) -> str:
            return task.owner

        nobody()
    xcom = dag.test(logical_date=DAY).xcom
    assert xcom["who"]["return_value"] == ["data-team", "etl"]
    assert xcom["each[0]"]["return_value"] == "data-team"
    assert xcom["mine"]["return_value"] == "me"
    assert plain.test(logical_date=DAY).xcom["nobody"]["return_value"] == "airflow"


def test_a_mapped_output_reaches_a_task_as_a_lazy_sequence_in_map_index_order() -> None:
    """A TaskFlow argument from a mapped task is Airflow 3's ``LazyXComSequence``.

    ``PlainXComArg.resolve`` returns ``LazyXComSequence`` for a mapped operator (Task SDK
    ``xcom_arg.py``, ``execution_time/lazy_sequence.py``): items in map-index order (an
    element that pushed nothing is left out), equal to a list with the same items,
    printed as ``LazyXComSequence([2 items])`` once its length was asked, never as the
    values. Returned from a task it is stored as a plain list (Airflow's serde
    serializer for it materializes the list). ``ti.xcom_pull`` still gives a list.
    """
    with DAG("lazy_sequence") as dag:

        @task
        def square(x: int) -> int:
            if x == 0:
                raise AirflowSkipException("nothing to square")
            return x * x

        @task(trigger_rule="none_failed")
        def reduce(values: Any, ti: Any = None) -> Any:
            print(f"before len: {values}")
            size = len(values)
            print(f"after len: {values}")
            pulled = ti.xcom_pull(task_ids="square")
            return {
                "equal": values == [9, 1, 4],
                "size": size,
                "first": values[0],
                "slice": values[1:],
                "pulled": pulled,
                "same": values,
            }

        reduce(square.expand(x=[3, 0, 1, 2]))
    result = dag.test(logical_date=DAY, executor="local")
    assert result.xcom["reduce"]["return_value"] == {
        "equal": True,
        "size": 3,
        "first": 9,
        "slice": [1, 4],
        "pulled": [9, 1, 4],
        "same": [9, 1, 4],
    }
    assert type(result.xcom["reduce"]["return_value"]["same"]) is list
    log = result.tasks["reduce"].log
    assert "before len: LazyXComSequence(<unevaluated length>)" in log
    assert "after len: LazyXComSequence([3 items])" in log


BASH_FILE_DAG = """
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG("bash_files", schedule=None):
    BashOperator(task_id="script", bash_command="report.sh")
    BashOperator(task_id="missing", bash_command="missing.sh")
    BashOperator(task_id="spaced", bash_command="echo run.sh ")
"""


def test_a_bash_command_ending_in_sh_is_a_template_file(tmp_path: Path) -> None:
    """``bash_command="x.sh"`` names a Jinja template file (``template_ext``).

    Airflow's ``BashOperator.template_ext`` is ``(".sh", ".bash")``; ``render_template``
    loads a string ending so with ``jinja_env.get_template`` from the DAG file's folder
    (and ``template_searchpath``), so a missing file fails the task with
    ``TemplateNotFound`` - the classic reason to end an inline command with a space.
    """
    (tmp_path / "report.sh").write_text("echo report for {{ ds }}\n", encoding="utf-8")
    dag_file = tmp_path / "bash_files.py"
    dag_file.write_text(BASH_FILE_DAG, encoding="utf-8")
    (result,) = run_file(dag_file, logical_date=DAY)
    assert result.xcom["script"]["return_value"] == f"report for {DAY}"
    assert result.tasks["missing"].state == "failed"
    assert "TemplateNotFound: 'missing.sh' not found" in result.tasks["missing"].reason
    assert result.xcom["spaced"]["return_value"] == "run.sh"


def test_default_args_fill_taskflow_function_arguments() -> None:
    """A ``default_args`` key named like a ``@task`` function's parameter fills it.

    Airflow's ``DecoratedOperator._hook_apply_defaults`` copies such keys into
    ``op_kwargs`` when they were not given as keywords (so ``f()`` works without the
    argument); the sandbox refused the call as missing an argument. Mapped tasks get
    the same (a mapped value wins over the default), and a strict ``expand_kwargs``
    does not count a default as a partial argument.
    """
    with DAG("defaults_to_args", default_args={"region": "eu", "retries": 0}) as dag:

        @task
        def where(region: str, suffix: str = "") -> str:
            return region + suffix

        where()
        where.override(task_id="given")(region="us")
        where.override(task_id="mapped").expand(suffix=["-1", "-2"])
        where.override(task_id="mapped_region").expand(region=["ap"])
        where.override(task_id="kwargs").expand_kwargs([{"region": "sa"}])
    xcom = dag.test(logical_date=DAY).xcom
    assert xcom["where"]["return_value"] == "eu"
    assert xcom["given"]["return_value"] == "us"
    assert [xcom[f"mapped[{i}]"]["return_value"] for i in (0, 1)] == ["eu-1", "eu-2"]
    assert xcom["mapped_region[0]"]["return_value"] == "ap"
    assert xcom["kwargs[0]"]["return_value"] == "sa"


def test_chain_follows_the_task_sdk_rules() -> None:
    """``chain`` as in the Task SDK: a task next to any collection (a set too) links to
    every member; two lists link pairwise and must have the same length; the errors are
    Airflow's ("Chain not supported for different length Iterable. Got 2 and 3.").

    The sandbox used to link only the first member of a set next to a task.
    """
    with DAG("chains") as dag:
        a, b, c, d, e, f, g = (EmptyOperator(task_id=name) for name in "abcdefg")
        chain({a, b}, c, [d, e], (f, g))
        with pytest.raises(ValueError, match=r"different length Iterable\. Got 2 and 3\."):
            chain([a, b], [c, d, e])
        with pytest.raises(TypeError, match="Chain not supported between instances"):
            chain({a}, {b})
    upstream = {t.task_id: sorted(t.upstream_task_ids) for t in dag.tasks}
    assert upstream == {
        "a": [],
        "b": [],
        "c": ["a", "b"],
        "d": ["c"],
        "e": ["c"],
        "f": ["d"],
        "g": ["e"],
    }


def test_a_mapped_task_with_no_instances_reaches_a_task_as_an_empty_sequence() -> None:
    """``after`` (``all_done``) takes the output of ``proc``, mapped over an empty list.

    Airflow skips a task mapped over nothing (``expand_mapped_task``: total length 0),
    and a mapped task's output always reaches a task as a ``LazyXComSequence``
    (``PlainXComArg.resolve`` returns one for any mapped operator), here an empty one:
    ``list(xs)`` is ``[]``. The sandbox used to pass ``None`` and the task failed.
    ``total`` (``all_success``) is skipped with its skipped upstream.
    """
    with DAG("empty_mapping_downstream") as dag:

        @task
        def nothing() -> list[int]:
            return []

        @task
        def proc(x: int) -> int:
            return x

        @task
        def total(xs: Any) -> int:
            return sum(xs)

        @task(trigger_rule="all_done")
        def after(xs: Any) -> list[int]:
            return list(xs)

        processed = proc.expand(x=nothing())
        total(processed)
        after(processed)

    result = dag.test(logical_date=DAY)
    states = {label: (t.state, t.try_number) for label, t in result.tasks.items()}
    assert states == {
        "nothing": ("success", 1),
        "proc": ("skipped", 0),
        "total": ("skipped", 0),
        "after": ("success", 1),
    }
    assert result.xcom["after"]["return_value"] == []
    assert result.state == "success"


def test_fail_fast_is_refused_rather_than_ignored() -> None:
    """``fail_fast=True`` changes states (Airflow's ``_stop_remaining_tasks``: on a failure,
    running tasks fail and every other task not yet success or failed is skipped,
    teardowns aside), and the try numbers it leaves depend on which tasks ``dag.test``
    had already scheduled in the same pass. The sandbox does not model that pass, so it
    refuses the flag instead of silently running the DAG as if it were not set."""
    with pytest.raises(SandboxError, match="fail_fast=True is not supported"):
        DAG("stop_on_failure", fail_fast=True)
    assert DAG("keeps_going", fail_fast=False).dag_id == "keeps_going"


def test_a_task_mapped_over_literals_has_its_instances_from_the_start() -> None:
    """Airflow creates the instances of a task mapped over literal values with the DAG
    run (``DagRun._create_tasks``: "expand any MappedOperator that _only_ have literals
    as input"), so when an upstream fails each instance is ``upstream_failed``
    (``square[0]``...). A task mapped over an upstream's output (or an empty literal
    list) starts as one unexpanded instance, which is what ends ``upstream_failed``."""
    with DAG("literal_mapping") as dag:
        broken = PythonOperator(task_id="broken", python_callable=lambda: 1 / 0)

        @task
        def numbers() -> list[int]:
            return [1, 2]

        @task
        def square(x: int) -> int:
            return x * x

        @task
        def double(x: int) -> int:
            return 2 * x

        @task
        def nothing(x: int) -> int:
            return x

        listed = numbers()
        broken >> [listed, square.expand(x=[1, 2, 3]), nothing.expand(x=[])]
        double.expand(x=listed)

    states = {
        label: (t.state, t.try_number) for label, t in dag.test(logical_date=DAY).tasks.items()
    }
    assert states == {
        "broken": ("failed", 1),
        "numbers": ("upstream_failed", 0),
        "square[0]": ("upstream_failed", 0),
        "square[1]": ("upstream_failed", 0),
        "square[2]": ("upstream_failed", 0),
        "nothing": ("upstream_failed", 0),
        "double": ("upstream_failed", 0),
    }


@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": datetime(2024, 6, 1)},  # starts after the logical date
        {"start_date": datetime(2024, 1, 1), "end_date": datetime(2024, 1, 10)},  # ended
        {"default_args": {"start_date": datetime(2024, 6, 1)}},  # the tasks' own date
    ],
)
def test_a_logical_date_outside_the_dags_dates_runs_no_task(dates: dict[str, Any]) -> None:
    """Airflow 3.3.2 ``DagRun._create_tasks`` keeps a task only if ``start_date <=
    logical_date <= end_date`` (backfills excepted): ``dag.test`` at such a date makes
    a run with no task instance, and the run succeeds (checked against Airflow 3.3.2)."""
    with DAG("outside", schedule=None, **dates) as dag:
        EmptyOperator(task_id="a") >> EmptyOperator(task_id="b")
    result = dag.test(logical_date=DAY)
    assert (result.state, result.tasks) == ("success", {})
    assert "outside the DAG's start_date..end_date" in result.error


def test_a_logical_date_inside_the_dags_dates_runs_every_task() -> None:
    with DAG(
        "inside", schedule=None, start_date=datetime(2024, 1, 15), end_date=datetime(2024, 1, 15)
    ) as dag:
        EmptyOperator(task_id="a") >> EmptyOperator(task_id="b")
    result = dag.test(logical_date=DAY)
    assert result.state == "success" and result.error == ""
    assert {k: t.state for k, t in result.tasks.items()} == {"a": "success", "b": "success"}


def test_an_operator_setting_self_label_fails_to_import_as_in_airflow_3(tmp_path: Path) -> None:
    """``label`` is a read-only property of Airflow 3's operators (``DAGNode.label``):
    Airflow 3.3.2's DagBag reports "property 'label' of 'Labelled' object has no setter"
    for this file; the sandbox refuses it with the same error and its line."""
    path = tmp_path / "labelled.py"
    path.write_text(
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, BaseOperator\n"
        "class Labelled(BaseOperator):\n"
        "    def __init__(self, label, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.label = label\n"
        "    def execute(self, context):\n"
        "        return self.label\n"
        "with DAG(dag_id='labelled', start_date=datetime(2024, 1, 1), schedule=None):\n"
        "    Labelled(task_id='t', label='hello')\n",
        encoding="utf-8",
    )
    with pytest.raises(SandboxError, match=r"labelled.py:6: .*property 'label' .* no setter"):
        run_file(path)


def test_the_label_of_a_task_in_a_group_drops_the_group_prefix() -> None:
    from quizapp.sandbox import TaskGroup

    with DAG("labels"):
        with TaskGroup("grp"):
            inner = EmptyOperator(task_id="inner")
        outer = EmptyOperator(task_id="outer")
    assert (inner.task_id, inner.label) == ("grp.inner", "inner")
    assert outer.label == "outer"


def test_a_backfill_run_reads_dagruntype_backfill_and_its_run_id_is_the_interval_end() -> None:
    """The Task SDK's ``DagRunType`` (``airflow/sdk/api/datamodels/_generated.py``) names
    the member ``BACKFILL``; ``DagRun.generate_run_id`` builds the run_id from
    ``run_after``, which for an interval timetable is the interval's end."""
    from quizapp.sandbox import CronDataIntervalTimetable
    from quizapp.sandbox.runfile import backfill

    with DAG("bf", schedule=CronDataIntervalTimetable("@daily", timezone="UTC")) as dag:

        @task
        def kind(dag_run: Any = None) -> str:
            return str(dag_run.run_type)

        kind()
    [result] = backfill(dag, "2024-01-08", "2024-01-08")
    assert result.xcom["kind"]["return_value"] == "DagRunType.BACKFILL"
    assert result.run_id == "backfill__2024-01-09T00:00:00+00:00"
