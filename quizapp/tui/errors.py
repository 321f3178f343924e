"""Errors a screen reports with a message instead of letting them become a traceback."""

from __future__ import annotations

import sqlite3


def database_errors() -> tuple[type[Exception], ...]:
    """What using the progress database can raise: the store's own errors (with a
    message fit to show), SQLite's (locked too long, disk full) and the OS's (file gone).

    A function, not a constant: importing the store at start-up would slow the home screen.
    """
    from quizapp.store import StoreError

    return (StoreError, sqlite3.Error, OSError)
