"""A confined run (a bank's DAG): scrubbed environment, temporary folder, resource limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.paths import data_dir
from quizapp.sandbox.isolate import run_isolated

PROBE = """
import os, json
from airflow.sdk import DAG, task

with DAG("probe") as dag:
    @task
    def env():
        return {"home": os.environ.get("QUIZAPP_HOME"), "secret": os.environ.get("MY_TOKEN"),
                "cwd": os.getcwd(), "files": os.listdir(".")}

    @task
    def memory():
        block = bytearray(3 << 30)
        return len(block)

    @task
    def read_data_folder():
        return os.listdir(DATA_DIR)

    env()
    memory()
    read_data_folder()
"""


def test_a_confined_dag_gets_no_secrets_a_temp_folder_and_a_memory_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MY_TOKEN", "s3cret")
    source = PROBE.replace("DATA_DIR", repr(str(data_dir())))
    (result,) = run_isolated(source=source, logical_date="2024-01-01", confined=True)
    (open_result,) = run_isolated(source=source, logical_date="2024-01-01")
    seen = result.xcom["env"]["return_value"]
    assert seen["home"] is None and seen["secret"] is None
    assert Path(seen["cwd"]).name.startswith("quizapp-dag-") and seen["files"] == []
    assert not Path(seen["cwd"]).exists()  # removed after the run
    assert result.tasks["memory"].state == "failed"
    assert "MemoryError" in "\n".join(result.tasks["memory"].log)
    assert result.tasks["read_data_folder"].state == "failed"
    assert "may not touch quizapp's data" in "\n".join(result.tasks["read_data_folder"].log)
    # The learner's own DAG file (not confined) keeps the environment.
    assert open_result.xcom["env"]["return_value"]["home"] == str(data_dir())
    assert open_result.tasks["read_data_folder"].state == "success"
