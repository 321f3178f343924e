"""Mapped task groups: what the sandbox refuses (Airflow's answers for what it runs are the
recorded ``mg_*`` / ``mgm_*`` conformance cases)."""

from __future__ import annotations

import pytest

from quizapp.sandbox import SandboxError


def _group_source(call: str) -> str:
    return (
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, task, task_group\n"
        "with DAG('g', schedule=None, start_date=datetime(2024, 1, 1)):\n"
        "    @task\n"
        "    def rows():\n"
        "        return [{'x': 1, 'y': 2}, {'x': 5}]\n"
        "    @task_group\n"
        "    def grp(x, y=10):\n"
        "        task(lambda x, y: x * y).override(task_id='t')(x, y)\n"
        f"    {call}\n"
    )


def test_expand_kwargs_on_a_task_group_maps_one_instance_per_dict() -> None:
    from quizapp.sandbox.loader import load_dag_source

    dag = load_dag_source(_group_source("grp.expand_kwargs([{'x': 2, 'y': 3}, {'x': 4, 'y': 5}])"))
    result = dag["g"].test(logical_date="2024-01-15")
    assert {k: t.state for k, t in result.tasks.items()} == {
        "grp.t[0]": "success",
        "grp.t[1]": "success",
    }
    assert [result.xcom[f"grp.t[{i}]"]["return_value"] for i in (0, 1)] == [6, 20]


def test_expand_kwargs_on_a_task_group_reads_every_argument_from_its_dict() -> None:
    """An argument given neither by .partial() nor by the element fails the group's
    tasks: expand_kwargs maps every argument, defaults included (as Airflow does)."""
    from quizapp.sandbox.loader import load_dag_source

    dag = load_dag_source(_group_source("grp.partial(y=7).expand_kwargs(rows())"))["g"]
    result = dag.test(logical_date="2024-01-15")
    assert result.xcom["grp.t[0]"]["return_value"] == 7
    assert result.xcom["grp.t[1]"]["return_value"] == 35
    dag = load_dag_source(_group_source("grp.expand_kwargs(rows())"))["g"]
    failed = dag.test(logical_date="2024-01-15")
    assert failed.tasks["grp.t"].state == "failed"
    assert "has no argument 'y'" in failed.tasks["grp.t"].reason


def test_expand_kwargs_on_a_task_group_refuses_what_airflow_refuses() -> None:
    from quizapp.sandbox.loader import load_dag_source

    with pytest.raises(SandboxError, match=r"dag.py:10: .*expected XComArg or list\[dict\]"):
        load_dag_source(_group_source("grp.expand_kwargs({'x': 1})"), "dag.py")
