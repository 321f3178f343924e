"""DAG-authoring styles Airflow accepts: @dag, dag=, custom operators and sensors."""

from __future__ import annotations

from typing import Any, ClassVar

from quizapp.sandbox import (
    DAG,
    BaseOperator,
    BaseSensorOperator,
    EmptyOperator,
    PokeReturnValue,
    dag,
    task,
)
from quizapp.sandbox.loader import load_dag_source

DAY = "2024-01-15"


class GreetOperator(BaseOperator):
    """A custom operator with a templated field."""

    template_fields: ClassVar[tuple[str, ...]] = ("name",)

    def __init__(self, *, name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.name = name

    def execute(self, context: dict[str, Any]) -> str:
        return f"hello {self.name}"


class CountdownSensor(BaseSensorOperator):
    """Done on the third poke."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pokes = 0

    def poke(self, context: dict[str, Any]) -> PokeReturnValue:
        self.pokes += 1
        return PokeReturnValue(self.pokes >= 3, xcom_value=context["ds"])


def test_custom_operator_and_sensor() -> None:
    with DAG("custom", default_args={"retries": 2}) as d:
        greet = GreetOperator(task_id="greet", name="{{ ds }}")
        wait = CountdownSensor(task_id="wait", poke_interval=5, timeout=60)
        wait >> greet
    assert greet.retries == 2
    result = d.test(logical_date=DAY)
    assert result.xcom["greet"] == {"return_value": "hello 2024-01-15"}
    assert result.xcom["wait"] == {"return_value": "2024-01-15"}
    assert result.tasks["wait"].tries[0].pokes == 3


def test_dag_decorator_and_explicit_dag_argument() -> None:
    @dag(schedule=None, default_args={"retries": 1})
    def decorated(limit: int = 3) -> None:
        @task
        def show(params: Any = None) -> int:
            return params["limit"]

        show()

    built = decorated()
    assert built.dag_id == "decorated"
    assert built.get_task("show").retries == 1
    assert built.test(logical_date=DAY).xcom["show"] == {"return_value": 3}

    plain = DAG("explicit")
    first = EmptyOperator(task_id="first", dag=plain)
    second = EmptyOperator(task_id="second", dag=plain)
    first >> second
    assert plain.test(logical_date=DAY).state == "success"


def test_xcom_values_passed_to_taskflow_are_not_rendered_again() -> None:
    """Airflow resolves XComArgs while rendering, and does not render what they return."""
    with DAG("no_double_render") as d:

        @task
        def make() -> str:
            return "{{ ds }}"

        @task
        def echo(value: str, suffix: str) -> str:
            return value + suffix

        echo(make(), "/{{ ds }}")
    assert d.test(logical_date=DAY).xcom["echo"] == {"return_value": "{{ ds }}/2024-01-15"}


def test_airflow_2_style_imports_are_accepted() -> None:
    source = """
from airflow import DAG
from airflow.decorators import task
from airflow.operators.empty import EmptyOperator
from airflow.utils.trigger_rule import TriggerRule

with DAG("old_style") as dag:
    @task
    def hello():
        return "hi"
    hello() >> EmptyOperator(task_id="end", trigger_rule=TriggerRule.ALL_DONE)
"""
    result = load_dag_source(source)["old_style"].test(logical_date=DAY)
    assert result.state == "success"


def test_edge_labels_only_name_the_dependency() -> None:
    source = """
from airflow.sdk import DAG, Label
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import BranchPythonOperator

with DAG("labelled") as dag:
    check = BranchPythonOperator(task_id="check", python_callable=lambda: "good")
    good, bad = EmptyOperator(task_id="good"), EmptyOperator(task_id="bad")
    check >> Label("valid") >> good
    check >> Label("invalid") >> bad
"""
    dag = load_dag_source(source)["labelled"]
    assert dag.get_task("check").downstream_task_ids == {"good", "bad"}
    result = dag.test(logical_date=DAY)
    assert (result.tasks["good"].state, result.tasks["bad"].state) == ("success", "skipped")
