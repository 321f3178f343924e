"""Run learner code in a child process: a crash, ``sys.exit`` or endless loop stays there.

The parent starts ``python -m quizapp.sandbox.isolate``, sends the request as JSON on
stdin and reads JSON lines back: ``{"type": "event", ...}`` for every event (passed to
the sink as it arrives), ``{"type": "result", ...}`` per finished run, ``{"type":
"error", "message": ...}`` when the file cannot be used. Past ``time_limit`` seconds
(or when ``cancel`` is set) the child is killed; the run in progress is reported with
its running tasks ``failed`` and the run ``failed``, with a message saying why (and
which task was running). The child leads its own session (process group): every process
a task started (``subprocess``, ``fork``) is killed with it, also when the run ends
normally. ``confined=True`` (a bank's DAG) adds a scrubbed environment, a temporary
working directory, resource limits and no access to quizapp's data folder
(:mod:`quizapp.sandbox.confine`). :func:`run_isolated` is safe to call from a worker thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from quizapp.sandbox.events import (
    Event,
    RunFinished,
    RunStarted,
    Sink,
    TaskEvent,
    TaskFailed,
    event_from_dict,
    event_to_dict,
)
from quizapp.sandbox.exceptions import SandboxError
from quizapp.sandbox.result import RunResult, TaskResult, TryRecord, result_from_json

#: Default wall-clock limit for a whole isolated run, in seconds (0 or None: no limit).
DEFAULT_TIME_LIMIT = 30.0
#: How a run stopped by its time limit begins its ``error`` (see :func:`hit_time_limit`).
TIME_LIMIT_MESSAGE = "time limit of {limit:g} s exceeded"
#: How long a child that closed its output may take to exit before it is killed.
EXIT_WAIT_SECONDS = 5.0
#: How long to wait, once the child is gone, for the threads reading its pipes to close them.
READER_JOIN_SECONDS = 2.0
_FINAL = {"success", "failed", "skipped", "upstream_failed"}


class TimeLimitExceeded(SandboxError):
    """The time limit was hit before any run started (e.g. while the file was loading)."""


def hit_time_limit(result: RunResult) -> bool:
    """Whether the run was stopped by its time limit."""
    return (result.error or "").startswith(TIME_LIMIT_MESSAGE.split("{", 1)[0])


def run_isolated(
    *,
    path: str | Path | None = None,
    source: str | None = None,
    dag_id: str | None = None,
    logical_date: str | None = None,
    start: str | None = None,
    end: str | None = None,
    now: str | None = None,
    executor: str = "sequential",
    pools: dict[str, int] | None = None,
    sink: Sink | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    cancel: threading.Event | None = None,
    confined: bool = False,
) -> list[RunResult]:
    """Run a DAG file (``path``) or DAG source text (``source``) in a child process.

    Returns one RunResult per run (a file may plan several: several DAGs, catch-up or
    ``start``/``end`` backfill; source text always one); ``now`` is the time of a run
    planned for "now" (a test's fake clock). Raises SandboxError when the
    file cannot be loaded (TimeLimitExceeded when loading it ran out of time). Events reach
    ``sink`` (in the calling thread) as they come. ``time_limit`` 0 or None: no limit.
    """
    if (path is None) == (source is None):
        raise ValueError("give exactly one of path= or source=")
    request = {
        "path": None if path is None else str(Path(path).resolve()),
        "source": source,
        "dag_id": dag_id,
        "logical_date": None if logical_date is None else str(logical_date),
        "start": None if start is None else str(start),
        "end": None if end is None else str(end),
        "now": None if now is None else str(now),
        "executor": executor,
        "pools": pools or {},
        "time_limit": time_limit or None,
    }
    if confined:
        from quizapp.sandbox.confine import confinement

        return confinement(request, time_limit).run(
            lambda env, cwd: _Parent(request, sink, time_limit, cancel, env, cwd).run()
        )
    return _Parent(request, sink, time_limit, cancel).run()


class _Parent:
    """Drives one child process and turns its output into events and results."""

    def __init__(
        self,
        request: dict[str, Any],
        sink: Sink | None,
        time_limit: float | None,
        cancel: threading.Event | None,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        self.request = request
        self.env = env
        self.cwd = cwd
        self.sink = sink
        self.time_limit = time_limit
        self.cancel = cancel
        self.results: list[RunResult] = []
        self.current: list[Event] = []
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: deque[str] = deque(maxlen=20)

    def run(self) -> list[RunResult]:
        env = dict(os.environ) if self.env is None else dict(self.env)
        env.update(PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1")
        child = subprocess.Popen(
            [sys.executable, "-m", "quizapp.sandbox.isolate"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=self.cwd,
            start_new_session=True,  # its own process group: killed as a whole
        )
        assert child.stdin and child.stdout and child.stderr
        readers = [
            threading.Thread(target=self._pump, args=(child.stdout, self.lines), daemon=True),
            threading.Thread(target=self._drain, args=(child.stderr,), daemon=True),
        ]
        for reader in readers:
            reader.start()
        try:
            child.stdin.write(json.dumps(self.request))
            child.stdin.close()
        except OSError:  # the child died at once; its exit code says why
            pass
        limit = self.time_limit or None
        deadline = None if limit is None else time.monotonic() + limit
        stopped = True
        try:
            reason = self._read(deadline)
            stopped = reason is not None
        finally:
            if not stopped:
                _wait_unreaped(child, EXIT_WAIT_SECONDS)
            _kill_group(child)  # also what a task started and left running
            child.wait()
            for reader in readers:  # they close the pipes at EOF
                reader.join(timeout=READER_JOIN_SECONDS)
        if reason is None and child.returncode != 0:
            reason = f"the child process exited with code {child.returncode}"
            if child.returncode == -signal.SIGXCPU:
                reason = "the child process used up its CPU time limit"
            if self.stderr:
                reason += ": " + self.stderr[-1]
        if reason is not None:
            self._abandon(reason)
        return self.results

    @staticmethod
    def _pump(stream: Any, lines: queue.Queue[str | None]) -> None:
        with stream:
            for line in stream:
                lines.put(line)
        lines.put(None)

    def _drain(self, stream: Any) -> None:
        with stream:
            for line in stream:
                self.stderr.append(line.rstrip())

    def _read(self, deadline: float | None) -> str | None:
        """Handle messages until the child is done; the reason when it had to be stopped."""
        while True:
            if self.cancel is not None and self.cancel.is_set():
                return "cancelled"
            left = 0.1 if deadline is None else deadline - time.monotonic()
            if left <= 0:
                return TIME_LIMIT_MESSAGE.format(limit=self.time_limit)
            try:
                line = self.lines.get(timeout=min(left, 0.1))
            except queue.Empty:
                continue
            if line is None:
                return None
            message = json.loads(line)
            if message["type"] == "done":
                return None
            if message["type"] == "event":
                self._event(event_from_dict(message["event"]))
            elif message["type"] == "result":
                self.results.append(result_from_json(message["result"]))
                self.current = []
            elif message["type"] == "error":
                raise SandboxError(message["message"])

    def _event(self, event: Event) -> None:
        self.current.append(event)
        if self.sink is not None:
            self.sink(event)

    def _abandon(self, reason: str) -> None:
        """Close the run in progress: running tasks failed, the run failed."""
        started = next((e for e in self.current if isinstance(e, RunStarted)), None)
        if started is None:
            if not self.results:
                error = TimeLimitExceeded if reason.startswith("time limit") else SandboxError
                raise error(f"the DAG run did not start: {reason} (while loading the DAG)")
            return
        at = self.current[-1].at
        tasks = _task_states(started, self.current)
        running = [t.label for t in tasks.values() if t.state == "running"]
        if running and reason.startswith("time limit"):
            names = ", ".join(repr(label) for label in running)
            verb = "were" if len(running) > 1 else "was"
            reason += f" while task{'s' * (len(running) > 1)} {names} {verb} running"
        for (task_id, map_index), task in tasks.items():
            if task.state == "running":
                self._event(TaskFailed(at, task_id, map_index, task.try_number, reason))
                task.state = "failed"
                task.reason = reason
                if task.tries:
                    task.tries[-1].state, task.tries[-1].error = "failed", reason
        self._event(RunFinished(at, started.dag_id, started.run_id, "failed", reason))
        self.results.append(
            RunResult(
                dag_id=started.dag_id,
                run_id=started.run_id,
                state="failed",
                logical_date=started.logical_date,
                data_interval_start=started.data_interval_start,
                data_interval_end=started.data_interval_end,
                started_at=started.at,
                tasks={t.label: t for t in tasks.values()},
                events=list(self.current),
                error=reason,
            )
        )


def _wait_unreaped(child: subprocess.Popen[str], seconds: float) -> None:
    """Wait for the child to exit without reaping it, so its pid (the group id) stays taken."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                return
        except ChildProcessError:
            return
        time.sleep(0.002)


def _kill_group(child: subprocess.Popen[str]) -> None:
    """SIGKILL the child's whole process group (the child and what it started)."""
    if child.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)


def _task_states(started: RunStarted, events: list[Event]) -> dict[tuple[str, int], TaskResult]:
    """Each task's last known state from the events of an unfinished run."""
    tasks = {(t, -1): TaskResult(t, -1, None, 0, 0) for t in started.task_ids}
    for event in events:
        if not isinstance(event, TaskEvent):
            continue
        key = (event.task_id, event.map_index)
        task = tasks.setdefault(key, TaskResult(event.task_id, event.map_index, None, 0, 0))
        if event.map_index >= 0:
            tasks.pop((event.task_id, -1), None)
        if event.kind == "log":
            if task.tries:
                task.tries[-1].log.append(event.line)  # type: ignore[attr-defined]
            continue
        task.try_number = event.try_number
        if event.kind == "queued":
            task.tries.append(TryRecord(event.try_number, event.at))
        if event.kind in _FINAL or event.kind in ("running", "up_for_retry"):
            task.state = event.kind
        if task.tries and event.kind in _FINAL | {"up_for_retry"}:
            record = task.tries[-1]
            record.state = "failed" if event.kind == "up_for_retry" else event.kind
            record.ended_at = event.at
    return tasks


#: How long past its time limit a child waits for its parent to stop it before it stops itself.
CHILD_GRACE_SECONDS = 5.0


def _watch_parent(parent: int, time_limit: float | None) -> None:
    """In the child: kill the whole process group when the parent is gone (the app was
    killed) or long past the time limit (the parent hung), so no run is ever orphaned."""
    deadline = None if not time_limit else time.monotonic() + time_limit + CHILD_GRACE_SECONDS

    def watch() -> None:
        while os.getppid() == parent and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.25)
        if os.getpgrp() == os.getpid():  # started by run_isolated: the group is ours alone
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os._exit(1)

    threading.Thread(target=watch, name="quizapp-parent-watch", daemon=True).start()


def _child() -> int:
    """The child side: read the request, run, write JSON lines; never raise."""
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints cannot break the protocol
    lock = threading.Lock()

    def send(message: dict[str, Any]) -> None:
        with lock:
            protocol.write(json.dumps(message, default=repr) + "\n")

    request = json.loads(sys.stdin.read())
    _watch_parent(os.getppid(), request.get("time_limit"))
    if request.get("confine"):
        from quizapp.sandbox.confine import apply_limits

        apply_limits(request["confine"])
    from quizapp.sandbox.runfile import plan_runs, run_plan, run_source, run_with_asset_triggers

    def sink(event: Event) -> None:
        send({"type": "event", "event": event_to_dict(event)})

    try:
        options = {"executor": request["executor"], "sink": sink, "pools": request["pools"]}
        if request["source"] is not None:
            result = run_source(
                request["source"],
                dag_id=request["dag_id"],
                logical_date=request["logical_date"],
                **options,
            )
            send({"type": "result", "result": result.to_json()})
        else:
            from quizapp.sandbox.loader import load_dag_file

            dags = load_dag_file(request["path"])
            plan = plan_runs(
                dags,
                dag_id=request["dag_id"],
                logical_date=request["logical_date"],
                start=request["start"],
                end=request["end"],
                where=request["path"],
                now=request.get("now"),
            )
            done = []
            for planned in plan:
                (result,) = run_plan([planned], **options)
                send({"type": "result", "result": result.to_json()})
                done.append(result)
            # the runs the file's asset updates trigger (asset-scheduled DAGs)
            for result in run_with_asset_triggers(dags, done, **options)[len(done) :]:
                send({"type": "result", "result": result.to_json()})
    except SandboxError as exc:
        send({"type": "error", "message": str(exc)})
    # The end of the messages: a process a task started and left running keeps the pipe
    # open, so the parent cannot wait for end-of-file (it would wait out the time limit).
    send({"type": "done"})
    protocol.flush()
    return 0


if __name__ == "__main__":
    code = _child()
    sys.stdout.flush()
    os._exit(code)  # do not wait for abandoned (hung) task threads
