"""Imports Airflow 3.3 refuses are refused by the sandbox too, naming where the name lives."""

from __future__ import annotations

import pytest

from quizapp.sandbox.exceptions import UnsupportedImportError
from quizapp.sandbox.loader import ELSEWHERE, SUPPORTED, load_dag_source


@pytest.mark.parametrize(
    ("line", "home"),
    [
        ("from airflow.sdk import DAG, AirflowSkipException", "airflow.sdk.exceptions"),
        ("from airflow.sdk import AirflowFailException", "airflow.sdk.exceptions"),
        ("from airflow.models import XComArg", "airflow.sdk"),
        ("from airflow.utils.helpers import chain", "airflow.sdk"),
    ],
)
def test_name_airflow_does_not_export_is_refused_with_its_home(line: str, home: str) -> None:
    with pytest.raises(UnsupportedImportError, match=f"import it from {home}$"):
        load_dag_source(line + "\n", "dag.py")


def test_every_suggested_home_provides_the_name() -> None:
    for (module, name), home in ELSEWHERE.items():
        assert name not in SUPPORTED.get(module, set())
        assert name in SUPPORTED[home]


def test_exceptions_load_from_their_airflow_3_modules() -> None:
    source = (
        "from airflow.sdk.exceptions import AirflowSkipException\n"
        "from airflow.exceptions import AirflowFailException\n"
        "from airflow.sdk import DAG\n"
        "with DAG(dag_id='imports_ok', schedule=None):\n"
        "    pass\n"
    )
    assert list(load_dag_source(source, "dag.py")) == ["imports_ok"]
