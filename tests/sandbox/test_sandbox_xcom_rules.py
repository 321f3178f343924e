"""XCom rules found by running DAGs under Airflow 3.3.2 (see conformance/dags_more).

- A mapped task may feed another mapped task whatever each instance returns: Airflow
  checks mappability only for an unmapped task's value (task_runner._push_xcom_if_needed).
- A value Airflow's serializer cannot store fails the task (airflow.sdk.serde.serialize),
  and a stored value reads back as Airflow's serde gives it (dict keys as strings...).
"""

from __future__ import annotations

import enum
from collections import OrderedDict, namedtuple
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from quizapp.sandbox import DAG, task
from quizapp.sandbox.serde import stored_xcom_value

DAY = "2024-01-15"


def test_mapped_task_feeds_a_mapped_task_with_plain_values() -> None:
    with DAG("map_into_map") as dag:

        @task
        def double(x: int) -> int:
            return x * 2

        @task
        def show(y: int) -> str:
            return f"<{y}>"

        show.expand(y=double.expand(x=[1, 2]))
    result = dag.test(logical_date=DAY)
    assert result.state == "success"
    assert result.xcom["show[1]"]["return_value"] == "<4>"


def test_unmapped_task_feeding_a_mapped_task_must_still_return_a_collection() -> None:
    with DAG("map_over_int") as dag:

        @task
        def one() -> int:
            return 1

        @task
        def each(x: int) -> int:
            return x

        each.expand(x=one())
    result = dag.test(logical_date=DAY)
    assert result.tasks["one"].state == "failed"
    assert result.tasks["each"].state == "upstream_failed"


def test_unmapped_source_with_do_xcom_push_false_pushes_nothing_to_map() -> None:
    with DAG("map_no_push") as dag:

        @task(do_xcom_push=False)
        def rows() -> list[int]:
            return [1, 2]

        @task
        def each(x: int) -> int:
            return x

        each.expand(x=rows())
    assert dag.test(logical_date=DAY).tasks["rows"].state == "failed"


class _Box:
    def __init__(self, v: int) -> None:
        self.v = v


@dataclass
class _Point:
    x: int


class _OwnSerializer:
    def serialize(self) -> dict[str, Any]:
        return {}


@pytest.mark.parametrize(
    "value",
    [
        None,
        [1, "a", 2.5, True],
        {"a": (1, 2), "b": {3, 4}},
        datetime(2024, 1, 1, tzinfo=UTC),
        _Point(1),
        _OwnSerializer(),
    ],
)
def test_values_airflow_can_store_pass(value: Any) -> None:
    assert stored_xcom_value(value) == value


@pytest.mark.parametrize("value", [_Box(1), [1, {"k": _Box(2)}], _Point.__init__])
def test_values_airflow_cannot_store_raise_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="Cannot serialize object of type"):
        stored_xcom_value(value)


def test_a_task_returning_an_unstorable_value_fails_and_is_retried() -> None:
    with DAG("unstorable", default_args={"retries": 1, "retry_delay": 0}) as dag:

        @task
        def boxed() -> _Box:
            return _Box(3)

        @task
        def pushes(ti: Any = None) -> str:
            ti.xcom_push(key="box", value=_Box(4))
            return "never"

        boxed()
        pushes()
    result = dag.test(logical_date=DAY)
    assert {t: (r.state, r.try_number) for t, r in result.tasks.items()} == {
        "boxed": ("failed", 2),
        "pushes": ("failed", 2),
    }
    assert result.xcom == {}


class _Level(enum.IntEnum):
    HIGH = 3


_Pair = namedtuple("_Pair", "a b")


@pytest.mark.parametrize(
    ("value", "read_back"),
    [
        ({1: "a", (2, 3): "b"}, {"1": "a", "(2, 3)": "b"}),
        (_Level.HIGH, 3),
        (_Pair(1, {2: 3}), (1, {"2": 3})),
        (OrderedDict(x=1), {"x": 1}),
        (Decimal("1.50"), Decimal("1.5")),
        (Decimal("15"), Decimal("15")),
        ([{"k": {4}}], [{"k": {4}}]),
    ],
)
def test_a_stored_value_reads_back_as_airflow_gives_it(value: Any, read_back: Any) -> None:
    stored = stored_xcom_value(value)
    assert stored == read_back
    assert type(stored) is type(read_back)


def test_a_downstream_task_gets_string_keys() -> None:
    with DAG("int_keys") as dag:

        @task
        def counts() -> Any:  # (a dict annotation would infer multiple_outputs)
            return {1: "one"}

        @task
        def keys(d: dict[str, str]) -> list[str]:
            return list(d)

        keys(counts())
    assert dag.test(logical_date=DAY).xcom["keys"]["return_value"] == ["1"]
