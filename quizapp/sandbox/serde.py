"""Which values an XCom can hold: the check Airflow's serializer makes when a task pushes.

Airflow 3 writes every XCom with ``airflow.sdk.serde.serialize``: ``None``, ``int``,
``float``, ``bool``, ``str``, lists and dicts (string keys), tuples, sets, dates and times,
``Decimal``, ``UUID``, time zones, a few library types (numpy scalars, pandas frames,
pydantic models), objects with a ``serialize()`` method, dataclasses and attrs classes.
Anything else makes the push raise ``TypeError``, so the task fails (and is retried like
any other failure). The sandbox keeps values in memory, refuses the same ones, and stores
each as Airflow gives it back (``{1: "a"}`` is read as ``{"1": "a"}``).
"""

from __future__ import annotations

import dataclasses
import enum
from decimal import Decimal
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


def _is_namedtuple(value: Any) -> bool:
    return hasattr(value, "_asdict") and hasattr(value, "_fields")


def _decimal_round_trip(value: Decimal) -> Decimal:
    """Airflow stores a Decimal as an int (no fraction digits) or a float, then reads it
    back with ``Decimal(str(...))``: ``Decimal("1.50")`` comes back as ``Decimal("1.5")``."""
    exponent = value.as_tuple().exponent
    stored = int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    return Decimal(str(stored))


def stored_xcom_value(value: Any) -> Any:
    """``value`` as a task pulling it gets it back from Airflow (serialised, then read).

    Dict keys become strings, an int or str enum its value, a namedtuple a tuple, a dict or
    list subclass a plain dict or list, a Decimal goes through an int or a float; the rest
    is kept. Raises ``TypeError`` (Airflow's message) for what Airflow cannot store.
    """
    if value is None:
        return None
    if isinstance(value, list):
        return [stored_xcom_value(v) for v in value]
    if isinstance(value, dict):
        if any(key in value for key in _RESERVED_KEYS):
            raise AttributeError("reserved key __classname__ or __type found in dict")
        return {str(k): stored_xcom_value(v) for k, v in value.items()}
    if _is_namedtuple(value) or type(value) in _CONTAINERS:
        items = (stored_xcom_value(v) for v in value)
        return tuple(items) if _is_namedtuple(value) else type(value)(items)
    if isinstance(value, Decimal):
        return _decimal_round_trip(value)
    if _has_serializer(value):
        return value
    if isinstance(value, (int, float, bool, str)):
        return value.value if isinstance(value, enum.Enum) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field_value in dataclasses.asdict(value).values():
            stored_xcom_value(field_value)
        return value
    if hasattr(type(value), "__attrs_attrs__"):
        return value
    raise TypeError(
        f"Cannot serialize object of type {type(value)}. Give it a `serialize()` method "
        "and a `deserialize(data, version)` staticmethod, or decorate the class with "
        "@dataclass or @attr.define."
    )
