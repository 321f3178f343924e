"""`quizapp bank validate|lint|list|suggest`: work on the question banks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from quizapp.cli.common import app_context, common_options


@click.group()
def bank() -> None:
    """Validate, lint and list the question banks."""


def _targets(paths: tuple[Path, ...]) -> list[Path]:
    from quizapp.paths import bank_dirs

    return list(paths) if paths else bank_dirs(app_context().banks)


@bank.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common_options
def validate(paths: tuple[Path, ...]) -> None:
    """Check bank files (default: every bank in use); print file:line: message per error."""
    from quizapp.core.bank import load_catalog

    catalog = load_catalog(_targets(paths))
    for issue in catalog.errors:
        click.echo(str(issue))
    count = len(catalog)
    if catalog.errors:
        click.echo(
            f"{len(catalog.errors)} error(s); {count} valid question(s) in "
            f"{len(catalog.banks)} bank(s)",
            err=True,
        )
        sys.exit(1)
    click.echo(f"ok: {count} question(s) in {len(catalog.banks)} bank(s)", err=True)


@bank.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Every question as a JSON array.")
@common_options
def list_questions(as_json: bool) -> None:
    """List every question (id, bank, difficulty, prompt)."""
    catalog = app_context().catalog()
    for issue in catalog.errors:
        click.echo(f"skipped: {issue}", err=True)
    if as_json:
        click.echo(
            json.dumps([q.to_json() for q in catalog.questions], indent=2, ensure_ascii=False)
        )
        return
    for question in catalog.questions:
        click.echo(f"{question.id:40} {question.bank:24} {question.difficulty:6} {question.prompt}")


@bank.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat findings as errors (exit 1).")
@common_options
def lint(paths: tuple[Path, ...], strict: bool) -> None:
    """Find near-duplicate prompts, ambiguous or unsupported key points, alias collisions."""
    from quizapp.core.bank import load_catalog
    from quizapp.core.lint import lint_catalog

    catalog = load_catalog(_targets(paths))
    for issue in catalog.errors:
        click.echo(str(issue))
    findings = lint_catalog(catalog)
    for finding in findings:
        label = "error" if strict else finding.severity
        click.echo(f"{finding} [{label}]")
    click.echo(f"{len(findings)} finding(s) in {len(catalog)} question(s)", err=True)
    failed = any(f.severity == "error" for f in findings)
    if catalog.errors or failed or (strict and findings):
        sys.exit(1)


@bank.command()
@click.option("--question", "question_ids", multiple=True, help="Only this question (repeatable).")
@common_options
def suggest(question_ids: tuple[str, ...]) -> None:
    """Print YAML aliases learned from answers you marked right ("I was right").

    For each overridden answer, the key points the grader missed get the phrase
    of your answer that said them as a new alias: paste the snippet over those
    points in the bank (its file:line is in the comment).
    """
    from quizapp.core.suggest import suggest as suggest_snippet
    from quizapp.store import StoreError, open_store

    context = app_context()
    catalog = context.catalog()
    try:
        with open_store(context.db_path()) as store:
            reviews = store.overridden_reviews()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    seen: set[tuple[str, str]] = set()
    printed = 0
    for review in reviews:
        key = (review.question_id, (review.answer or "").strip())
        if key in seen or (question_ids and review.question_id not in question_ids):
            continue
        seen.add(key)
        question = catalog.get(review.question_id)
        if question is None or question.kind != "text":
            continue
        snippet = suggest_snippet(question, review.answer or "")
        if snippet:
            click.echo(snippet)
            printed += 1
    click.echo(f"{printed} suggestion(s) from {len(seen)} overridden answer(s)", err=True)
