"""Every filesystem location quizapp uses, in one place.

``QUIZAPP_HOME`` overrides the user data directory (tests set it so they can
never touch a real learner's progress); ``QUIZAPP_BANKS`` adds bank folders
(``os.pathsep``-separated).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_PROTECTED: list[Path] = []


def protect(path: Path) -> None:
    """Note a file (a progress database) that code from a bank must never reach."""
    if path not in _PROTECTED:
        _PROTECTED.append(path)


def protected_paths() -> list[Path]:
    """The files passed to :func:`protect` so far (see :mod:`quizapp.sandbox.confine`)."""
    return list(_PROTECTED)


def data_dir() -> Path:
    """The user data directory (created on demand)."""
    home = os.environ.get("QUIZAPP_HOME")
    if home:
        path = Path(home).expanduser()
    else:
        import platformdirs

        path = platformdirs.user_data_path("quizapp", appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The progress database file."""
    return data_dir() / "progress.db"


def settings_path() -> Path:
    """Small UI preferences (theme and the like), as JSON."""
    return data_dir() / "settings.json"


def bundled_banks_dir() -> Path:
    """The banks shipped with quizapp.

    In a wheel they sit inside the package (``quizapp/questions``); in a source
    checkout or an editable install they are the repository's ``questions/``.
    """
    inside = PACKAGE_DIR / "questions"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / "questions"


def user_banks_dir() -> Path:
    """A learner's own banks: ``banks/`` in the data directory."""
    return data_dir() / "banks"


def bank_dirs(extra: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Every folder banks are loaded from, bundled first, without duplicates."""
    candidates = [bundled_banks_dir()]
    env = os.environ.get("QUIZAPP_BANKS", "")
    candidates += [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    candidates += [Path(p).expanduser() for p in extra]
    user = user_banks_dir()
    if user.is_dir():
        candidates.append(user)
    seen: set[Path] = set()
    result: list[Path] = []
    for path in candidates:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            result.append(path)
    return result


def schema_path() -> Path:
    """The JSON Schema of the bank format."""
    return bundled_banks_dir() / "schema.json"


def examples_dir() -> Path:
    """The sandbox's bundled example DAG files."""
    return PACKAGE_DIR / "sandbox" / "examples"
