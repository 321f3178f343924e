"""Start the terminal app (imports Textual only when called)."""

from __future__ import annotations

from typing import Any

from quizapp.cli.common import AppContext


def launch(context: AppContext, **options: Any) -> None:
    """Run the Textual app until the learner quits."""
    from quizapp.tui.app import run_app

    run_app(db_path=context.db_path(), extra_banks=context.banks, **options)
