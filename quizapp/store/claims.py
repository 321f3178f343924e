"""Which quizapp has a mock interview open: an OS lock on a small file next to the database.

A process that runs an interview holds an exclusive ``flock`` on
``<database>.mock-<id>.lock``. The operating system lets go of it when the
process ends, however it ends (``kill -9`` included), so an interview left
``running`` whose lock can be taken is not open in any live quizapp and may be
resumed or closed; one whose lock is held is someone else's. Where ``fcntl``
is missing (Windows) and for an in-memory database every claim succeeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]


class Claims:
    """The interviews this process holds, for one database file."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path
        self._held: dict[int, BinaryIO] = {}

    def lock_path(self, mock_id: int) -> Path | None:
        """The lock file of an interview (None: no file database)."""
        if self.db_path is None:
            return None
        return self.db_path.with_name(f"{self.db_path.name}.mock-{mock_id}.lock")

    def take(self, mock_id: int) -> bool:
        """Hold the interview for this process; False when another live process holds it."""
        path = self.lock_path(mock_id)
        if path is None or fcntl is None or mock_id in self._held:
            return True
        handle = path.open("a+b")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._held[mock_id] = handle
        return True

    def release(self, mock_id: int) -> None:
        """Let go of a finished (or abandoned) interview and remove its lock file."""
        handle = self._held.pop(mock_id, None)
        if handle is None:
            return
        path = self.lock_path(mock_id)
        if path is not None:
            path.unlink(missing_ok=True)
        handle.close()

    def close(self) -> None:
        """Let go of every interview (their files stay: they are still running)."""
        for handle in self._held.values():
            handle.close()
        self._held.clear()
