"""``Param``: a DAG or task parameter with a default (JSON-schema validation is not done)."""

from __future__ import annotations

from typing import Any


class Param:
    """A parameter; tasks see its ``value`` in ``context["params"]``."""

    def __init__(self, default: Any = None, description: str | None = None, **schema: Any):
        self.value = default
        self.description = description
        self.schema = schema

    def __repr__(self) -> str:
        return f"Param({self.value!r})"
