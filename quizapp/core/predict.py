"""Predict the run: grade a learner's prediction of a DAG run, task by task.

A ``kind: predict`` question carries a small DAG (Airflow-syntax source in
``dag``) and asks for each task's final ``state`` or ``try_number`` (``ask``).
The expected answer is never written in the bank: the sandbox runs the DAG (in
a confined child process, with a time limit, and only when its bank ships with
quizapp or the learner trusted it: :mod:`quizapp.core.trust`) and its result is the
truth. Each task (each mapped element, ``parse[1]``) is one check; the score is the
share of checks right.

A prediction travels as text so that sessions, the store and plain mode treat
it like any typed answer: one ``task: value`` per line (``=`` works too, and
commas may separate pairs). :func:`grade_prediction` has the sessions'
``Grader`` signature, ``(question, answer) -> Grade``.

Verdicts: ``correct`` when every task is right, ``partial`` from
:data:`PARTIAL_SHARE` of them, ``incorrect`` below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from quizapp.core.models import Catalog, Grade, KeyPoint, PointResult, Question, Verdict

if TYPE_CHECKING:
    from quizapp.core.sessions import Grader

PARTIAL_SHARE = 0.5
"""The share of tasks right from which a prediction is ``partial`` rather than ``incorrect``."""

FINAL_STATES: tuple[str, ...] = ("success", "failed", "skipped", "upstream_failed")
"""The states a task can end a run in, in the order a picker offers them."""

LOGICAL_DATE = "2024-01-01T00:00:00+00:00"
"""The logical date predict runs use (fixed, so every run of a question is the same)."""
TIME_LIMIT_S = 20.0
"""A predict DAG that runs longer than this (real seconds) is a broken bank entry."""

_PAIR = re.compile(r"^\s*([\w.\-]+(?:\[\d+\])?)\s*[:=]\s*(.*?)\s*$")


class PredictError(Exception):
    """The question's DAG cannot be run (a broken bank entry); the message says why."""


@dataclass(frozen=True, slots=True)
class TaskCheck:
    """One task's prediction against the sandbox's run."""

    task: str
    expected: str
    predicted: str | None

    @property
    def hit(self) -> bool:
        """Whether the prediction was right."""
        return self.predicted == self.expected


@dataclass(frozen=True, slots=True)
class PredictResult:
    """A whole prediction, checked."""

    question_id: str
    ask: str
    checks: tuple[TaskCheck, ...]

    @property
    def score(self) -> float:
        """The share of tasks predicted right."""
        return sum(c.hit for c in self.checks) / len(self.checks) if self.checks else 0.0

    @property
    def verdict(self) -> Verdict:
        """``correct``, ``partial`` or ``incorrect`` (see :data:`PARTIAL_SHARE`)."""
        if self.checks and all(c.hit for c in self.checks):
            return "correct"
        return "partial" if self.score >= PARTIAL_SHARE else "incorrect"

    def to_grade(self) -> Grade:
        """The result as a :class:`Grade`: one point per task, ``task: expected``."""
        points = tuple(
            PointResult(
                point=KeyPoint(f"{c.task}: {c.expected}"),
                hit=c.hit,
                similarity=100.0 if c.hit else 0.0,
                matched_text=c.predicted or "",
            )
            for c in self.checks
        )
        right = sum(c.hit for c in self.checks)
        return Grade(
            self.question_id,
            self.score,
            self.verdict,
            points,
            reason=f"{right} of {len(self.checks)} tasks predicted right",
        )


def normalise_value(value: str, ask: str) -> str:
    """A predicted value in the sandbox's spelling (``Upstream failed`` -> ``upstream_failed``)."""
    text = value.strip().lower()
    if ask == "try_number":
        return text.lstrip("#")
    return re.sub(r"[\s\-]+", "_", text)


def parse_prediction(text: str) -> dict[str, str]:
    """``task: value`` pairs from text (one per line, or separated by commas)."""
    result: dict[str, str] = {}
    for chunk in re.split(r"[\n,;]", text):
        match = _PAIR.match(chunk)
        if match and match.group(2):
            result[match.group(1)] = match.group(2)
    return result


def valid_values_text(ask: str) -> str:
    """What a prediction's value may be, for a prompt: the states, or a try number."""
    if ask == "try_number":
        return "a try number (1 for a task that ran once, 0 for one that never ran)"
    return ", ".join(FINAL_STATES)


def read_prediction(
    question: Question, text: str, tasks: Sequence[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """The ``task: value`` pairs of typed text, and a warning for each line that is not one.

    A line is warned about (and left out, rather than graded wrong) when it is
    not ``task: value``, names no task of the DAG (``tasks``; default: the
    run's), or its value is not a valid state (or try number).
    """
    import difflib

    known = list(tasks) if tasks is not None else predict_tasks(question)
    pairs: dict[str, str] = {}
    problems: list[str] = []
    for raw in re.split(r"[\n,;]", text):
        line = raw.strip()
        if not line:
            continue
        match = _PAIR.match(line)
        if not match or not match.group(2):
            problems.append(f"'{line}' is not 'task: value'")
            continue
        task, value = match.group(1), normalise_value(match.group(2), question.ask)
        if task not in known:
            close = difflib.get_close_matches(task, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"'{line}': there is no task {task!r}{hint}")
            continue
        valid = value.isdigit() if question.ask == "try_number" else value in FINAL_STATES
        if not valid:
            problems.append(f"'{line}': {value!r} is not {valid_values_text(question.ask)}")
            continue
        pairs[task] = value
    return pairs, problems


def format_prediction(prediction: Mapping[str, str]) -> str:
    """The text form of a prediction, one ``task: value`` per line."""
    return "\n".join(f"{task}: {value}" for task, value in prediction.items() if value)


TryStep = tuple[int, str, float]
"""One try of a task in a predict run: ``(try_number, state, start offset in virtual seconds)``."""


@lru_cache(maxsize=256)
def _run(source: str, question_id: str) -> tuple[tuple[str, str, int, tuple[TryStep, ...]], ...]:
    """Run the DAG once in a confined child process (bank code never runs inside the app)."""
    from quizapp.sandbox import SandboxError
    from quizapp.sandbox.events import RunStarted
    from quizapp.sandbox.isolate import run_isolated

    where = f"question {question_id!r}: the sandbox cannot run its DAG"
    try:
        results = run_isolated(
            source=source, logical_date=LOGICAL_DATE, time_limit=TIME_LIMIT_S, confined=True
        )
    except SandboxError as error:
        raise PredictError(f"{where}: {error}") from None
    if not results or results[0].error:
        raise PredictError(f"{where}: {results[0].error if results else 'no run'}")
    result = results[0]
    started = next((e for e in result.events if isinstance(e, RunStarted)), None)
    upstream = dict(started.upstream) if started else {}
    level = _depths(upstream)
    order = {task: index for index, task in enumerate(upstream)}
    tasks = sorted(
        result.tasks.values(),
        key=lambda t: (level.get(t.task_id, 0), order.get(t.task_id, 0), t.map_index),
    )
    steps: dict[str, list[TryStep]] = {}
    for entry in result.timeline:
        steps.setdefault(entry.task, []).append((entry.try_number, entry.state, entry.offset))
    return tuple(
        (t.label, t.state or "none", t.try_number, tuple(steps.get(t.label, ()))) for t in tasks
    )


def _depths(upstream: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Each task's longest distance from a root, so tasks are asked in the DAG's order."""
    result: dict[str, int] = {}

    def depth(task: str, seen: frozenset[str]) -> int:
        if task not in result:
            ups = [u for u in upstream.get(task, ()) if u in upstream and u not in seen]
            result[task] = 1 + max((depth(u, seen | {task}) for u in ups), default=-1)
        return result[task]

    for task in upstream:
        depth(task, frozenset())
    return result


def expected_outcome(question: Question) -> dict[str, str]:
    """Each task's true answer (final state, or try number as text), from a sandbox run.

    Runs are cached by DAG source, so asking again costs nothing. A DAG from a bank the
    learner has not trusted never runs: :class:`~quizapp.core.trust.UntrustedBankError`.
    """
    if question.kind != "predict" or not question.dag:
        raise PredictError(f"question {question.id!r} is not a predict question")
    from quizapp.core.trust import require_trust

    require_trust(question)
    rows = _run(question.dag, question.id)
    if question.ask == "try_number":
        return {label: str(tries) for label, _state, tries, _steps in rows}
    return {label: state for label, state, _tries, _steps in rows}


def retried_tries(question: Question) -> dict[str, str]:
    """``task -> "try 1 failed -> up_for_retry, retry at +00:05:00; try 2 success"``.

    Only tasks tried more than once are in it. Both halves are Airflow's: a
    retried try is recorded ``failed`` in the task's try history, while the task
    instance is ``up_for_retry`` until its next try (the timeline says the same).
    """
    from quizapp.sandbox.report import offset_text

    if question.kind != "predict" or not question.dag:
        return {}
    result: dict[str, str] = {}
    for label, _state, _tries, steps in _run(question.dag, question.id):
        if len(steps) < 2:
            continue
        ordered = sorted(steps)
        parts = []
        for index, (number, state, _offset) in enumerate(ordered):
            text = f"try {number} {state}"
            if state == "failed" and index + 1 < len(ordered):
                text += f" -> up_for_retry, retry at {offset_text(ordered[index + 1][2])}"
            parts.append(text)
        result[label] = "; ".join(parts)
    return result


_LISTED: dict[tuple[str, str], tuple[str, ...]] = {}
"""``(question id, dag) -> tasks`` of every run listed so far (see :func:`known_tasks`)."""


def predict_tasks(question: Question) -> list[str]:
    """The tasks (and mapped elements) to predict, in the DAG's order."""
    tasks = tuple(expected_outcome(question))
    _LISTED[(question.id, question.dag or "")] = tasks
    return list(tasks)


def known_tasks(question: Question) -> list[str] | None:
    """The tasks when a run already listed them (nothing runs now), else None."""
    tasks = _LISTED.get((question.id, question.dag or ""))
    return list(tasks) if tasks is not None else None


def check_prediction(question: Question, prediction: Mapping[str, str]) -> PredictResult:
    """Compare a prediction with the sandbox's run, task by task (missing = wrong)."""
    expected = expected_outcome(question)
    given = {task: normalise_value(value, question.ask) for task, value in prediction.items()}
    checks = tuple(TaskCheck(task, value, given.get(task)) for task, value in expected.items())
    return PredictResult(question.id, question.ask, checks)


def grade_prediction(question: Question, answer: str) -> Grade:
    """The sessions' grader for ``kind: predict``: ``answer`` is a prediction's text form.

    A DAG that cannot run (or may not: an untrusted bank) grades 0 with the reason.
    """
    try:
        return check_prediction(question, parse_prediction(answer)).to_grade()
    except PredictError as error:
        return Grade(question.id, 0.0, "incorrect", reason=str(error))


def session_graders(catalog: Catalog | None = None) -> dict[str, Grader]:
    """Every kind's grader (text, predict, and the sql and debug drills): pass as
    ``graders=`` to any session. Nothing heavy loads until a question of a kind is graded."""
    from quizapp.core.sessions import default_graders
    from quizapp.drills import drill_graders

    return default_graders(catalog) | {"predict": grade_prediction} | drill_graders()
