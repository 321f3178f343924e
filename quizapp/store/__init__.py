"""The progress database (sqlite-utils): open, migrate, and every query.

``open_store(path)`` gives a :class:`Store` (writes and simple reads);
:mod:`quizapp.store.progress` has the progress-review queries. Problems opening
a file raise :class:`StoreError` subclasses whose message can be shown as is.
"""

from quizapp.core.records import ReviewRecord
from quizapp.store.db import (
    MockAnswerRow,
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

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabaseError",
    "ForeignDatabaseError",
    "MockAnswerRow",
    "NewerSchemaError",
    "ReviewRecord",
    "Store",
    "StoreError",
    "StoredReview",
    "open_memory_store",
    "open_store",
]
