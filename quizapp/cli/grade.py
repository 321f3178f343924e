"""`quizapp grade`: grade answers from the command line (owned by the grading work)."""

from __future__ import annotations

import click


@click.command()
def grade() -> None:
    """Grade an answer (not built yet)."""
    raise click.ClickException("grading is not built yet")
