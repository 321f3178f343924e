"""`quizapp sandbox`: list, show and run DAG examples (owned by the sandbox work)."""

from __future__ import annotations

import click


@click.group()
def sandbox() -> None:
    """Run Airflow-syntax DAGs in the sandbox (not built yet)."""
