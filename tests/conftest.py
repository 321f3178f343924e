"""Suite-wide determinism: no test may touch a real learner's data or banks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point QUIZAPP_HOME at a fresh temp folder and drop any extra bank folders."""
    home = tmp_path / "quizapp-home"
    home.mkdir()
    monkeypatch.setenv("QUIZAPP_HOME", str(home))
    monkeypatch.delenv("QUIZAPP_BANKS", raising=False)
    yield home
