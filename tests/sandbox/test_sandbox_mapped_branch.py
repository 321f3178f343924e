"""Mapped ``@task.branch`` / ``@task.short_circuit``: what Airflow 3 skips, and when.

Read in Airflow's sources (Task SDK ``airflow/sdk/bases/skipmixin.py``; airflow-core
``ti_deps/deps/not_previously_skipped_dep.py``; the standard provider's
``ShortCircuitOperator``):

- ``SkipMixin._set_state_to_skipped`` raises ``DownstreamTasksSkipped`` (the direct skip)
  only when ``map_index == -1``. A mapped instance ``branch[i]`` skips nothing itself:
  it pushes ``skipmixin_key`` (``{"followed": [...]}`` from a branch, ``{"skipped":
  [...]}`` from a short-circuit) at map index ``i``, and its ``execute`` returns, so its
  ``return_value`` is pushed too.
- The scheduler's ``NotPreviouslySkippedDep`` then reads a SkipMixin parent's XCom for
  each *direct* downstream task instance, at the child's own map index when the parent
  is mapped: ``child[i]`` is skipped when ``branch[i]`` did not follow it (or
  short-circuit ``[i]`` listed it). An unmapped child has map index -1, where a mapped
  parent has no XCom: it is never skipped this way and follows its trigger rule.
- Tasks further down are not read by the dep (it looks at direct upstreams only); they
  follow their trigger rules, whatever ``ignore_downstream_trigger_rules`` says.

Decision where the sources leave it open: when a parent's XCom says "skip" and the
trigger rule would say ``upstream_failed`` at the same evaluation, Airflow's order of
the two deps is that of a Python set; the sandbox lets the skip win (an unmapped
branch's direct skip lands first too).
"""

from __future__ import annotations

from typing import Any

from quizapp.sandbox import DAG, EmptyOperator, task
from quizapp.sandbox.runfile import run_source

DAY = "2024-01-15"


def _states(result: Any) -> dict[str, tuple[str | None, int]]:
    return {label: (t.state, t.try_number) for label, t in result.tasks.items()}


def test_a_mapped_branch_skips_each_mapped_child_at_its_own_map_index() -> None:
    """``choose[i]`` decides for ``even[i]`` and ``odd[i]``; the unmapped ``report`` runs."""
    with DAG("mapped_branch") as dag:

        @task.branch
        def choose(x: int) -> str:
            return "even" if x % 2 == 0 else "odd"

        @task
        def even(x: int) -> int:
            return x

        @task
        def odd(x: int) -> int:
            return x

        @task
        def report() -> str:
            return "done"

        numbers = [1, 2, 3]
        branch = choose.expand(x=numbers)
        branch >> [even.expand(x=numbers), odd.expand(x=numbers)]
        branch >> report()

    result = dag.test(logical_date=DAY)
    assert _states(result) == {
        "choose[0]": ("success", 1),
        "choose[1]": ("success", 1),
        "choose[2]": ("success", 1),
        "even[0]": ("skipped", 0),
        "even[1]": ("success", 1),
        "even[2]": ("skipped", 0),
        "odd[0]": ("success", 1),
        "odd[1]": ("skipped", 0),
        "odd[2]": ("success", 1),
        "report": ("success", 1),
    }
    assert result.state == "success"
    assert result.xcom["choose[1]"] == {
        "skipmixin_key": {"followed": ["even"]},
        "return_value": "even",
    }
    assert "even[0]" not in result.xcom
    assert "from parent task choose" in result.tasks["even[0]"].reason


def test_a_mapped_short_circuit_skips_only_its_direct_mapped_child() -> None:
    """A falsy ``keep[0]`` skips ``load[0]``; ``publish`` (one level further) follows its rule.

    ``publish`` is mapped on its own (over a literal list, so its instances exist from
    the start of the run), and each of its instances depends on every ``load``
    instance: one ``load`` skipped makes them all skipped under ``all_success``.
    ``summary`` is unmapped and directly downstream of ``keep``: never skipped by the
    mapped parent.
    """
    with DAG("mapped_short_circuit") as dag:

        @task.short_circuit
        def keep(x: int) -> bool:
            return x > 1

        @task
        def load(x: int) -> int:
            return x * 10

        @task
        def publish(x: int) -> int:
            return x

        summary = EmptyOperator(task_id="summary")
        numbers = [1, 2]
        gate = keep.expand(x=numbers)
        loaded = load.expand(x=numbers)
        gate >> loaded >> publish.expand(x=numbers)
        gate >> summary

    result = dag.test(logical_date=DAY)
    assert _states(result) == {
        "keep[0]": ("success", 1),
        "keep[1]": ("success", 1),
        "load[0]": ("skipped", 0),
        "load[1]": ("success", 1),
        "publish[0]": ("skipped", 0),
        "publish[1]": ("skipped", 0),
        "summary": ("success", 1),
    }
    assert result.xcom["keep[0]"] == {
        "skipmixin_key": {"skipped": ["load", "publish", "summary"]},
        "return_value": False,
    }
    assert result.xcom["keep[1]"] == {"return_value": True}


def test_a_mapped_child_longer_than_its_mapped_branch_runs_where_no_choice_exists() -> None:
    """``route[2]`` has no ``pick[2]`` to read (``pick`` has two instances): it runs."""
    with DAG("uneven") as dag:

        @task.branch
        def pick(x: int) -> list[str]:
            return []

        @task
        def route(x: int) -> int:
            return x

        pick.expand(x=[1, 2]) >> route.expand(x=[1, 2, 3])

    states = _states(dag.test(logical_date=DAY))
    assert states["route[0]"] == ("skipped", 0)
    assert states["route[1]"] == ("skipped", 0)
    assert states["route[2]"] == ("success", 1)


def test_an_unmapped_branch_skips_each_instance_of_a_mapped_child() -> None:
    """A child mapped over a literal list has its instances from the start of the run
    (``DagRun._create_tasks``): each is skipped (the branch's XCom, read at map index -1
    for an unmapped parent). A child mapped over an upstream's output is still one
    unexpanded instance, skipped as a whole (``DownstreamTasksSkipped`` names
    ``(task_id, -1)``)."""
    result = run_source(
        """
from airflow.sdk import DAG, task

with DAG("mapped_children") as dag:
    @task.branch
    def choose():
        return "other"

    @task
    def numbers():
        return [1, 2]

    @task
    def literal(x):
        return x

    @task
    def from_output(x):
        return x

    @task
    def other():
        return 1

    choose() >> [literal.expand(x=[1, 2]), from_output.expand(x=numbers()), other()]
""",
        logical_date=DAY,
    )
    assert _states(result) == {
        "choose": ("success", 1),
        "numbers": ("success", 1),
        "literal[0]": ("skipped", 0),
        "literal[1]": ("skipped", 0),
        "from_output": ("skipped", 0),
        "other": ("success", 1),
    }


def test_an_unmapped_short_circuit_misses_the_instances_of_a_mapped_task_further_down() -> None:
    """As Airflow 3.3.2 gives it (recorded: ``conformance/dags_more/sc_far_mapped.py``).

    ``gate`` (unmapped, falsy, ``ignore_downstream_trigger_rules=True``) names every
    task downstream; the execution API's ``ti_skip_downstream`` matches a plain task id
    as ``(task_id, -1)``, which misses the instances of a task mapped over literals
    (they exist from the start). ``report`` is not a direct child, so
    ``NotPreviouslySkippedDep`` does not catch them either: with ``none_failed`` they run.
    """
    with DAG("short_circuit_far_mapped") as dag:

        @task.short_circuit
        def gate() -> bool:
            return False

        @task
        def load() -> int:
            return 1

        @task(trigger_rule="none_failed")
        def report(x: int) -> int:
            return x

        gate() >> load() >> report.expand(x=[1, 2])

    assert _states(dag.test(logical_date=DAY)) == {
        "gate": ("success", 1),
        "load": ("skipped", 0),
        "report[0]": ("success", 1),
        "report[1]": ("success", 1),
    }


def test_a_task_scheduled_in_the_short_circuits_round_still_runs() -> None:
    """``dag.test`` runs every task instance it scheduled in a round, even one a task of
    the same round has since marked skipped (recorded: ``branch_sc_same_round_order.py``);
    what was not scheduled yet stays skipped."""
    with DAG("same_round") as dag:

        @task
        def fast() -> int:
            return 1

        @task.short_circuit
        def gate(x: int) -> bool:
            return False

        f = fast()
        g = gate(f)
        join = EmptyOperator(task_id="join", trigger_rule="one_success")
        after = EmptyOperator(task_id="after", trigger_rule="none_failed")
        g >> join >> after
        f >> join

    assert _states(dag.test(logical_date=DAY)) == {
        "fast": ("success", 1),
        "gate": ("success", 1),
        "join": ("success", 1),
        "after": ("skipped", 0),
    }
