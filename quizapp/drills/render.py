"""Drills as text: the prompt with its fixture tables, and a graded result's details.

Pure string building, shared by the terminal app, plain mode and the CLI.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from typing import Any

from quizapp.core.models import Question, SqlTable

MAX_FIXTURE_ROWS = 12
"""A fixture table is shown with at most this many rows."""


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


def text_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], indent: str = "  ") -> str:
    """A fixed-width table: a header, a rule, one line per row."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(c) for c in columns]
    for row in cells:
        for i, cell in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], len(cell))
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) for row in cells]
    return "\n".join(indent + text.rstrip() for text in [line, rule, *body])


def _fixture_rows(table: SqlTable) -> tuple[tuple[str, ...], list[Sequence[Any]]]:
    if table.csv is None:
        return table.columns, list(table.rows)
    with open(table.csv, encoding="utf-8", newline="") as handle:
        reader: list[Sequence[Any]] = list(csv.reader(handle))
    return (tuple(reader[0]) if reader else ()), reader[1:]


def drill_prompt(question: Question, markdown: bool = True) -> str:
    """The prompt with what the learner needs to see: fixture tables, the query to predict."""
    drill = question.sql
    if drill is None:
        return question.prompt
    parts = [question.prompt]
    for table in drill.tables:
        columns, rows = _fixture_rows(table)
        more = len(rows) - MAX_FIXTURE_ROWS
        shown = rows[:MAX_FIXTURE_ROWS]
        if markdown:  # one fixed-width block, its name on top: dense enough for 80x24
            parts.append(f"```text\n{table.name}\n{text_table(columns, shown)}\n```")
        else:
            parts.append(f"{table.name}:\n{text_table(columns, shown)}")
        if more > 0:
            parts.append(f"({more} more rows)")
    if question.ask == "rows":
        query = f"```sql\n{drill.reference}\n```" if markdown else drill.reference
        parts.append(
            (
                "What does this query return? One row per line, values separated by "
                "commas, NULL for null:\n\n"
            )
            + query
        )
    return "\n\n".join(parts)


def starter_text(question: Question) -> str:
    """What the editor holds when a drill opens: the broken DAG, or the SQL starter."""
    if question.kind == "debug":
        return (question.dag or "").rstrip("\n") + "\n"
    if question.kind == "sql" and question.sql is not None and question.ask == "query":
        return question.sql.starter
    return ""


def details_text(details: Mapping[str, Any]) -> str:
    """A drill grade's details for a person: both results, missing and extra rows, differences."""
    lines: list[str] = []
    if details.get("error"):
        lines.append(f"DuckDB says:\n  {str(details['error']).replace(chr(10), chr(10) + '  ')}")
    expected, got = details.get("expected"), details.get("got")
    if isinstance(expected, Mapping):
        lines.append(f"Expected ({len(expected['rows'])} row(s)):")
        lines.append(text_table(expected["columns"], expected["rows"]))
    if isinstance(got, Mapping):
        lines.append(f"Yours ({len(got['rows'])} row(s)):")
        lines.append(text_table(got["columns"], got["rows"]) if got["columns"] else "  (none)")
    rows = details.get("rows")
    if isinstance(rows, Mapping) and isinstance(expected, Mapping) and isinstance(got, Mapping):
        for label in ("missing", "extra"):
            if rows[label]:
                lines.append(f"{label.capitalize()} rows:")
                lines.append(text_table(expected["columns"], rows[label]))
    tasks = details.get("tasks")
    if isinstance(tasks, Mapping):
        if tasks:
            lines.append("Tasks that still differ from the target:")
            for task, diff in tasks.items():
                parts = []
                if "expected" in diff:
                    parts.append(f"should end {diff['expected']}, ended {diff['got'] or 'not run'}")
                if "xcom" in diff:
                    parts.append(
                        f"should return {diff['xcom']['expected']!r}, "
                        f"returned {diff['xcom']['got']!r}"
                    )
                lines.append(f"  {task}: " + "; ".join(parts))
        else:
            lines.append("Every task reaches the target.")
    return "\n".join(lines)
