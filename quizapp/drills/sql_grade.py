"""The grader of ``kind: sql``: run the learner's query (or read the rows they predict) and
compare its result with the reference query's, row by row.

A grade's points are the checks a reviewer makes of a result: every expected
row is there, nothing extra, and (when the drill asks) the order and the column
names. ``details`` carries both results, the missing and extra rows, and
DuckDB's error for a query that does not run, for the grade JSON and the screens.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from quizapp.core.models import Grade, KeyPoint, PointResult, Question, SqlDrill, Verdict
from quizapp.drills.sql_compare import RowsCheck, compare_rows, parse_rows
from quizapp.drills.sql_runner import QueryResult, shared_runner

SHOWN_ROWS = 20
"""At most this many rows of each result go into the grade's details."""


class DrillError(Exception):
    """The drill itself is broken (its reference query fails): a bank bug, not the learner's."""


def _drill(question: Question) -> SqlDrill:
    if question.kind != "sql" or question.sql is None:
        raise DrillError(f"question {question.id!r} is not a SQL drill")
    return question.sql


@lru_cache(maxsize=256)
def _expected(question: Question) -> QueryResult:
    drill = _drill(question)
    result = shared_runner().run(drill.tables, drill.reference)
    if not result.ok:
        raise DrillError(f"question {question.id!r}: its reference query fails: {result.error}")
    return result


def expected_result(question: Question) -> QueryResult:
    """The reference query's result (run once per question and process)."""
    return _expected(question)


def _table(result_columns: tuple[str, ...], rows: Any) -> dict[str, Any]:
    return {"columns": list(result_columns), "rows": [list(r) for r in list(rows)[:SHOWN_ROWS]]}


def _points(check: RowsCheck, drill: SqlDrill) -> tuple[PointResult, ...]:
    items = [
        ("every expected row is returned", not check.missing),
        ("no rows beyond the expected ones", not check.extra),
    ]
    if drill.ordered:
        items.append(("rows in the order asked for", check.rows_ok and check.order_ok))
    if drill.check_columns:
        items.append(("columns named as asked", check.columns_ok))
    return tuple(PointResult(KeyPoint(text), hit, 100.0 if hit else 0.0) for text, hit in items)


def _verdict(check: RowsCheck) -> Verdict:
    """A result is right or not: ``partial`` only for the right rows in the wrong order or under
    the wrong column names; any missing or extra row is ``incorrect`` (the reason says by how
    much)."""
    if check.exact:
        return "correct"
    return "partial" if check.rows_ok else "incorrect"


def _failed(question: Question, reason: str, expected: QueryResult, error: str | None) -> Grade:
    details: dict[str, object] = {
        "rows": {"missing": [list(r) for r in expected.rows[:SHOWN_ROWS]], "extra": []},
        "expected": _table(expected.columns, expected.rows),
        "got": None,
        "error": error,
    }
    points = (
        PointResult(KeyPoint("every expected row is returned"), False, 0.0),
        PointResult(KeyPoint("no rows beyond the expected ones"), False, 0.0),
    )
    return Grade(question.id, 0.0, "incorrect", points, reason=reason, details=details)


def grade_sql(question: Question, answer: str) -> Grade:
    """The sessions' grader for ``kind: sql`` (``ask: query`` or ``ask: rows``)."""
    drill = _drill(question)
    expected = expected_result(question)
    if not answer.strip():
        what = "rows" if question.ask == "rows" else "query"
        return _failed(question, f"no {what} given", expected, None)
    unreadable: list[str] = []
    if question.ask == "rows":
        rows, unreadable = parse_rows(answer, len(expected.columns), expected.columns)
        got = QueryResult(expected.columns, tuple(rows))
    else:
        got = shared_runner().run(drill.tables, answer)
        if not got.ok:
            return _failed(question, f"the query does not run: {got.error}", expected, got.error)
    check = compare_rows(
        expected.columns,
        expected.rows,
        got.columns,
        got.rows,
        ordered=drill.ordered,
        check_columns=drill.check_columns and question.ask != "rows",
    )
    parts = [f"{check.matched} of {check.expected_count} expected rows"]
    if check.extra:
        parts.append(f"{len(check.extra)} extra")
    if check.rows_ok and not check.order_ok:
        parts.append("right rows, wrong order")
    if not check.columns_ok:
        parts.append(f"columns {list(got.columns)}, expected {list(expected.columns)}")
    if got.truncated:
        parts.append(f"only the first {len(got.rows)} rows were read")
    if unreadable:
        parts.append("could not read " + "; ".join(unreadable))
    details: dict[str, object] = {
        "rows": {
            "missing": [list(r) for r in check.missing[:SHOWN_ROWS]],
            "extra": [list(r) for r in check.extra[:SHOWN_ROWS]],
        },
        "expected": _table(expected.columns, expected.rows),
        "got": _table(got.columns, got.rows),
        "error": None,
    }
    points = _points(check, drill)
    # The score is the share of checks passed, as the verdict line counts them; how close
    # the rows came is in the reason ("2 of 3 expected rows").
    score = sum(p.hit for p in points) / len(points)
    return Grade(
        question.id,
        score,
        _verdict(check),
        points,
        reason="; ".join(parts),
        details=details,
    )
