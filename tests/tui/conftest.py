"""Deterministic fixtures for the TUI tests (harlequin's habit: fix it here, not per test).

- fixed banks from ``tests/tui/banks`` (never the evolving bundled ones),
- a fake clock at a fixed moment, so due dates and intervals never drift,
- the progress database and settings file in ``tmp_path`` (the root conftest
  already points QUIZAPP_HOME at a temp folder),
- the working directory at the repository root, so bank paths print the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget

from quizapp.core.clock import FakeClock
from quizapp.core.trust import trust
from quizapp.tui.app import QuizApp

TUI_TESTS = Path(__file__).resolve().parent
REPO_ROOT = TUI_TESTS.parent.parent
FIXTURE_BANKS = TUI_TESTS / "banks"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

AppFactory = Callable[..., QuizApp]


@pytest.fixture(autouse=True)
def _repo_root_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture(autouse=True)
def _trusted_fixture_banks(isolated_home: Path) -> None:
    """The test's own banks are trusted, as a learner trusts a bank they wrote."""
    for folder in (FIXTURE_BANKS, TUI_TESTS / "predict_banks"):
        for bank in folder.glob("*.yaml"):
            trust(bank)


@pytest.fixture
def clock() -> FakeClock:
    """The clock every session in the test runs on."""
    return FakeClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's progress database lives."""
    return tmp_path / "progress.db"


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """The test's UI settings file."""
    return tmp_path / "settings.json"


@pytest.fixture
def make_app(db_path: Path, clock: FakeClock, settings_file: Path) -> AppFactory:
    """Build the real app over the fixture banks; keyword arguments override the defaults."""

    def build(**overrides: Any) -> QuizApp:
        options: dict[str, Any] = {
            "clock": clock,
            "settings_file": settings_file,
            "store_tz": UTC,
        }
        options.update(overrides)
        bank_paths = options.pop("bank_paths", [FIXTURE_BANKS])
        return QuizApp(options.pop("db_path", db_path), bank_paths, **options)

    return build


async def settle(pilot: Pilot[Any]) -> None:
    """Let every worker (store opening, home figures, grading) finish, then redraw.

    The store opens in a worker started after the home screen's first frame, so
    "no worker running" alone can come before it has even started: wait for the
    store to be open (or to have failed) too.
    """
    app = pilot.app
    for _ in range(500):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if getattr(app, "store", None) is not None or getattr(app, "store_error", None):
            break
        await asyncio.sleep(0.01)
    await pilot.pause()


def plain(widget: Widget) -> str:
    """The text a Static-like widget currently shows."""
    content = getattr(widget, "content", None)
    if isinstance(content, Content | Text):
        return content.plain
    return str(content)
