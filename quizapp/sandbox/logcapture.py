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


#: A line longer than this is emitted in pieces of this size (output with no newline,
#: such as progress dots, must neither grow without bound nor be re-scanned per write).
MAX_LINE_CHARS = 8192


class TryCapture:
    """Collects one try's output and emits complete lines.

    Linear in what is written: text without a newline is only appended to a list of
    pieces; the pieces are joined once a newline (or :data:`MAX_LINE_CHARS`) arrives.
    """

    def __init__(self, emit: Callable[[str], None]) -> None:
        self._emit = emit
        self._pieces: list[str] = []
        self._size = 0
        self.closed = False
        self._lock = threading.Lock()

    def write(self, text: str) -> None:
        """Add text; each completed line is emitted."""
        with self._lock:
            if self.closed or not text:
                return
            if "\n" not in text and self._size + len(text) < MAX_LINE_CHARS:
                self._pieces.append(text)
                self._size += len(text)
                return
            self._pieces.append(text)
            *lines, rest = "".join(self._pieces).split("\n")
            done: list[str] = []
            for line in lines:
                done += _pieces_of(line)
            if len(rest) >= MAX_LINE_CHARS:
                *full, rest = _pieces_of(rest, keep_last=True)
                done += full
            self._pieces = [rest] if rest else []
            self._size = len(rest)
        for line in done:
            self._emit(line.rstrip("\r"))

    def close(self) -> None:
        """Emit what is left and stop capturing (late writes from a hung thread are dropped)."""
        with self._lock:
            rest, self._pieces, self._size, self.closed = "".join(self._pieces), [], 0, True
        for line in _pieces_of(rest) if rest else []:
            self._emit(line)


def _pieces_of(line: str, keep_last: bool = False) -> list[str]:
    """``line`` cut into :data:`MAX_LINE_CHARS` pieces (the last may be shorter)."""
    if len(line) <= MAX_LINE_CHARS and not keep_last:
        return [line]
    pieces = [line[i : i + MAX_LINE_CHARS] for i in range(0, len(line), MAX_LINE_CHARS)]
    if keep_last and len(pieces[-1]) == MAX_LINE_CHARS:
        pieces.append("")
    return pieces or [""]


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
