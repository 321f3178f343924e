"""The grader of ``kind: debug``: run the learner's fixed DAG file and compare the run with
the target outcome, task by task.

The file runs in the sandbox's child process with a time limit (learner code
never runs inside the app). Each target task state, each target XCom and the
run's state is one check; the grade's ``details["tasks"]`` lists the tasks that
still differ (``{"expected": ..., "got": ...}``).
"""

from __future__ import annotations

import json

from quizapp.core.models import Grade, KeyPoint, PointResult, Question, Verdict

LOGICAL_DATE = "2024-01-01T00:00:00+00:00"
"""Debug runs use a fixed logical date, so every run of a drill is the same."""
TIME_LIMIT_S = 20.0
"""A fixed DAG that runs longer than this (real seconds) is stopped."""


def _shown(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def grade_debug(question: Question, answer: str) -> Grade:
    """The sessions' grader for ``kind: debug``: ``answer`` is the whole fixed DAG file."""
    from quizapp.sandbox import SandboxError
    from quizapp.sandbox.isolate import run_isolated

    target = question.target
    if question.kind != "debug" or target is None:
        raise ValueError(f"question {question.id!r} is not a debug drill")
    if not answer.strip():
        return _not_run(question, "no DAG file given")
    try:
        results = run_isolated(  # the file started as a bank's code: fenced in
            source=answer, logical_date=LOGICAL_DATE, time_limit=TIME_LIMIT_S, confined=True
        )
    except SandboxError as error:
        return _not_run(question, f"the DAG does not load: {error}")
    if not results:
        return _not_run(question, "the file defines no DAG")
    run = results[0]
    if run.error:
        return _not_run(question, f"the DAG does not run: {run.error}")
    points: list[PointResult] = []
    differ: dict[str, dict[str, object]] = {}
    for task, wanted in target.tasks:
        got = run.tasks[task].state if task in run.tasks else None
        hit = got == wanted
        points.append(
            PointResult(
                KeyPoint(f"{task}: {wanted}"),
                hit,
                100.0 if hit else 0.0,
                matched_text="" if hit else (got or "not in the run"),
            )
        )
        if not hit:
            differ[task] = {"expected": wanted, "got": got}
    for task, wanted_value in target.xcom:
        value = run.xcom.get(task, {}).get("return_value")
        hit = _shown(value) == _shown(wanted_value)
        points.append(
            PointResult(
                KeyPoint(f"{task} returns {_shown(wanted_value)}"),
                hit,
                100.0 if hit else 0.0,
                matched_text=_shown(value),
            )
        )
        if not hit:
            differ.setdefault(task, {})["xcom"] = {"expected": wanted_value, "got": value}
    if target.state is not None:
        hit = run.state == target.state
        points.append(
            PointResult(
                KeyPoint(f"the run ends {target.state}"),
                hit,
                100.0 if hit else 0.0,
                matched_text=run.state,
            )
        )
    right = sum(p.hit for p in points)
    score = right / len(points)
    # Fixed or not: a DAG that reaches only some of the target is still broken.
    verdict: Verdict = "correct" if right == len(points) else "incorrect"
    still = ", ".join(sorted(differ)) or "none"
    reason = f"{right} of {len(points)} checks reached; tasks that still differ: {still}"
    details = {
        "tasks": differ,
        "run": {"state": run.state, "tasks": {label: t.state for label, t in run.tasks.items()}},
    }
    return Grade(question.id, score, verdict, tuple(points), reason=reason, details=details)


def _not_run(question: Question, reason: str) -> Grade:
    target = question.target
    assert target is not None
    points = tuple(PointResult(KeyPoint(f"{t}: {s}"), False, 0.0) for t, s in target.tasks)
    differ = {t: {"expected": s, "got": None} for t, s in target.tasks}
    return Grade(
        question.id, 0.0, "incorrect", points, reason=reason, details={"tasks": differ, "run": None}
    )
