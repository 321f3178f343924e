"""Plain-text views of a run: the task table, the virtual timeline, the logs, live lines."""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from datetime import datetime
from typing import Any

from quizapp.sandbox.events import Event, LogLine, RunFinished, RunStarted, TaskEvent
from quizapp.sandbox.result import RunResult


def offset_text(seconds: float) -> str:
    """``+HH:MM:SS`` (days as ``+1d HH:MM:SS``)."""
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"+{days}d {text}" if days else f"+{text}"


def task_table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """Aligned ``task  state  try  note`` lines."""
    header = ("task", "state", "try", "")
    width = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    return [
        f"  {r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]:>{width[2]}}  {r[3]}".rstrip()
        for r in [header, *rows]
    ]


def _asset_lines(result: RunResult) -> list[str]:
    """The asset chain: what triggered this run, and the asset events it created."""
    lines = []
    if result.triggered_by:
        sources = ", ".join(
            f"{e['uri']} (from {e['source_dag_id']}.{e['source_task_id']})"
            for e in result.triggered_by
        )
        lines.append(f"  triggered by asset events: {sources}")
    for e in result.asset_events:
        extra = f" extra={e['extra']}" if e.get("extra") else ""
        lines.append(f"  asset updated: {e['uri']} by {e['source_task_id']}{extra}")
    return lines


def format_result(result: RunResult, *, logs: bool = True) -> str:
    """The whole report of one run."""
    lines = [
        f"DAG {result.dag_id}  run {result.run_id}  ->  {result.state.upper()}",
        f"  logical date {result.logical_date}   data interval "
        f"{result.data_interval_start} .. {result.data_interval_end}",
    ]
    if result.error:
        label = "error" if result.state == "failed" else "note"
        lines.append(f"  {label}: {result.error}")
    lines += [f"  note: {note}" for note in result.notes]
    lines += _asset_lines(result)
    rows = []
    for label, task in result.tasks.items():
        note = task.reason if task.state != "success" else ""
        if task.max_tries:
            note = f"max_tries={task.max_tries} {note}".strip()
        if task.role:
            note = f"({task.role}) {note}".strip()
        rows.append((label, task.state or "none", str(task.try_number), note[:90]))
    lines += ["", "Tasks:", *task_table(rows)]
    peak = peak_running(result.events)
    if peak > 1:
        lines.append(f"  at most {peak} tasks were running at the same time")
    timeline = result.timeline
    if timeline:
        lines += ["", "Timeline (virtual clock; retries and pokes take no real time):"]
        for entry in timeline:
            pokes = f"  ({entry.pokes} pokes)" if entry.pokes else ""
            lines.append(
                f"  {offset_text(entry.offset)}  {entry.task}  try {entry.try_number}"
                f"  {entry.state}{pokes}"
            )
    if logs:
        log_lines = [
            f"  [{task.label} try {t.try_number}] {line}"
            for task in result.tasks.values()
            for t in task.tries
            for line in t.log
        ]
        if log_lines:
            lines += ["", "Logs:", *log_lines]
    if result.xcom:
        lines += ["", "XCom:"]
        lines += [f"  {task}: {_short(values)}" for task, values in result.xcom.items()]
    return "\n".join(lines)


def peak_running(events: list[Event]) -> int:
    """The most tries running at once (poke-mode sensors count while they wait)."""
    running: set[tuple[str, int]] = set()
    peak = 0
    for event in events:
        if isinstance(event, TaskEvent) and not isinstance(event, LogLine):
            key = (event.task_id, event.map_index)
            if event.kind == "running":
                running.add(key)
                peak = max(peak, len(running))
            else:
                running.discard(key)
    return peak


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class LiveView:
    """Follows events: a task table redrawn in place (terminal) or one line per change.

    On a terminal the table is redrawn at most every ``interval`` seconds and shows at
    most ``max_rows`` tasks (the most recently changed) under a count per state.
    """

    def __init__(self, write: Any, tty: bool, interval: float = 0.1, max_rows: int = 20) -> None:
        self.write = write
        self.tty = tty
        self.interval = interval
        self.max_rows = max_rows
        self.rows: dict[str, list[str]] = {}
        self.recent: OrderedDict[str, None] = OrderedDict()
        self.drawn = 0
        self.last_draw = 0.0
        self.start: datetime | None = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, RunStarted):
            self.start = datetime.fromisoformat(event.at)
            self.rows = {t: [t, "none", "0"] for t in event.task_ids}
            self.drawn = 0
            self.write(f"running {event.dag_id} ({event.run_id}, {event.executor} executor)\n")
        elif isinstance(event, TaskEvent) and not isinstance(event, LogLine):
            if event.map_index >= 0:
                self.rows.pop(event.task_id, None)
            self.rows[event.label] = [event.label, event.kind, str(event.try_number)]
            self.recent[event.label] = None
            self.recent.move_to_end(event.label)
            if self.tty:
                self._redraw(force=False)
            else:
                self.write(f"  {self._offset(event)}  {event.label}  try {event.try_number}  "
                           f"{event.kind}\n")  # fmt: skip
        elif isinstance(event, RunFinished):
            if self.tty:
                self._redraw(force=True)
            self.write(f"run {event.state}\n\n")

    def _offset(self, event: Event) -> str:
        if self.start is None:
            return ""
        return offset_text((datetime.fromisoformat(event.at) - self.start).total_seconds())

    def _redraw(self, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self.last_draw < self.interval:
            return
        self.last_draw = now
        rows = list(self.rows.values())
        lines = []
        if len(rows) > self.max_rows:
            counts = Counter(r[1] for r in rows)
            lines.append("  " + ", ".join(f"{n} {state}" for state, n in counts.most_common()))
            latest = [label for label in self.recent if label in self.rows][-self.max_rows :]
            rows = [self.rows[label] for label in latest]
        lines += task_table([(r[0], r[1], r[2], "") for r in rows])
        prefix = f"\x1b[{self.drawn}F" if self.drawn else ""
        clear = "\x1b[J" if self.drawn else ""
        self.write(prefix + clear + "".join(f"{line}\n" for line in lines))
        self.drawn = len(lines)
