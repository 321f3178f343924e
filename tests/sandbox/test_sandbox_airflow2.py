"""Airflow 2 code: refused where Airflow 3.3.2 refuses it, with the Airflow 3 form.

``conformance/expected_airflow2.json`` holds what Airflow 3.3.2's DagBag said of each
file in ``conformance/dags_airflow2`` (``record_airflow.py --import-errors``): the
error and its line, or ``null`` when Airflow imports the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.sandbox import DAG, BashOperator
from quizapp.sandbox.airflow2 import deprecated_import, template_hint
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.loader import load_dag_file, load_dag_source

HERE = Path(__file__).parent / "conformance"
EXPECTED = json.loads((HERE / "expected_airflow2.json").read_text(encoding="utf-8"))
#: The Airflow 3 form each refusal must name.
REPLACEMENT = {
    "schedule_interval.py": "schedule=",
    "subdag.py": "TaskGroup",
    "provide_context.py": "the context is always passed",
    "dummy_operator.py": "EmptyOperator",
    "concurrency.py": "max_active_tasks",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_refused_where_airflow_refuses_it(name: str) -> None:
    path = HERE / "dags_airflow2" / name
    expected = EXPECTED[name]
    if expected["error"] is None:
        assert load_dag_file(path)
        return
    with pytest.raises(SandboxError) as caught:
        load_dag_file(path)
    message = str(caught.value)
    line = expected.get("line")
    assert message.startswith(f"{path}:{line}:" if line else f"{path}:")
    assert REPLACEMENT[name] in message


def test_the_python_path_airflow_3_still_imports_runs_as_there() -> None:
    dags = load_dag_file(HERE / "dags_airflow2" / "operators_python_path.py")
    result = dags["a2_operators_python_path"].test(logical_date="2024-01-15")
    assert result.state == "success"
    assert result.xcom["t"]["return_value"] == "still imports"
    assert "airflow.providers.standard.operators.python" in deprecated_import(
        "airflow.operators.python"
    )


def test_a_removed_argument_of_an_operator_names_its_line() -> None:
    source = (
        "from airflow.sdk import DAG\n"
        "from airflow.providers.standard.operators.bash import BashOperator\n"
        "with DAG('x', schedule=None):\n"
        "    BashOperator(task_id='t', bash_command='echo',\n"
        "                 task_concurrency=2)\n"
    )
    with pytest.raises(SandboxError, match=r"^dag.py:4: .*max_active_tis_per_dag"):
        load_dag_source(source, "dag.py")


def test_a_user_function_with_the_same_keyword_is_left_alone() -> None:
    source = (
        "from airflow.sdk import DAG\n"
        "def configure(concurrency):\n"
        "    return concurrency\n"
        "with DAG('x', schedule=None, max_active_tasks=configure(concurrency=2)):\n"
        "    pass\n"
    )
    assert load_dag_source(source, "dag.py")["x"].max_active_tasks == 2


@pytest.mark.parametrize(
    ("name", "replacement"),
    [
        ("execution_date", "logical_date"),
        ("next_ds", "data_interval_end | ds"),
        ("yesterday_ds", "macros.ds_add(ds, -1)"),
    ],
)
def test_a_removed_template_variable_fails_the_task_and_says_what_replaced_it(
    name: str, replacement: str
) -> None:
    """As in Airflow 3.3.2 (the recorded ``template_removed_*`` cases) the task fails;
    its error names the Airflow 3 form."""
    with DAG(f"tpl_{name}", schedule=None) as dag:
        BashOperator(task_id="t", bash_command=f"echo {{{{ {name} }}}}")
    task = dag.test(logical_date="2024-01-15").tasks["t"]
    assert task.state == "failed"
    assert f"'{name}' is undefined" in task.reason
    assert replacement in task.reason
    assert replacement in template_hint(name)
    assert template_hint("ds") == ""


def test_a_deprecated_path_runs_and_the_report_notes_its_airflow_3_form() -> None:
    from quizapp.sandbox.report import format_result

    path = HERE / "dags_airflow2" / "operators_python_path.py"
    result = load_dag_file(path)["a2_operators_python_path"].test(logical_date="2024-01-15")
    assert result.notes == [
        f"{path}:5: airflow.operators.python is deprecated in Airflow 3 (it still imports): "
        "use airflow.providers.standard.operators.python"
    ]
    assert "note: " + result.notes[0] in format_result(result, logs=False)
