"""Why a progress database could not be used, in words fit to show a learner.

Each error says what is wrong and what to do, and that the file was left as it
was: quizapp never overwrites or deletes a database it cannot read.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A progress database problem; ``str(error)`` is the message for the user."""

    def __init__(self, path: Path | None, message: str) -> None:
        self.path = path
        super().__init__(message)


class CorruptDatabaseError(StoreError):
    """The file is not an SQLite database, or SQLite found it damaged."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            path,
            f"{path} is not a readable progress database ({detail}). "
            "It was left untouched: move it aside (or restore a .bak copy next to it), "
            "or use --db PATH to keep your progress in another file.",
        )


class NewerSchemaError(StoreError):
    """The database was written by a newer quizapp than this one."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(
            path,
            f"{path} was written by a newer version of quizapp (schema version {found}; "
            f"this version knows up to {known}). It was left untouched: upgrade quizapp, "
            "or use --db PATH to open another file.",
        )


class ForeignDatabaseError(StoreError):
    """An SQLite database that quizapp did not create."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"{path} is an SQLite database but not a quizapp progress database. "
            "It was left untouched: use --db PATH to choose another file.",
        )
