"""The TUI's small preferences file (``paths.settings_path()``, JSON).

Only UI choices live here (the theme today). A missing, unreadable or
malformed file gives the defaults; it is never a reason not to start.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from quizapp.paths import settings_path


@dataclass(frozen=True)
class Settings:
    """What the app remembers between runs."""

    theme: str | None = None
    """Name of the last Textual theme chosen, or None for Textual's default."""


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; defaults when the file is missing or broken."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    theme = raw.get("theme") if isinstance(raw, dict) else None
    return Settings(theme=theme if isinstance(theme, str) else None)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically, keeping keys other versions may have added."""
    path = path or settings_path()
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = {}
    if not isinstance(current, dict):
        current = {}
    current.update(asdict(settings))
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only data dir costs the preference, never the session
