"""The shipped banks pass `quizapp bank lint --strict`: no finding, warnings included."""

from __future__ import annotations

from quizapp.core.bank import load_catalog
from quizapp.core.lint import lint_catalog
from quizapp.paths import bundled_banks_dir


def test_the_shipped_banks_have_no_lint_finding() -> None:
    catalog = load_catalog([bundled_banks_dir()])
    assert catalog.errors == ()
    assert [str(finding) for finding in lint_catalog(catalog)] == []
