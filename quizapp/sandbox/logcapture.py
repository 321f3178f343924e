"""Per-try capture of what task code prints or logs, as log lines.

While a run is active, ``sys.stdout``/``sys.stderr`` are proxies and the root logger
has one extra handler; both route text written from a thread that is running a
task try to that try's capture, and pass everything else through unchanged. The
root logger is lowered to INFO during a run (as Airflow's task logs show INFO).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_local = threading.local()
_lock = threading.Lock()
_state: dict[str, Any] = {"users": 0}


class TryCapture:
    """Collects one try's output and emits complete lines."""

    def __init__(self, emit: Callable[[str], None]) -> None:
        self._emit = emit
        self._partial = ""
        self.closed = False
        self._lock = threading.Lock()

    def write(self, text: str) -> None:
        """Add text; each completed line is emitted."""
        with self._lock:
            if self.closed:
                return
            self._partial += text
            *lines, self._partial = self._partial.split("\n")
        for line in lines:
            self._emit(line.rstrip("\r"))

    def close(self) -> None:
        """Emit what is left and stop capturing (late writes from a hung thread are dropped)."""
        with self._lock:
            rest, self._partial, self.closed = self._partial, "", True
        if rest:
            self._emit(rest)


def _current() -> TryCapture | None:
    capture = getattr(_local, "capture", None)
    return capture if capture is not None and not capture.closed else None


class _StreamProxy:
    """Sends a task thread's writes to its capture, others to the real stream."""

    def __init__(self, original: TextIO) -> None:
        self._original = original

    def write(self, text: str) -> int:
        capture = getattr(_local, "capture", None)
        if capture is None:
            return self._original.write(text)
        capture.write(text)  # dropped when the try is over (a hung, abandoned thread)
        return len(text)

    def flush(self) -> None:
        if getattr(_local, "capture", None) is None:
            self._original.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._original, name)


class _CaptureHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        capture = _current()
        if capture is not None:
            capture.write(self.format(record) + "\n")


def install() -> None:
    """Start routing task output (nested runs share one installation)."""
    with _lock:
        _state["users"] += 1
        if _state["users"] > 1:
            return
        handler = _CaptureHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        root = logging.getLogger()
        _state.update(stdout=sys.stdout, stderr=sys.stderr, handler=handler, level=root.level)
        sys.stdout = _StreamProxy(sys.stdout)  # type: ignore[assignment]
        sys.stderr = _StreamProxy(sys.stderr)  # type: ignore[assignment]
        root.addHandler(handler)
        if root.level > logging.INFO:
            root.setLevel(logging.INFO)


def uninstall() -> None:
    """Undo :func:`install` when the last run ends."""
    with _lock:
        _state["users"] -= 1
        if _state["users"] > 0:
            return
        root = logging.getLogger()
        root.removeHandler(_state["handler"])
        root.setLevel(_state["level"])
        sys.stdout, sys.stderr = _state["stdout"], _state["stderr"]


@contextmanager
def capturing(capture: TryCapture) -> Iterator[None]:
    """Route this thread's output to ``capture`` while the block runs."""
    previous = getattr(_local, "capture", None)
    _local.capture = capture
    try:
        yield
    finally:
        _local.capture = previous
