"""Running drill SQL in the DuckDB worker process, with a time limit, from the app or the CLI.

One worker serves every query of a session (DuckDB loads once, in the
worker, so the app's own start-up never pays for it); each query still gets a
fresh in-memory database. A query that runs past the time limit has its worker
killed (its whole process group), and the next query starts a new one.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from quizapp.core.models import SqlTable

TIME_LIMIT_S = 5.0
"""A drill query that runs longer than this (seconds) is stopped."""
MAX_ROWS = 1000
"""At most this many result rows are read back (a cross join does not flood the app)."""
ADDRESS_SPACE_LIMIT = 4 * 1024**3
"""The worker's address-space limit: a backstop behind DuckDB's own memory limit."""
_ENV_KEEP = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH", "VIRTUAL_ENV", "HOME")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A query's columns and rows, or the error that stopped it."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    error: str | None = None
    truncated: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the query ran."""
        return self.error is None


def _value(value: object) -> object:
    if isinstance(value, _dt.datetime):
        return {"timestamp": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    return value


def table_request(tables: Sequence[SqlTable]) -> list[dict[str, Any]]:
    """Fixture tables as the worker's request carries them."""
    return [
        {
            "name": t.name,
            "columns": list(t.columns),
            "rows": [[_value(v) for v in row] for row in t.rows],
            "csv": t.csv,
        }
        for t in tables
    ]


def _limit_child() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class SqlRunner:
    """A DuckDB worker process and the queries sent to it (thread-safe)."""

    def __init__(self, time_limit: float = TIME_LIMIT_S) -> None:
        self.time_limit = time_limit
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._workdir = tempfile.TemporaryDirectory(prefix="quizapp-sql-")

    def _start(self) -> subprocess.Popen[str]:
        env = {k: v for k, v in os.environ.items() if k in _ENV_KEEP}
        return subprocess.Popen(
            [sys.executable, "-m", "quizapp.drills.sql_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=self._workdir.name,
            env=env,
            start_new_session=True,
            preexec_fn=_limit_child if sys.platform != "win32" else None,
        )

    def run(
        self, tables: Sequence[SqlTable], sql: str, time_limit: float | None = None
    ) -> QueryResult:
        """Run ``sql`` on a fresh database holding ``tables``; never raises for bad SQL."""
        limit = self.time_limit if time_limit is None else time_limit
        request = json.dumps({"tables": table_request(tables), "sql": sql, "max_rows": MAX_ROWS})
        with self._lock:
            started = time.perf_counter()
            process = self._process
            if process is None or process.poll() is not None:
                process = self._process = self._start()
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(request + "\n")
                process.stdin.flush()
            except OSError:
                self._kill()
                return QueryResult(error="the SQL engine stopped; try again")
            line = _read_line(process.stdout, started + limit)
            seconds = time.perf_counter() - started
            if line is None:
                self._kill()
                return QueryResult(
                    error=f"the query ran past the {limit:g} s limit and was stopped",
                    seconds=seconds,
                )
        try:
            answer = json.loads(line)
        except json.JSONDecodeError:
            return QueryResult(error="the SQL engine gave an answer it could not read")
        if "error" in answer:
            return QueryResult(error=str(answer["error"]), seconds=seconds)
        return QueryResult(
            tuple(answer["columns"]),
            tuple(tuple(row) for row in answer["rows"]),
            truncated=bool(answer.get("truncated")),
            seconds=seconds,
        )

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            process.kill()
        process.wait()

    def close(self) -> None:
        """Stop the worker."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None and process.poll() is None:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._workdir.cleanup()


def _read_line(stream: IO[str], deadline: float) -> str | None:
    """One line from the worker, or None when it does not come before ``deadline``."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not selector.select(timeout=left):
                return None
            line = stream.readline()
            return line or None


_shared: SqlRunner | None = None
_shared_lock = threading.Lock()


def shared_runner() -> SqlRunner:
    """The process's one SQL runner (its worker stops when the process exits)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SqlRunner()
            atexit.register(_shared.close)
        return _shared
