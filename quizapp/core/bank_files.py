"""Where banks are found and how their paths are shown: the loader's parts that need no YAML.

:mod:`quizapp.core.bank_cache` uses them to check its key without importing the loader.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def known_sandbox_names() -> frozenset[str]:
    """Names of the sandbox's bundled examples (file stems), without importing it."""
    from quizapp.paths import examples_dir

    folder = examples_dir()
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.stem for p in folder.glob("*.py") if not p.name.startswith("_"))


def bank_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Bank files under the given folders (sorted) or the files themselves."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        elif path.exists():
            yield path
