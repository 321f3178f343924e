"""Setup and teardown tasks: states, try numbers and the run state, as Airflow 3 gives them.

The rules, read in Airflow's sources (airflow-core ``ti_deps/deps/trigger_rule_dep.py``,
``models/dagrun.py``; Task SDK ``definitions/_internal/abstractoperator.py``,
``definitions/decorators/setup_teardown.py``, ``bases/decorator.py``,
``definitions/dag.py``, ``definitions/taskgroup.py``) and in the docs ("Setup and
teardown", ``howto/setup-and-teardown.rst``):

- ``all_done_setup_success`` (a teardown's rule, set by ``@teardown`` and
  ``as_teardown``): wait until every direct upstream is done; then skipped when all
  direct setups were skipped, ``upstream_failed`` when none succeeded, else run.
  Without a direct setup it is ``all_done``.
- The setup constraint: a non-teardown task in a setup's scope (the setup is upstream
  of it and has no teardown, or a teardown downstream of it), the setup not being a
  direct upstream, waits for that setup to succeed; it is ``upstream_failed`` as soon
  as the setup failed and skipped as soon as it was skipped, whatever its own rule.
- The run state: leaves are taken with teardowns set aside (``_tis_for_dagrun_state``:
  a task whose downstreams are all ignorable teardowns is a leaf; a teardown counts
  only with ``on_failure_fail_dagrun=True``, and then the work before it is no leaf).
- ``DAG.validate_setup_teardown``: a setup's direct downstream tasks, teardowns aside,
  must keep ``all_success``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from quizapp.sandbox import (
    DAG,
    AirflowSkipException,
    EmptyOperator,
    PythonOperator,
    SandboxError,
    ShortCircuitOperator,
    TaskGroup,
    TriggerRule,
    setup,
    task,
    teardown,
)
from quizapp.sandbox.runfile import run_source

DAY = "2024-01-15"


def _boom() -> None:
    raise RuntimeError("boom")


def _skip() -> None:
    raise AirflowSkipException("nothing to do")


def _ok() -> str:
    return "ok"


def _states(result: Any) -> dict[str, tuple[str | None, int]]:
    return {label: (t.state, t.try_number) for label, t in result.tasks.items()}


S, F, K, U = "success", "failed", "skipped", "upstream_failed"


@pytest.mark.parametrize(
    ("setup_fn", "work_fn", "teardown_fn", "expected", "run_state"),
    [
        (_ok, _ok, _ok, ((S, 1), (S, 1), (S, 1)), "success"),
        # the teardown runs although the work failed; the run still fails
        (_ok, _boom, _ok, ((S, 1), (F, 1), (S, 1)), "failed"),
        # a failed setup: the work and the teardown are upstream_failed
        (_boom, _ok, _ok, ((F, 1), (U, 0), (U, 0)), "failed"),
        # a skipped setup: the work and the teardown are skipped
        (_skip, _ok, _ok, ((K, 1), (K, 0), (K, 0)), "success"),
        # a failed teardown does not fail the run
        (_ok, _ok, _boom, ((S, 1), (S, 1), (F, 1)), "success"),
    ],
)
def test_a_teardown_runs_when_its_setup_succeeded_and_is_ignored_for_the_run_state(
    setup_fn: Any, work_fn: Any, teardown_fn: Any, expected: tuple[Any, ...], run_state: str
) -> None:
    with DAG("cluster") as dag:
        create = PythonOperator(task_id="create", python_callable=setup_fn)
        work = PythonOperator(task_id="work", python_callable=work_fn)
        delete = PythonOperator(task_id="delete", python_callable=teardown_fn)
        create >> work >> delete.as_teardown(setups=create)

    assert create.is_setup and delete.is_teardown
    assert delete.trigger_rule == TriggerRule.ALL_DONE_SETUP_SUCCESS
    result = dag.test(logical_date=DAY)
    states = _states(result)
    assert tuple(states[t] for t in ("create", "work", "delete")) == expected
    assert result.state == run_state


def test_taskflow_setup_and_teardown_linked_by_their_argument() -> None:
    """``@setup`` / ``@teardown``; the teardown takes the setup's output, which links them."""
    result = run_source(
        """
from airflow.sdk import DAG, setup, task, teardown

with DAG("taskflow_cluster") as dag:
    @setup
    def create_cluster():
        return "c-1"

    @task
    def run_query(cluster):
        raise RuntimeError("query failed")

    @teardown
    def delete_cluster(cluster):
        return f"deleted {cluster}"

    cluster = create_cluster()
    run_query(cluster) >> delete_cluster(cluster)
""",
        logical_date=DAY,
    )
    assert _states(result) == {
        "create_cluster": ("success", 1),
        "run_query": ("failed", 1),
        "delete_cluster": ("success", 1),
    }
    assert result.xcom["delete_cluster"]["return_value"] == "deleted c-1"
    assert result.state == "failed"


def test_on_failure_fail_dagrun_makes_the_teardown_a_leaf_and_the_work_before_it_not() -> None:
    """With ``on_failure_fail_dagrun=True`` the teardown's failure fails the run.

    It also stops being ignorable, so the work directly upstream of it is no longer a
    leaf (Airflow's ``is_effective_leaf``): a failed work task with a successful
    teardown then gives a ``success`` run. The docs warn that this flag is the one way a
    teardown decides the run; this is what their code gives.
    """
    runs = {}
    for name, query_fn in (("teardown_fails", _ok), ("work_fails", _boom)):
        with DAG(name) as dag:

            @setup
            def create() -> str:
                return "c"

            query = PythonOperator(task_id="query", python_callable=query_fn)

            @teardown(on_failure_fail_dagrun=True)
            def delete(cluster: str, dag_run: Any = None) -> None:
                if dag_run.dag_id == "teardown_fails":
                    raise RuntimeError(f"could not delete {cluster}")

            cluster = create()
            cluster >> query >> delete(cluster)
        runs[name] = dag.test(logical_date=DAY)

    assert runs["teardown_fails"].tasks["delete"].state == "failed"
    assert runs["teardown_fails"].state == "failed"
    assert runs["work_fails"].tasks["query"].state == "failed"
    assert runs["work_fails"].tasks["delete"].state == "success"
    assert runs["work_fails"].state == "success"
    assert [t.task_id for t in dag.effective_leaves()] == ["delete"]


def test_work_in_a_failed_setups_scope_does_not_run_whatever_its_trigger_rule() -> None:
    """``w2`` (``all_done``) would run after ``w1`` ended ``upstream_failed``; but ``create``,
    an indirect setup in whose scope it is, failed: Airflow's setup constraint makes it
    ``upstream_failed``. ``outside`` is downstream of ``create`` too but after its
    teardown, so out of scope: its own rule decides (all_done: it runs)."""
    with DAG("scope") as dag:
        create = PythonOperator(task_id="create", python_callable=_boom)
        w1 = EmptyOperator(task_id="w1")
        w2 = EmptyOperator(task_id="w2", trigger_rule=TriggerRule.ALL_DONE)
        delete = EmptyOperator(task_id="delete")
        outside = EmptyOperator(task_id="outside", trigger_rule=TriggerRule.ALL_DONE)
        create >> w1 >> w2 >> delete.as_teardown(setups=create)
        delete >> outside

    result = dag.test(logical_date=DAY)
    assert _states(result) == {
        "create": ("failed", 1),
        "w1": ("upstream_failed", 0),
        "w2": ("upstream_failed", 0),
        "delete": ("upstream_failed", 0),
        "outside": ("success", 1),
    }
    # w2 is a leaf (its only downstream is an ignored teardown), and so is outside
    assert {t.task_id for t in dag.effective_leaves()} == {"w2", "outside"}
    assert result.state == "failed"


def test_a_skipped_setup_skips_the_work_in_its_scope_at_once() -> None:
    """``w2`` (``none_failed``) would run after a skipped ``w1``; in a skipped setup's scope
    it is skipped."""
    with DAG("skipped_scope") as dag:
        create = PythonOperator(task_id="create", python_callable=_skip)
        w1 = EmptyOperator(task_id="w1")
        w2 = EmptyOperator(task_id="w2", trigger_rule=TriggerRule.NONE_FAILED)
        create >> w1 >> w2 >> EmptyOperator(task_id="delete").as_teardown(setups=create)

    result = dag.test(logical_date=DAY)
    assert _states(result)["w2"] == ("skipped", 0)
    assert _states(result)["delete"] == ("skipped", 0)
    assert result.state == "success"


def test_a_teardown_runs_when_one_of_its_setups_succeeded() -> None:
    """Two setups, one fails: the work needs both (``upstream_failed``), the teardown one."""
    with DAG("two_setups") as dag:
        good = PythonOperator(task_id="good", python_callable=_ok)
        bad = PythonOperator(task_id="bad", python_callable=_boom)
        work = EmptyOperator(task_id="work")
        delete = EmptyOperator(task_id="delete").as_teardown(setups=[good, bad])
        [good, bad] >> work >> delete

    result = dag.test(logical_date=DAY)
    assert _states(result) == {
        "good": ("success", 1),
        "bad": ("failed", 1),
        "work": ("upstream_failed", 0),
        "delete": ("success", 1),
    }
    assert result.state == "failed"


def test_a_teardown_without_a_setup_upstream_acts_as_all_done() -> None:
    with DAG("no_setup") as dag:
        work = PythonOperator(task_id="work", python_callable=_boom)
        work >> EmptyOperator(task_id="cleanup").as_teardown()

    result = dag.test(logical_date=DAY)
    assert _states(result) == {"work": ("failed", 1), "cleanup": ("success", 1)}
    assert result.state == "failed"


def test_a_dag_of_teardowns_only_takes_its_plain_leaves() -> None:
    with DAG("only_teardowns") as dag:
        (
            EmptyOperator(task_id="a").as_teardown()
            >> PythonOperator(task_id="b", python_callable=_boom).as_teardown()
        )

    result = dag.test(logical_date=DAY)
    assert _states(result) == {"a": ("success", 1), "b": ("failed", 1)}
    assert result.state == "failed"


def test_a_short_circuit_never_skips_a_teardown() -> None:
    """The standard provider's ShortCircuitOperator leaves teardowns out of what it skips;
    ``delete`` then runs: its setup succeeded and every upstream is done."""
    with DAG("short_circuit_teardown") as dag:
        create = EmptyOperator(task_id="create")
        gate = ShortCircuitOperator(task_id="gate", python_callable=lambda: False)
        work = EmptyOperator(task_id="work")
        delete = EmptyOperator(task_id="delete")
        create >> gate >> work >> delete.as_teardown(setups=create)

    result = dag.test(logical_date=DAY)
    assert _states(result) == {
        "create": ("success", 1),
        "gate": ("success", 1),
        "work": ("skipped", 0),
        "delete": ("success", 1),
    }
    assert result.xcom["gate"]["skipmixin_key"] == {"skipped": ["work"]}


def test_a_retried_teardown_counts_its_tries() -> None:
    tries: list[int] = []

    def flaky(ti: Any = None) -> None:
        tries.append(ti.try_number)
        if ti.try_number == 1:
            raise RuntimeError("first try fails")

    with DAG("retried_teardown", default_args={"retry_delay": 0}) as dag:
        create = EmptyOperator(task_id="create")
        delete = PythonOperator(task_id="delete", python_callable=flaky, retries=1)
        create >> EmptyOperator(task_id="work") >> delete.as_teardown(setups=create)

    result = dag.test(logical_date=DAY)
    assert _states(result)["delete"] == ("success", 2)
    assert [t.state for t in result.tasks["delete"].tries] == ["failed", "success"]
    assert tries == [1, 2]


def test_a_task_groups_leaves_are_its_work_not_its_teardown() -> None:
    """``group >> after`` links the work before the group's teardown (Airflow's
    ``TaskGroup.get_leaves``), so ``after`` does not wait for the cleanup."""
    with DAG("group_teardown") as dag:
        with TaskGroup("cluster") as group:
            create = EmptyOperator(task_id="create")
            work = EmptyOperator(task_id="work")
            create >> work >> EmptyOperator(task_id="delete").as_teardown(setups=create)
        group >> EmptyOperator(task_id="after")

    assert dag.get_task("after").upstream_task_ids == {"cluster.work"}
    assert dag.test(logical_date=DAY).state == "success"


def test_setup_and_teardown_definition_errors_are_airflows() -> None:
    with DAG("errors"):

        @teardown
        @task(trigger_rule=TriggerRule.ONE_SUCCESS)
        def cleanup() -> None:
            return None

        with pytest.raises(SandboxError, match="Trigger rule not configurable for teardown"):
            cleanup()
        with pytest.raises(SandboxError, match="because it is not a teardown task"):
            EmptyOperator(task_id="plain").on_failure_fail_dagrun = True

        @teardown
        @task(trigger_rule=TriggerRule.ONE_SUCCESS)
        def mapped_cleanup(x: int) -> None:
            return None

        with pytest.raises(SandboxError, match="Trigger rule not configurable for teardown"):
            mapped_cleanup.expand(x=[1, 2])

    with DAG("rule_after_setup") as dag:
        create = EmptyOperator(task_id="create").as_setup()
        create >> EmptyOperator(task_id="work", trigger_rule=TriggerRule.ALL_DONE)
    with pytest.raises(SandboxError, match="Setup tasks must be followed with trigger rule"):
        dag.test(logical_date=DAY)


def test_a_teardown_block_puts_the_work_created_inside_between_the_pair() -> None:
    """The docs' form: ``with delete_cluster().as_teardown(setups=create_cluster()):``.

    The setups found upstream of the teardown (Airflow's ``_get_setups``) precede the
    block's roots, and the block's leaves precede the teardown (``SetupTeardownContext.
    set_work_task_roots_and_leaves``).
    """
    with DAG("teardown_block") as dag:

        @setup
        def create_cluster() -> str:
            return "c"

        @teardown
        def delete_cluster() -> None:
            return None

        @task
        def failing_query() -> None:
            raise RuntimeError("query failed")

        with delete_cluster().as_teardown(setups=create_cluster()):
            [EmptyOperator(task_id="q1"), EmptyOperator(task_id="q2")] >> EmptyOperator(
                task_id="merge"
            )
            EmptyOperator(task_id="prepare") >> failing_query()

    upstreams = {t.task_id: t.upstream_task_ids for t in dag.tasks}
    assert upstreams["q1"] == upstreams["q2"] == upstreams["prepare"] == {"create_cluster"}
    assert upstreams["delete_cluster"] == {"create_cluster", "merge", "failing_query"}
    result = dag.test(logical_date=DAY)
    assert result.tasks["failing_query"].state == "failed"
    assert result.tasks["delete_cluster"].state == "success"
    assert result.state == "failed"


def test_a_setup_block_and_scope_add_task() -> None:
    """``with setup_task as scope:`` links to the teardowns found downstream of the setup;
    ``scope.add_task`` brings in a task created before the block."""
    with DAG("setup_block") as dag:
        create = EmptyOperator(task_id="create")
        EmptyOperator(task_id="delete").as_teardown(setups=create)
        earlier = EmptyOperator(task_id="earlier")
        with create as scope:
            EmptyOperator(task_id="a") >> EmptyOperator(task_id="b")
            scope.add_task(earlier)

    upstreams = {t.task_id: t.upstream_task_ids for t in dag.tasks}
    assert upstreams["a"] == upstreams["earlier"] == {"create"}
    assert upstreams["delete"] == {"create", "b", "earlier"}


def test_only_setup_or_teardown_tasks_open_a_block() -> None:
    with DAG("plain_block"):
        plain = EmptyOperator(task_id="plain")
        with pytest.raises(SandboxError, match="Only setup/teardown tasks"), plain:
            pass


def test_each_task_result_names_its_role_and_the_json_keeps_it() -> None:
    from quizapp.sandbox.events import RunStarted, event_from_dict, event_to_dict
    from quizapp.sandbox.report import format_result
    from quizapp.sandbox.result import result_from_json

    with DAG("roles") as dag:
        create = EmptyOperator(task_id="create")
        (
            create
            >> EmptyOperator(task_id="work")
            >> EmptyOperator(task_id="delete").as_teardown(setups=create)
        )

    result = dag.test(logical_date=DAY)
    roles = {label: t.role for label, t in result.tasks.items()}
    assert roles == {"create": "setup", "work": "", "delete": "teardown"}
    again = result_from_json(result.to_json())
    assert {label: t.role for label, t in again.tasks.items()} == roles
    assert "(teardown)" in format_result(result)
    started = result.events[0]
    assert isinstance(started, RunStarted)
    assert started.roles == (("create", "setup"), ("delete", "teardown"))
    assert event_from_dict(json.loads(json.dumps(event_to_dict(started)))) == started
