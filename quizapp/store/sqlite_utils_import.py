"""Import sqlite-utils without the numpy and pandas it would load.

``sqlite_utils.db`` imports numpy and pandas whenever they are installed, only
to accept their values in inserts, which quizapp never makes: with numpy
present that is about half of opening the store (100-200 ms on a small
machine), paid while the first mode key waits. They are hidden for the length
of that one import; a later ``import numpy`` anywhere works as usual.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

OPTIONAL = ("numpy", "pandas")


def database_class() -> type[Database]:
    """``sqlite_utils.Database``, imported (the first time) with numpy and pandas hidden."""
    if "sqlite_utils.db" not in sys.modules:
        hidden = [name for name in OPTIONAL if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # "import x" raises ImportError
        try:
            import sqlite_utils.db  # noqa: F401  (the import is the point)
        finally:
            for name in hidden:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]
    from sqlite_utils import Database

    return Database
