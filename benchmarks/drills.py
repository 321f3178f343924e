"""Drills: what a SQL drill costs to grade, what DuckDB costs to load, and a debug drill's run.

Run: python benchmarks/drills.py
Targets (issue 18): grading a query against its fixtures under 50 ms once the worker is up;
DuckDB is imported only by the worker process, never by the app (start-up pays nothing).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from quizapp.core.bank import load_catalog
from quizapp.drills.debug_grade import grade_debug
from quizapp.drills.sql_grade import grade_sql
from quizapp.drills.sql_runner import shared_runner

QUESTIONS = Path(__file__).resolve().parents[1] / "questions"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def import_cost() -> None:
    code = "import time; t = time.perf_counter(); import duckdb; print(time.perf_counter() - t)"
    runs = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(3)]
    bare = "import time; t = time.perf_counter(); print(time.perf_counter() - t)"
    floor = [float(subprocess.check_output([sys.executable, "-c", bare])) for _ in range(3)]
    print(f"import duckdb (fresh process, median of 3): {ms(statistics.median(runs))}")
    print(f"  (a no-op in the same spot: {ms(statistics.median(floor))})")
    app = subprocess.check_output(
        [sys.executable, "-c", "import sys, quizapp.tui.app; print('duckdb' in sys.modules)"]
    )
    print(f"duckdb loaded by importing the app: {app.decode().strip()}")


def main() -> None:
    import_cost()
    catalog = load_catalog([QUESTIONS / "sql-drills.yaml", QUESTIONS / "dag-debug.yaml"])
    sql = [q for q in catalog.questions if q.kind == "sql" and q.ask == "query"]
    runner = shared_runner()
    started = time.perf_counter()
    runner.run(sql[0].sql.tables if sql[0].sql else (), "SELECT 1")
    print(f"worker start + first query: {ms(time.perf_counter() - started)}")
    for q in sql:  # the reference results are cached per question: warm them
        grade_sql(q, "SELECT 1")
    times = []
    for _ in range(3):
        for q in sql:
            assert q.sql is not None
            t = time.perf_counter()
            grade = grade_sql(q, q.sql.reference)
            times.append(time.perf_counter() - t)
            assert grade.verdict == "correct", q.id
    times.sort()
    print(
        f"grade one query ({len(sql)} drills x 3): median {ms(statistics.median(times))}, "
        f"p95 {ms(times[int(len(times) * 0.95)])}, max {ms(times[-1])}  (target < 50 ms)"
    )
    debug = [q for q in catalog.questions if q.kind == "debug"]
    runs = []
    for q in debug:
        t = time.perf_counter()
        grade_debug(q, q.dag or "")
        runs.append(time.perf_counter() - t)
    median = ms(statistics.median(runs))
    print(f"grade one fixed DAG (child process, {len(debug)} drills): median {median}")
    t = time.perf_counter()
    result = runner.run((), "SELECT count(*) FROM range(1000000000000) a", time_limit=2.0)
    print(
        f"a runaway query, 2 s limit: stopped after {ms(time.perf_counter() - t)}: {result.error}"
    )


if __name__ == "__main__":
    main()
