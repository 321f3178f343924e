"""The progress database (sqlite-utils): open, migrate, and every query.

``open_store(path)`` gives a :class:`Store` (writes and simple reads);
:mod:`quizapp.store.progress` has the progress-review queries. Problems opening
a file raise :class:`StoreError` subclasses whose message can be shown as is.

The names below are imported on first use, so ``quizapp.store.summary`` (the
home screen's light reader) loads without sqlite-utils and the scheduler.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.core.records import ReviewRecord
    from quizapp.store.db import (
        MockAnswerRow,
        RunningMock,
        Store,
        StoredReview,
        open_memory_store,
        open_store,
    )
    from quizapp.store.errors import (
        CorruptDatabaseError,
        ForeignDatabaseError,
        NewerSchemaError,
        StoreError,
    )
    from quizapp.store.migrations import SCHEMA_VERSION

_HOMES = {
    "ReviewRecord": "quizapp.core.records",
    "MockAnswerRow": "quizapp.store.db",
    "RunningMock": "quizapp.store.db",
    "Store": "quizapp.store.db",
    "StoredReview": "quizapp.store.db",
    "open_memory_store": "quizapp.store.db",
    "open_store": "quizapp.store.db",
    "CorruptDatabaseError": "quizapp.store.errors",
    "ForeignDatabaseError": "quizapp.store.errors",
    "NewerSchemaError": "quizapp.store.errors",
    "StoreError": "quizapp.store.errors",
    "SCHEMA_VERSION": "quizapp.store.migrations",
}

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabaseError",
    "ForeignDatabaseError",
    "MockAnswerRow",
    "NewerSchemaError",
    "ReviewRecord",
    "RunningMock",
    "Store",
    "StoreError",
    "StoredReview",
    "open_memory_store",
    "open_store",
]


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
