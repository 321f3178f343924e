"""Dynamic task mapping: what ``partial()`` fixes, what ``expand()``/``expand_kwargs()`` map.

Checked against Airflow's Task SDK source (``airflow/sdk/bases/decorator.py``:
``_TaskDecorator.partial/expand/expand_kwargs/_expand``; ``airflow/sdk/definitions/
mappedoperator.py``: ``OperatorPartial``, ``validate_mapping_kwargs``,
``prevent_duplicates``; ``_PARTIAL_DEFAULTS`` in ``baseoperator.py``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from quizapp.sandbox import DAG, PythonOperator, SandboxError, TaskGroup, task
from quizapp.sandbox.result import RunResult

DAY = "2024-01-15"
START = datetime.fromisoformat(f"{DAY}T00:00:00+00:00")
_ATTRS = ("retries", "retry_delay", "execution_timeout", "trigger_rule", "pool", "pool_slots")


def _fail_first(x: int, ti: Any = None) -> dict[str, Any]:
    """Fails its first try; then reports the task arguments its instance ran with."""
    if ti.try_number == 1:
        raise ValueError(f"first try of {x}")
    return {name: str(getattr(ti.task, name)) for name in _ATTRS} | {"max_tries": ti.max_tries}


def _offsets(result: RunResult, label: str) -> list[float]:
    return [
        (datetime.fromisoformat(t.started_at) - START).total_seconds()
        for t in result.tasks[label].tries
    ]


TASK_ARGS: dict[str, Any] = {
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "execution_timeout": timedelta(minutes=5),
    "trigger_rule": "all_done",
    "pool": "small",
    "pool_slots": 2,
}
EXPECTED = {
    "retries": "2",
    "retry_delay": "0:00:30",
    "execution_timeout": "0:05:00",
    "trigger_rule": "TriggerRule.ALL_DONE",  # str() of Airflow's (str, Enum) TriggerRule
    "pool": "small",
    "pool_slots": "2",
    "max_tries": 2,
}


def test_every_operator_argument_of_partial_applies_to_each_mapped_element() -> None:
    """Classic ``Op.partial(retries=..., ...)``, ``@task(...)`` and ``.override(...)``.

    The reported "mapped elements get max_tries 0" did not reproduce; this pins the
    behaviour for every scheduling argument, each mapping style and each element.
    """
    with DAG("partial_args", default_args={"retries": 7}) as dag:
        PythonOperator.partial(task_id="classic", python_callable=_fail_first, **TASK_ARGS).expand(
            op_args=[[1], [2]]
        )

        @task(**TASK_ARGS)
        def decorated(x: int, ti: Any = None) -> dict[str, Any]:
            return _fail_first(x, ti)

        decorated.expand(x=[1, 2])

        @task
        def plain(x: int, y: int, ti: Any = None) -> dict[str, Any]:
            return _fail_first(x, ti)

        plain.override(**TASK_ARGS).partial(y=0).expand(x=[1, 2])
    result = dag.test(logical_date=DAY, pools={"small": 2})
    for label in ("classic", "decorated", "plain"):
        for index in (0, 1):
            element = result.tasks[f"{label}[{index}]"]
            assert (element.state, element.try_number, element.max_tries) == ("success", 2, 2)
            assert result.xcom[f"{label}[{index}]"]["return_value"] == EXPECTED
    # the second try waits retry_delay (30 s) after the first, not the DAG's default
    assert _offsets(result, "classic[1]")[1] - _offsets(result, "classic[1]")[0] == 30


def test_dag_group_and_partial_default_args_reach_mapped_elements() -> None:
    """default_args merge as for plain tasks: DAG, then TaskGroup, then the task's own."""
    with DAG("mapped_defaults", default_args={"retries": 1, "retry_delay": 0}) as dag:
        PythonOperator.partial(task_id="from_dag", python_callable=_fail_first).expand(
            op_args=[[1]]
        )
        with TaskGroup("g", default_args={"retries": 3}):

            @task
            def inner(x: int, ti: Any = None) -> dict[str, Any]:
                return _fail_first(x, ti)

            inner.expand(x=[1])
        PythonOperator.partial(
            task_id="own", python_callable=_fail_first, default_args={"retries": 4}
        ).expand(op_args=[[1]])
    result = dag.test(logical_date=DAY)
    max_tries = {label: t.max_tries for label, t in result.tasks.items()}
    assert max_tries == {"from_dag[0]": 1, "g.inner[0]": 3, "own[0]": 4}
    assert {t.try_number for t in result.tasks.values()} == {2}


def test_taskflow_partial_takes_function_arguments_only() -> None:
    """Airflow: ``f.partial(retries=2)`` raises "partial() got unexpected keyword arguments".

    A TaskFlow task's ``partial()`` fills the function's arguments (``op_kwargs``); task
    arguments go to ``@task(...)`` or ``.override(...)``. The sandbox says so in the error.
    """
    with DAG("taskflow_partial"):

        @task
        def each(x: int) -> int:
            return x

        with pytest.raises(SandboxError, match=r"partial\(\) got unexpected keyword arguments "):
            each.partial(retries=2)
        with pytest.raises(SandboxError, match=r"each\.override\(retries=\.\.\.\)"):
            each.partial(retries=2)


def test_context_keys_cannot_be_mapped_or_fixed() -> None:
    """Airflow: "cannot call expand() on task context variable 'ti'"."""
    with DAG("context_keys"):

        @task
        def each(x: int, ti: Any = None) -> int:
            return x

        with pytest.raises(SandboxError, match="cannot call expand\\(\\) on task context"):
            each.expand(x=[1], ti=[2])
        with pytest.raises(SandboxError, match="cannot call partial\\(\\) on task context"):
            each.partial(ti=1)


def test_an_argument_is_either_partial_or_mapped() -> None:
    """Airflow's ``prevent_duplicates``: classic ``expand`` cannot map a fixed argument,
    nor one that ``partial()`` always fills (``retries``, ``trigger_rule``... are in
    ``_PARTIAL_DEFAULTS``); TaskFlow ``partial`` cannot fix an argument twice."""
    with DAG("duplicates"):
        partial = PythonOperator.partial(task_id="p", python_callable=_fail_first, op_args=[1])
        with pytest.raises(SandboxError, match="unmappable or already specified argument: op_args"):
            partial.expand(op_args=[[2]])
        with pytest.raises(SandboxError, match="unmappable or already specified argument: retries"):
            PythonOperator.partial(task_id="q", python_callable=_fail_first).expand(retries=[1, 2])

        @task
        def each(x: int, y: int) -> int:
            return x + y

        with pytest.raises(SandboxError, match="duplicate partial argument: y"):
            each.partial(y=1).partial(y=2)


def test_expand_kwargs_maps_dicts_of_arguments_with_the_partial_ones() -> None:
    """``expand_kwargs`` (classic and TaskFlow): one instance per dict, from a literal list
    or an upstream task's output; partial arguments and retries apply to each."""
    with DAG("expand_kwargs", default_args={"retry_delay": 0}) as dag:

        @task
        def pairs() -> list[dict[str, int]]:
            return [{"x": 1, "y": 10}, {"x": 2, "y": 20}]

        @task(retries=1)
        def add(x: int, y: int, sign: int, ti: Any = None) -> int:
            if ti.try_number == 1:
                raise ValueError("first try")
            return sign * (x + y)

        add.partial(sign=-1).expand_kwargs(pairs())
        PythonOperator.partial(task_id="classic", python_callable=lambda a, b: a * b).expand_kwargs(
            [{"op_args": [2, 3]}, {"op_args": [4, 5]}]
        )
    result = dag.test(logical_date=DAY)
    assert result.state == "success"
    assert [result.xcom[f"add[{i}]"]["return_value"] for i in (0, 1)] == [-11, -22]
    assert [result.tasks[f"add[{i}]"].try_number for i in (0, 1)] == [2, 2]
    assert [result.xcom[f"classic[{i}]"]["return_value"] for i in (0, 1)] == [6, 20]


def test_expand_kwargs_strict_fails_the_task_on_a_repeated_argument() -> None:
    """Airflow checks ``strict`` when it unmaps an element (at run time): the task fails."""
    with DAG("expand_kwargs_strict") as dag:

        @task
        def add(x: int, y: int) -> int:
            return x + y

        add.partial(y=1).expand_kwargs([{"x": 1, "y": 2}])
        add.override(task_id="lenient").partial(y=1).expand_kwargs([{"x": 1, "y": 2}], strict=False)
    result = dag.test(logical_date=DAY)
    assert result.tasks["add"].state == "failed"
    assert "mapping already partial argument: y" in result.tasks["add"].reason
    assert result.xcom["lenient[0]"]["return_value"] == 3


def test_expand_kwargs_rejects_what_is_not_a_list_of_dicts() -> None:
    with DAG("expand_kwargs_types"):

        @task
        def each(x: int) -> int:
            return x

        with pytest.raises(SandboxError, match="expected XComArg or list\\[dict\\]"):
            each.expand_kwargs({"x": [1, 2]})


def test_task_generated_mapping_is_refused_with_trigger_rule_always() -> None:
    """Airflow's ``_TaskDecorator.expand``: "Task-generated mapping within a task using
    'expand' is not allowed with trigger rule 'always'" (a literal list is allowed)."""
    with DAG("always_mapping"):

        @task
        def numbers() -> list[int]:
            return [1, 2]

        @task(trigger_rule="always")
        def each(x: int) -> int:
            return x

        each.expand(x=[1, 2])
        with pytest.raises(SandboxError, match="not allowed with trigger rule 'always'"):
            each.expand(x=numbers())
        with pytest.raises(SandboxError, match="using 'expand_kwargs' is not allowed"):
            each.expand_kwargs([{"x": numbers()}])
