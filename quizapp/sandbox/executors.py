"""Executors: where task code runs. Sequential (inline, one at a time) or local (threads).

The scheduler (runner.py) decides *what* may run; an executor runs a unit of work
and hands back its outcome. ``execution_timeout`` is enforced on real time: the try
runs in a helper thread; past the limit the task's ``on_kill`` is called, an
``AirflowTaskTimeout`` is raised inside the thread (effective at the next Python
bytecode; a blocking C call such as ``time.sleep`` finishes first), the try gets
``GRACE_SECONDS`` to unwind, and it counts as failed.
"""

from __future__ import annotations

import ctypes
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from quizapp.sandbox.exceptions import AirflowTaskTimeout


@dataclass
class Outcome:
    """How one unit of work (a try, or one sensor poke) ended."""

    key: tuple[str, int]
    kind: str  # success | skipped | failed | failed_no_retry | poke_false
    value: Any = None
    error: str = ""
    skip_tasks: list[str] = field(default_factory=list)
    duration: float = 0.0


@dataclass
class Work:
    """A unit of work for an executor."""

    key: tuple[str, int]
    run: Callable[[], Outcome]
    timeout: float | None = None
    on_timeout: Callable[[], Outcome] | None = None
    on_kill: Callable[[], None] | None = None


def _raise_in_thread(thread: threading.Thread, exc_type: type[BaseException]) -> None:
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(ident), ctypes.py_object(exc_type)
        )


#: How long a timed-out try gets to unwind (and log where it stopped) after the timeout.
GRACE_SECONDS = 0.5


def execute(work: Work) -> Outcome:
    """Run ``work`` here, or in a helper thread when it has a timeout."""
    if work.timeout is None:
        return work.run()
    box: list[Outcome] = []
    thread = threading.Thread(target=lambda: box.append(work.run()), daemon=True)
    thread.start()
    thread.join(work.timeout)
    if box:
        return box[0]
    if work.on_kill is not None:
        work.on_kill()
    _raise_in_thread(thread, AirflowTaskTimeout)
    thread.join(GRACE_SECONDS)  # the try's own error handling logs where it stopped
    assert work.on_timeout is not None
    return work.on_timeout()


class SequentialExecutor:
    """Runs one unit at a time in the scheduler's thread (deterministic order)."""

    name = "sequential"
    parallelism = 1

    def __init__(self) -> None:
        self._queue: list[Work] = []

    def submit(self, work: Work) -> None:
        """Accept a unit of work."""
        self._queue.append(work)

    def running(self) -> int:
        """Units submitted and not yet reported."""
        return len(self._queue)

    def wait(self) -> Outcome:
        """Run the next unit and report it."""
        return execute(self._queue.pop(0))

    def shutdown(self) -> None:
        """Nothing to release."""


class LocalExecutor:
    """Runs units in a pool of worker threads (the scheduler caps how many at once)."""

    name = "local"

    def __init__(self, parallelism: int = 32) -> None:
        self.parallelism = parallelism
        self._done: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
        self._running = 0
        self._pool: ThreadPoolExecutor | None = None

    def submit(self, work: Work) -> None:
        """Hand ``work`` to a worker thread."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.parallelism, thread_name_prefix="sandbox-task")
        self._running += 1
        self._pool.submit(lambda: self._done.put(execute(work)))

    def running(self) -> int:
        """Units started and not yet reported."""
        return self._running

    def wait(self) -> Outcome:
        """Block until some unit finishes."""
        outcome = self._done.get()
        self._running -= 1
        return outcome

    def shutdown(self) -> None:
        """Release the worker threads without waiting (a hung try is abandoned)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


EXECUTORS: dict[str, type[SequentialExecutor | LocalExecutor]] = {
    "sequential": SequentialExecutor,
    "local": LocalExecutor,
}


def make_executor(name: str) -> SequentialExecutor | LocalExecutor:
    """An executor by name; ValueError lists the known ones."""
    try:
        return EXECUTORS[name]()
    except KeyError:
        raise ValueError(f"unknown executor {name!r} (known: {', '.join(EXECUTORS)})") from None
