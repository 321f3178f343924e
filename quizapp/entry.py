"""The ``quizapp`` command: with no argument, the terminal app at once.

The command line is click's (:mod:`quizapp.cli`); importing click and the command
groups costs 30-40 ms, a tenth of a bare Textual app's start-up, though a learner who
types ``quizapp`` only wants the app. So a bare ``quizapp`` starts it directly, with
the same defaults and the same one-line errors click would give (``Error: ...``, exit
1) for a data folder or a database it cannot use; anything else goes to click.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Start the app for a bare ``quizapp``; hand every other command line to click."""
    if len(sys.argv) > 1:
        from quizapp.cli import main as command_line

        command_line()
        return
    raise SystemExit(launch_default())


def launch_default() -> int:
    """Run the app on the default database and banks; the exit code."""
    from quizapp.paths import DataDirError, default_db_path
    from quizapp.store.errors import StoreError

    try:
        from quizapp.tui.app import run_app

        run_app(db_path=default_db_path(), extra_banks=[])
    except (DataDirError, StoreError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0
