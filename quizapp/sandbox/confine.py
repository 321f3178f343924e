"""Confinement for DAG code that came with a bank: the child process runs it fenced in.

The parent side (:func:`confinement`) gives the child a scrubbed environment (no
``QUIZAPP_HOME``, no secrets from the learner's shell; ``HOME`` and ``TMPDIR`` are a
fresh temporary folder), that folder as its working directory, and a ``confine`` entry
in the request. The child side (:func:`apply_limits`) then sets resource limits (CPU
seconds, address space, file size, open files, processes, no core dumps) and installs
an audit hook that refuses any file, ``sqlite3`` or process operation naming quizapp's
data folder or a database the app opened, before any bank code runs.

This is defence in depth behind consent (a bank's DAGs run only once the learner
trusted the bank); an audit hook is not an operating-system sandbox: native code or a
shell command that builds the path at run time is not stopped by it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Environment variables a confined child keeps (everything else is dropped).
KEEP_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH")
#: Address-space limit of a confined child.
MEMORY_BYTES = 1 << 30
#: Largest file a confined child may write.
FILE_BYTES = 64 << 20
#: Open files a confined child may hold.
OPEN_FILES = 256
#: Processes a confined child may add to those its user already runs.
EXTRA_PROCESSES = 32
#: CPU seconds when the run has no time limit.
CPU_SECONDS_UNLIMITED_RUN = 600


class _Confinement:
    """A temporary working folder and the environment for one confined run."""

    def __init__(self, request: dict[str, Any], time_limit: float | None) -> None:
        self.request = request
        self.time_limit = time_limit

    def run(self, start: Callable[[dict[str, str], str], T]) -> T:
        """Call ``start(env, cwd)`` with the folder in place; remove the folder after."""
        folder = tempfile.mkdtemp(prefix="quizapp-dag-")
        try:
            if self.request.get("path"):  # the copy: the original may sit in a denied folder
                copy = Path(folder) / Path(self.request["path"]).name
                shutil.copyfile(self.request["path"], copy)
                self.request["path"] = str(copy)
            env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
            env.update(HOME=folder, TMPDIR=folder, QUIZAPP_CONFINED="1")
            env.setdefault("PATH", os.defpath)
            self.request["confine"] = {
                "deny": [str(p) for p in denied_paths()],
                "cpu": int(self.time_limit or CPU_SECONDS_UNLIMITED_RUN) + 2,
                "memory": MEMORY_BYTES,
                "files": FILE_BYTES,
                "open_files": OPEN_FILES,
                "processes": EXTRA_PROCESSES,
            }
            return start(env, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def confinement(request: dict[str, Any], time_limit: float | None) -> _Confinement:
    """Prepare ``request`` for a confined child (see the module docstring)."""
    return _Confinement(request, time_limit)


def denied_paths() -> list[Path]:
    """quizapp's data folder and every database this process opened, resolved."""
    from quizapp.paths import data_dir, protected_paths

    found: list[Path] = []
    with contextlib.suppress(OSError):
        found.append(data_dir().resolve())
    found += [p.resolve() for p in protected_paths()]
    return list(dict.fromkeys(found))


# --- the child side -----------------------------------------------------------------


def apply_limits(confine: dict[str, Any]) -> None:
    """Set the resource limits and the audit hook (the child, before bank code runs)."""
    import resource

    def limit(which: int, value: int) -> None:
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (value, value))

    limit(resource.RLIMIT_CPU, int(confine["cpu"]))
    limit(resource.RLIMIT_AS, int(confine["memory"]))
    limit(resource.RLIMIT_FSIZE, int(confine["files"]))
    limit(resource.RLIMIT_NOFILE, int(confine["open_files"]))
    limit(resource.RLIMIT_CORE, 0)
    limit(resource.RLIMIT_NPROC, _user_processes() + int(confine["processes"]))
    import ctypes  # the executors stop a timed-out thread with this one function

    _ = ctypes.pythonapi.PyThreadState_SetAsyncExc  # looked up now; later lookups are refused
    sys.addaudithook(_Guard([os.path.realpath(p) for p in confine["deny"]]))


def _user_processes() -> int:
    """How many processes this user runs now (the process limit counts them all)."""
    uid = os.getuid()
    count = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    count += entry.stat().st_uid == uid
    return count


_PROCESS_EVENTS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"}
_REFUSED_EVENTS = {"ctypes.dlopen", "ctypes.dlsym"}


class _Guard:
    """An audit hook: refuse operations that name a denied path."""

    def __init__(self, denied: list[str]) -> None:
        self.denied = denied

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event in _REFUSED_EVENTS:
            raise PermissionError(f"{event} is not allowed for a bank's DAG")
        if event in _PROCESS_EVENTS:
            for text in _texts(args):
                if any(root in text for root in self.denied):
                    raise PermissionError("a bank's DAG may not touch quizapp's data")
            return
        if event == "open" or event.startswith(("os.", "shutil.", "sqlite3.")):
            for text in _texts(args):
                if self._inside(text):
                    raise PermissionError(f"a bank's DAG may not touch quizapp's data: {text}")

    def _inside(self, text: str) -> bool:
        if not text or text.startswith(":memory:"):
            return False
        text = text.removeprefix("file:").split("?", 1)[0]
        try:
            real = os.path.realpath(text)
        except (OSError, ValueError):
            return False
        return any(real == root or real.startswith(root + os.sep) for root in self.denied)


def _texts(args: Any) -> Iterator[str]:
    """Every path-like or text value in an audit event's arguments (one level of lists)."""
    for arg in args if isinstance(args, tuple | list) else (args,):
        if isinstance(arg, tuple | list):
            yield from _texts(arg)
        elif isinstance(arg, str | bytes | os.PathLike):
            with contextlib.suppress(TypeError, ValueError):
                yield os.fsdecode(arg)
