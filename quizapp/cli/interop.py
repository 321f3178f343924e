"""`quizapp export anki|csv|progress|revlog` and `quizapp import progress`.

Cards and history out, and back in.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizapp.cli.common import app_context, common_options

if TYPE_CHECKING:
    from quizapp.core.models import Question
    from quizapp.interop.anki import CardState, HistoryRow
    from quizapp.store import Store


@click.group(name="export")
def export() -> None:
    """Questions to Anki (.apkg or CSV); progress to a JSON file or the FSRS optimizer's CSV."""


@click.group(name="import")
def import_() -> None:
    """Bring progress back from a file written by `quizapp export progress`."""


def _selected(bank_ids: tuple[str, ...]) -> tuple[list[Question], dict[str, str]]:
    catalog = app_context().catalog()
    for issue in catalog.errors:
        click.echo(f"skipped: {issue}", err=True)
    known = {bank.id for bank in catalog.banks}
    unknown = sorted(set(bank_ids) - known)
    if unknown:
        raise click.UsageError(
            f"unknown bank(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    chosen = [q for q in catalog.questions if not bank_ids or q.bank in bank_ids]
    questions = [q for q in chosen if q.kind == "text"]
    left_out = len(chosen) - len(questions)
    if not questions:
        raise click.ClickException(
            "no question to export: Anki cards are made of the free-text questions; "
            f"the {left_out} SQL/DAG drill(s) and prediction(s) chosen run only in quizapp"
        )
    if left_out:
        click.echo(
            f"{left_out} SQL/DAG drill(s) and prediction(s) left out: they run only in quizapp",
            err=True,
        )
    return questions, {bank.id: bank.title for bank in catalog.banks}


def _open_store() -> Store:
    from quizapp.store import StoreError, open_store

    try:
        return open_store(app_context().db_path())
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _write(out: Path, text: str, done: str) -> None:
    """Write ``text`` to ``out`` whole (via a ``.part`` file), its folder made if need be,
    then say ``done`` on standard error; ``-`` writes to standard output instead.

    A path that cannot be written is a clear message, and nothing is left behind.
    """
    if str(out) == "-":
        click.echo(text, nl=False)
        return
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(done, err=True)


_BANK = click.option("--bank", "bank_ids", multiple=True, help="Only this bank (repeatable).")


@export.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_BANK
@click.option("--with-history", is_flag=True, help="Also carry the review log and scheduling.")
@common_options
def anki(out: Path, bank_ids: tuple[str, ...], with_history: bool) -> None:
    """Write an Anki package: one note per question, its id as the note's GUID.

    Importing a newer export into Anki updates the notes it already has.
    """
    from quizapp.interop.anki import export_apkg

    questions, titles = _selected(bank_ids)
    history: list[HistoryRow] = []
    cards: dict[str, CardState] = {}
    if with_history:
        from quizapp.interop.history import anki_history

        with _open_store() as store:
            history, cards = anki_history(store, {q.id for q in questions})
    try:
        count = export_apkg(questions, out, titles, history, cards)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    extra = f", {len(history)} review(s)" if with_history else ""
    click.echo(f"{count} note(s){extra} written to {out}", err=True)


@export.command(name="csv")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@_BANK
@common_options
def csv_(out: Path, bank_ids: tuple[str, ...]) -> None:
    """Write Anki's CSV import format (with its # header lines); '-' for standard output."""
    from quizapp.interop.anki import export_csv

    questions, _titles = _selected(bank_ids)
    _write(out, export_csv(questions), f"{len(questions)} note(s) written to {out}")


@export.command(name="progress")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@common_options
def export_progress_command(out: Path) -> None:
    """Write every review, override, mock interview and setting to a JSON file."""
    import json

    from quizapp.store.progress_file import export_progress

    with _open_store() as store:
        data = export_progress(store)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in data["tables"].items())
    _write(out, text, f"progress written to {out} ({counts})")


@export.command(name="revlog")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@common_options
def revlog(out: Path) -> None:
    """Write the review log as the FSRS optimizer's CSV ('-' for standard output)."""
    from quizapp.store.progress_file import revlog_csv

    with _open_store() as store:
        text = revlog_csv(store)
    _write(out, text, f"{text.count(chr(10)) - 1} review(s) written to {out}")


@import_.command(name="progress")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@common_options
def import_progress_command(source: Path) -> None:
    """Merge a progress file into the database (a copy of the database is made first).

    Reviews and mock interviews already there are recognised, so importing the
    same file twice changes nothing.
    """
    from quizapp.store.progress_file import ProgressFileError, import_progress, read_progress_file

    try:
        data = read_progress_file(source)
        with _open_store() as store:
            result = import_progress(store, data)
    except ProgressFileError as exc:
        raise click.ClickException(str(exc)) from exc
    if not result.changed:
        click.echo(f"nothing new in {source}: the database already has all of it", err=True)
        return
    added = ", ".join(f"{n} {name}" for name, n in result.added.items() if n) or "nothing"
    updated = sum(result.updated.values())
    click.echo(
        f"imported from {source}: added {added}"
        + (f"; updated {updated} row(s)" if updated else "")
        + (f"; the database before the import is at {result.backup}" if result.backup else ""),
        err=True,
    )


COMMANDS = (export, import_)
