"""Snapshots at 80x24: home, a revealed flashcard, a graded answer.

Deterministic by construction (see conftest): fixture banks, a fake clock, a
temp database and settings file. Review ``snapshot_report.html`` before ever
running ``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.tui.conftest import AppFactory, settle

SIZE = (80, 24)


def test_snapshot_home(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=settle)


def test_snapshot_flashcard_revealed(snap_compare: Any, make_app: AppFactory) -> None:
    async def reveal(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f", "space")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=reveal)


def test_snapshot_graded_answer(snap_compare: Any, make_app: AppFactory) -> None:
    async def answer(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        # Put in at once: the keystrokes are not the point (test_tui_quiz types some).
        pilot.app.screen.query_one(TextArea).insert(
            "A directed acyclic graph: tasks are nodes, it is not cyclic"
        )
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=answer)
