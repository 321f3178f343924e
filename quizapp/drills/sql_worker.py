"""The DuckDB worker: a child process that runs SQL drills, one JSON request per line.

Run as ``python -m quizapp.drills.sql_worker``. Each request
``{"tables": [...], "sql": "...", "max_rows": N}`` gets a fresh in-memory
database: the fixture tables are created (CSV files are read before file
access is switched off), then ``SET enable_external_access = false`` and
``lock_configuration`` make sure the learner's SQL can read no file, load no
extension and reach no network. DuckDB's own memory limit and one thread keep
a runaway join in bounds; the parent kills the process past its time limit.

The answer is one JSON line: ``{"columns", "rows", "truncated"}`` or
``{"error"}`` with DuckDB's message (which names the line).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import sys
from typing import Any

MEMORY_LIMIT = "256MB"
ALLOWED_STATEMENTS = frozenset(
    {"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "MERGE_INTO",
     "TRANSACTION", "EXPLAIN"}
)  # fmt: skip
"""Statements a drill may run on its own fresh database; ATTACH, COPY, INSTALL, SET... may not."""


def _plain(value: Any) -> Any:
    """A DuckDB value as JSON: numbers stay numbers, dates and times become ISO text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _create(con: Any, table: dict[str, Any]) -> None:
    name = table["name"]
    if table.get("csv"):
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_csv_auto(?)', [table["csv"]])
        return
    columns = table["columns"]
    rows = table["rows"]
    if not rows:
        cols = ", ".join(f'"{c}" VARCHAR' for c in columns)
        con.execute(f'CREATE TABLE "{name}" ({cols})')
        return
    placeholders = ", ".join("(" + ", ".join("?" for _ in columns) + ")" for _ in rows)
    names = ", ".join(f'"{c}"' for c in columns)
    params = [_typed(v) for row in rows for v in row]
    con.execute(
        f'CREATE TABLE "{name}" AS SELECT * FROM (VALUES {placeholders}) AS t({names})', params
    )


def _typed(value: Any) -> Any:
    """Inline fixture values come as JSON: ISO dates and times become dates and times again."""
    if isinstance(value, dict) and "date" in value:
        return _dt.date.fromisoformat(value["date"])
    if isinstance(value, dict) and "timestamp" in value:
        return _dt.datetime.fromisoformat(value["timestamp"])
    return value


def run(request: dict[str, Any]) -> dict[str, Any]:
    """Run one request on a fresh database."""
    import duckdb

    con = duckdb.connect(
        ":memory:",
        config={
            "threads": 1,
            "memory_limit": MEMORY_LIMIT,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "max_temp_directory_size": "0B",
        },
    )
    try:
        for table in request["tables"]:
            _create(con, table)
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            statements = con.extract_statements(request["sql"])
        except duckdb.Error as error:
            return {"error": str(error)}
        if not statements:
            return {"error": "the query is empty"}
        for statement in statements:
            kind = str(statement.type).rsplit(".", 1)[-1]
            if kind not in ALLOWED_STATEMENTS:
                return {"error": f"{kind} statements are not allowed in a drill"}
        if str(statements[-1].type).rsplit(".", 1)[-1] != "SELECT":
            return {"error": "the last statement must be a SELECT that returns the rows"}
        try:
            for statement in statements[:-1]:
                con.execute(statement.query)
            cursor = con.execute(statements[-1].query)
            columns = [d[0] for d in cursor.description or ()]
            limit = int(request.get("max_rows", 1000))
            rows = cursor.fetchmany(limit + 1)
        except duckdb.Error as error:
            return {"error": str(error)}
        return {
            "columns": columns,
            "rows": [[_plain(v) for v in row] for row in rows[:limit]],
            "truncated": len(rows) > limit,
        }
    finally:
        con.close()


def main() -> None:
    """Answer requests until standard input closes."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = run(json.loads(line))
        except MemoryError:
            answer = {"error": "the query needed more memory than a drill may use"}
        except Exception as error:  # a broken request: report it, stay alive
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
