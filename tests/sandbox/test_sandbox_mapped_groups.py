"""Mapped task groups: what the sandbox refuses (Airflow's answers for what it runs are the
recorded ``mg_*`` / ``mgm_*`` conformance cases)."""

from __future__ import annotations

import pytest

from quizapp.sandbox import SandboxError


def test_expand_kwargs_on_a_task_group_is_refused_with_a_clear_message() -> None:
    from quizapp.sandbox.loader import load_dag_source

    source = (
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, task, task_group\n"
        "with DAG('g', schedule=None, start_date=datetime(2024, 1, 1)):\n"
        "    @task_group\n"
        "    def grp(x):\n"
        "        task(lambda x: x).override(task_id='t')(x)\n"
        "    grp.expand_kwargs([{'x': 1}])\n"
    )
    with pytest.raises(SandboxError, match=r"dag.py:7: expand_kwargs\(\) on a @task_group"):
        load_dag_source(source, "dag.py")
