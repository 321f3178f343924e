"""Drills graded by running what the learner writes: SQL on DuckDB, DAG files in the sandbox.

Both run outside the app's process: a learner's query in a DuckDB worker
process (in memory, no file access, no extensions, a memory and a time limit),
a fixed DAG file in the sandbox's child process. Nothing here imports DuckDB
until a SQL drill is graded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.core.sessions import Grader


def drill_graders() -> dict[str, Grader]:
    """The sessions' graders for ``kind: sql`` and ``kind: debug``."""
    from quizapp.drills.debug_grade import grade_debug
    from quizapp.drills.sql_grade import grade_sql

    return {"sql": grade_sql, "debug": grade_debug}
