"""The public API other parts use: run_source, dag.test(), events, the live view, hygiene."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from quizapp.core.bank import load_catalog
from quizapp.paths import bank_dirs
from quizapp.sandbox import DAG, BashOperator, EmptyOperator, PythonOperator, task
from quizapp.sandbox.report import LiveView, format_result
from quizapp.sandbox.runfile import run_source

PREDICT = """
from datetime import datetime, timedelta
from airflow.sdk import DAG, task

with DAG("predict_me", start_date=datetime(2024, 1, 1), schedule=None,
         default_args={"retry_delay": timedelta(minutes=1)}):
    @task(retries=2)
    def shaky(ti=None):
        if ti.try_number == 1:
            raise RuntimeError("first try fails")

    @task
    def after():
        pass

    shaky() >> after()
"""


def test_run_source_gives_each_tasks_state_and_try_number() -> None:
    result = run_source(PREDICT, logical_date="2024-01-15")
    assert {k: (t.state, t.try_number) for k, t in result.tasks.items()} == {
        "shaky": ("success", 2),
        "after": ("success", 1),
    }


def test_every_bundled_predict_question_runs() -> None:
    catalog = load_catalog(bank_dirs())
    predicts = [q for q in catalog.questions if q.kind == "predict"]
    for question in predicts:
        assert question.dag is not None
        result = run_source(question.dag, logical_date="2024-01-01")
        assert result.tasks, question.id
        assert all(t.state is not None for t in result.tasks.values()), question.id


def test_dag_test_result_reads_like_a_dag_run() -> None:
    with DAG("like_airflow") as dag:
        EmptyOperator(task_id="a") >> EmptyOperator(task_id="b")
    run = dag.test(logical_date="2024-01-15")
    ti = run.get_task_instance("b")
    assert ti is not None and (ti.state, ti.try_number, ti.max_tries) == ("success", 1, 0)
    assert [t.task_id for t in run.get_task_instances()] == ["a", "b"]


def test_xcomarg_in_a_classic_templated_field_adds_the_dependency() -> None:
    with DAG("output_arg") as dag:
        make = PythonOperator(task_id="make", python_callable=lambda: 20)
        use = PythonOperator(task_id="use", python_callable=lambda n: n + 1, op_args=[make.output])
    assert use.upstream_task_ids == {"make"}
    assert dag.test(logical_date="2024-01-15").xcom["use"] == {"return_value": 21}


def test_callbacks_run_with_the_context() -> None:
    calls: list[tuple[str, Any]] = []

    def on_retry(context: dict[str, Any]) -> None:
        calls.append(("retry", context["ti"].try_number))

    def on_failure(context: dict[str, Any]) -> None:
        calls.append(("failure", context["exception"]))

    def on_success(context: dict[str, Any]) -> None:
        calls.append(("success", context["ti"].task_id))

    def boom() -> None:
        raise ValueError("x")

    with DAG("callbacks", default_args={"retry_delay": 0}) as dag:
        PythonOperator(
            task_id="boom",
            python_callable=boom,
            retries=1,
            on_retry_callback=on_retry,
            on_failure_callback=on_failure,
        )
        EmptyOperator(task_id="ok", on_success_callback=on_success)
    dag.test(logical_date="2024-01-15")
    # Round 1 runs both (boom fails into a retry, ok succeeds); boom's retry is in round 2.
    assert calls == [("retry", 1), ("success", "ok"), ("failure", "ValueError: x")]


def test_live_view_redraws_a_table_on_a_terminal_and_prints_lines_otherwise() -> None:
    with DAG("live") as dag:

        @task
        def one() -> int:
            return 1

        one()
    for tty in (True, False):
        out: list[str] = []
        view = LiveView(out.append, tty=tty)
        result = dag.test(logical_date="2024-01-15", sink=view)
        text = "".join(out)
        assert ("\x1b[" in text) is tty
        assert "run success" in text
        assert "one" in format_result(result)


def test_templated_bash_env_is_rendered() -> None:
    with DAG("bash_env") as dag:
        BashOperator(task_id="env", bash_command="echo $DAY", env={"DAY": "{{ ds_nodash }}"})
    if sys.platform != "win32":
        assert dag.test(logical_date="2024-01-15").xcom["env"]["return_value"] == "20240115"


def test_importing_the_sandbox_loads_neither_textual_nor_jinja() -> None:
    script = (
        "import sys, quizapp.sandbox, quizapp.sandbox.loader, quizapp.sandbox.isolate\n"
        "print(sorted(m for m in ('textual', 'jinja2', 'rich') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_run_conf_overrides_params_as_in_airflow() -> None:
    from quizapp.sandbox import Param

    with DAG("params", params={"table": Param("orders"), "limit": 10}) as dag:

        @task
        def show(params: Any = None, dag_run: Any = None) -> list[Any]:
            return [params["table"], params["limit"], dag_run.conf]

        show()
    plain = dag.test(logical_date="2024-01-15").xcom["show"]["return_value"]
    assert plain == ["orders", 10, {}]
    conf = dag.test(logical_date="2024-01-15", run_conf={"limit": 5}).xcom["show"]
    assert conf["return_value"] == ["orders", 5, {"limit": 5}]
