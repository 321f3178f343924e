"""The core, the store and the sandbox never pull in the UI."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "quizapp.core.models",
    "quizapp.core.bank",
    "quizapp.core.lint",
    "quizapp.paths",
    "quizapp.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'} "
        "or m.startswith('quizapp.tui')); print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_core_store_and_sandbox_module_is_headless() -> None:
    code = (
        "import sys, pkgutil, importlib, quizapp.core, quizapp.store, quizapp.sandbox\n"
        "for pkg in (quizapp.core, quizapp.store, quizapp.sandbox):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.examples' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual' "
        "or m.startswith('quizapp.tui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
