"""DAG arguments: the sandbox takes what Airflow 3.3's DAG takes, and refuses Airflow 2's."""

from __future__ import annotations

import pytest

from quizapp.sandbox import DAG
from quizapp.sandbox.exceptions import SandboxError


@pytest.mark.parametrize(
    "name", ["default_view", "orientation", "schedule_interval", "concurrency"]
)
def test_airflow_2_dag_arguments_are_refused(name: str) -> None:
    with pytest.raises(SandboxError, match=name):
        DAG("old_style", **{name: "x"})


@pytest.mark.parametrize("name", ["allowed_run_types", "rerun_with_latest_version", "tags"])
def test_airflow_3_dag_arguments_without_effect_on_a_run_are_accepted(name: str) -> None:
    assert DAG("new_style", **{name: None}).dag_id == "new_style"
