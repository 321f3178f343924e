"""Which values an XCom can hold: the check Airflow's serializer makes when a task pushes.

Airflow 3 writes every XCom with ``airflow.sdk.serde.serialize``: ``None``, ``int``,
``float``, ``bool``, ``str``, lists and dicts (string keys), tuples, sets, dates and times,
``Decimal``, ``UUID``, time zones, a few library types (numpy scalars, pandas frames,
pydantic models), objects with a ``serialize()`` method, dataclasses and attrs classes.
Anything else makes the push raise ``TypeError``, so the task fails (and is retried like
any other failure). The sandbox keeps values in memory but refuses the same ones.
"""

from __future__ import annotations

import dataclasses
from typing import Any

#: Types Airflow's registered serializers handle, by qualified class name.
_REGISTERED = {
    "builtins.frozenset", "builtins.set", "builtins.tuple", "decimal.Decimal", "uuid.UUID",
    "datetime.date", "datetime.datetime", "datetime.timedelta", "zoneinfo.ZoneInfo",
    "pendulum.datetime.DateTime", "pendulum.date.Date", "pendulum.tz.timezone.FixedTimezone",
    "pendulum.tz.timezone.Timezone", "pandas.DataFrame", "pandas.core.frame.DataFrame",
    "numpy.int8", "numpy.int16", "numpy.int32", "numpy.int64", "numpy.uint8", "numpy.uint16",
    "numpy.uint32", "numpy.uint64", "numpy.float64", "numpy.float32", "numpy.float16",
    "numpy.complex128", "numpy.complex64", "numpy.bool", "numpy.bool_",
}  # fmt: skip
_CONTAINERS = (tuple, set, frozenset)
_RESERVED_KEYS = ("__classname__", "__type")


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_pydantic_model(value: Any) -> bool:
    return hasattr(value, "model_dump") and hasattr(type(value), "model_fields")


def _has_serializer(value: Any) -> bool:
    """A registered serializer, or the object's own ``serialize()``."""
    return (
        _qualname(type(value)) in _REGISTERED
        or _is_pydantic_model(value)
        or hasattr(value, "serialize")
    )


def check_xcom_value(value: Any) -> None:
    """Raise ``TypeError`` (Airflow's message) when Airflow could not store ``value``."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, (int, float, bool, str)):
            continue
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if any(key in item for key in _RESERVED_KEYS):
                raise AttributeError("reserved key __classname__ or __type found in dict")
            stack.extend(item.values())
        elif isinstance(item, _CONTAINERS):
            stack.extend(item)
        elif _has_serializer(item):
            continue
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(dataclasses.asdict(item).values())
        elif hasattr(type(item), "__attrs_attrs__"):
            continue
        else:
            raise TypeError(
                f"Cannot serialize object of type {type(item)}. Give it a `serialize()` method "
                "and a `deserialize(data, version)` staticmethod, or decorate the class with "
                "@dataclass or @attr.define."
            )
