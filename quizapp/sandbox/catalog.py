"""The bundled examples: names, one-line summaries, paths (read without running them)."""

from __future__ import annotations

import ast
from pathlib import Path

from quizapp.paths import examples_dir
from quizapp.sandbox.exceptions import SandboxError


def example_names() -> list[str]:
    """Every bundled example, sorted."""
    return sorted(p.stem for p in examples_dir().glob("*.py") if not p.name.startswith("_"))


def example_path(name: str) -> Path:
    """The file of example ``name``; SandboxError lists the known names."""
    path = examples_dir() / f"{name}.py"
    if name.startswith("_") or not path.is_file():
        raise SandboxError(f"no example named {name!r} (known: {', '.join(example_names())})")
    return path


def example_summary(name: str) -> str:
    """The first line of the example's docstring."""
    tree = ast.parse(example_path(name).read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def resolve_target(name_or_file: str) -> Path:
    """An example name or a path to a DAG file."""
    candidate = Path(name_or_file)
    if candidate.suffix == ".py" or candidate.exists():
        if not candidate.is_file():
            raise SandboxError(f"{name_or_file}: no such file")
        return candidate
    return example_path(name_or_file)
