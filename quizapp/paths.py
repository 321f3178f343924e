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


class DataDirError(OSError):
    """The data folder (or the database's folder) cannot be used; the message says why."""


def usable_folder(path: Path, what: str, hint: str = "") -> Path:
    """Create ``path`` as a folder if needed; DataDirError with a clear message if it cannot."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        if not path.is_dir():
            raise NotADirectoryError(str(path))
    except OSError as exc:
        raise DataDirError(folder_problem(path, what, exc) + hint) from None
    return path


def folder_problem(path: Path, what: str, exc: OSError) -> str:
    """Why ``path`` cannot be the folder for ``what``, in words for the learner."""
    blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        why = f"{blocker} is a file, not a folder"
    elif isinstance(exc, PermissionError):
        why = "permission denied (a read-only place?)"
    else:
        why = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot use {path} for {what}: {why}"


def data_dir() -> Path:
    """The user data directory (created on demand; DataDirError when it cannot be used)."""
    home = os.environ.get("QUIZAPP_HOME")
    if home:
        path, what = Path(home).expanduser(), "quizapp's data (QUIZAPP_HOME)"
    else:
        import platformdirs

        path, what = platformdirs.user_data_path("quizapp", appauthor=False), "quizapp's data"
    return usable_folder(path, what, "; set QUIZAPP_HOME to a folder you can write")


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
