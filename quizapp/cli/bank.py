"""`quizapp bank validate|lint|list|suggest`: work on the question banks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizapp.cli.common import app_context, common_options

if TYPE_CHECKING:
    from quizapp.core.models import Catalog


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
        _report_code(catalog)
        sys.exit(1)
    click.echo(f"ok: {count} question(s) in {len(catalog.banks)} bank(s)", err=True)
    _report_code(catalog)


def _report_code(catalog: Catalog) -> None:
    """Say which banks carry code (predict DAGs) and whether it may run."""
    from quizapp.core.bank_files import display_path
    from quizapp.core.trust import code_report

    how = {
        "shipped": "ships with quizapp, may run",
        "trusted": "trusted, may run",
        "changed": "changed since trusted: will not run until `quizapp bank trust` again",
        "untrusted": "not trusted: will not run until `quizapp bank trust`",
    }
    for report in code_report(catalog.questions):
        count = len(report.question_ids)
        click.echo(
            f"code: {display_path(report.path)} carries {count} DAG(s) "
            f"({', '.join(report.question_ids[:5])}{', ...' if count > 5 else ''}); "
            f"{how[report.status]}",
            err=True,
        )


@bank.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--revoke", is_flag=True, help="Stop trusting the bank(s).")
@click.option("--show", is_flag=True, help="Print every DAG of the bank(s) first.")
def trust(paths: tuple[Path, ...], revoke: bool, show: bool) -> None:
    """Let the DAGs of user bank PATH run (predict questions); no PATH lists trusted banks.

    Trust covers the file as it is now: an edited bank is untrusted again.
    """
    from quizapp.core import trust as trusting
    from quizapp.core.bank import load_catalog

    if not paths:
        for path in trusting.trusted_paths():
            click.echo(f"{path}  ({trusting.status(path)})")
        return
    failed = False
    for path in paths:
        if not path.is_file():
            click.echo(f"error: {path}: no such bank file", err=True)
            failed = True
            continue
        if revoke:
            done = trusting.revoke(path)
            click.echo(f"{path}: {'no longer trusted' if done else 'was not trusted'}")
            continue
        catalog = load_catalog([path])
        dags = [q for q in catalog.questions if q.dag]
        if show:
            for question in dags:
                click.echo(f"# {question.location}: {question.id}")
                click.echo(question.dag)
                click.echo()
        if trusting.is_shipped(path):
            click.echo(f"{path}: ships with quizapp (always trusted)")
            continue
        try:
            trusting.trust(path)
        except OSError as exc:
            click.echo(f"error: {path}: cannot trust it: {exc}", err=True)
            failed = True
            continue
        click.echo(f"{path}: trusted ({len(dags)} DAG(s) may now run)")
    if failed:
        sys.exit(1)


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


@bank.command(name="import")
@click.argument("notes", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the bank here."
)
@click.option("--bank-id", "bank_id", help="The bank's id (default: from the file name).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@common_options
def import_notes(notes: Path, output: Path | None, bank_id: str | None, force: bool) -> None:
    """Turn Markdown Q&A notes (or Obsidian cards, an Anki text/CSV export) into a draft bank.

    Numbered questions, headings ending in '?', 'Q::A' cards and '?' separators are read;
    '##' sections become tags. The draft validates; `quizapp bank lint` then shows what
    to improve. Without -o the YAML goes to standard output.
    """
    from quizapp.core.bank_files import display_path
    from quizapp.core.draft_bank import check_draft, render_draft_bank, slug_of, unique_bank_id
    from quizapp.core.notes_import import parse_notes

    try:
        text = notes.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise click.ClickException(f"{notes}: no such file") from None
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{notes}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except OSError as exc:
        raise click.ClickException(f"{notes}: cannot read it: {exc.strerror}") from None
    drafts = parse_notes(text)
    if not drafts:
        raise click.ClickException(
            f"{notes}: no questions found. Import reads numbered questions ('1. What is X?'), "
            "headings ending in '?', 'Question::Answer' cards, '?' separators, and Anki "
            "text/CSV exports; each question needs an answer under it."
        )
    if output is not None and output.exists() and not force:
        raise click.ClickException(f"{output} exists; pass --force to overwrite it")
    catalog = app_context().catalog()
    replaced = output.resolve() if output is not None else None
    other_banks = {
        b.id: b.path
        for b in catalog.banks
        if replaced is None or Path(b.path).resolve() != replaced
    }
    if bank_id is not None and bank_id in other_banks:
        raise click.ClickException(
            f"bank id {bank_id!r} is already used by {display_path(Path(other_banks[bank_id]))}; "
            "choose another with --bank-id"
        )
    wanted = slug_of(notes.stem.replace("_", " ")) or "imported"
    the_id = bank_id or unique_bank_id(wanted, other_banks)
    if the_id != (bank_id or wanted):
        click.echo(
            f"bank id {the_id!r}: {wanted!r} is taken by "
            f"{display_path(Path(other_banks[wanted]))} (--bank-id chooses another)",
            err=True,
        )
    taken = [
        q.id for q in catalog.questions if replaced is None or Path(q.file).resolve() != replaced
    ]
    source = notes.name
    title = notes.stem.replace("_", " ").replace("-", " ").strip().capitalize() or the_id
    draft = render_draft_bank(the_id, title, drafts, source, taken)
    shown = display_path(output) if output is not None else "<stdout>"
    problems = check_draft(draft, shown)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise click.ClickException("the draft does not validate (a bug: please report it)")
    if output is None:
        click.echo(draft.text, nl=False)
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(draft.text, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(
        f"{draft.count} draft question(s) from {display_path(notes)}"
        + (f" written to {shown}" if output is not None else "")
        + "; next: quizapp bank lint "
        + (shown if output is not None else "BANK.yaml"),
        err=True,
    )
