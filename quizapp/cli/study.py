"""`quizapp flash|quiz|predict|mock|stats`: study sessions and the progress review.

Without ``--plain`` the study commands open the terminal app on that mode;
with it they run the same session as plain text on stdin/stdout
(:mod:`quizapp.plain`). ``stats`` prints the review as text (``--json`` for
JSON) when piped or with ``--plain``, and opens the progress screen on a
terminal. A progress
database that cannot be used is reported in one message, exit code 1, and the
file is left untouched.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from quizapp.cli.common import AppContext, app_context, common_options
from quizapp.core.models import DIFFICULTIES

if TYPE_CHECKING:
    from quizapp.core.models import Catalog
    from quizapp.core.sessions import Filters
    from quizapp.plain import Console
    from quizapp.store import Store


def _filter_options(func: click.decorators.FC) -> click.decorators.FC:
    func = click.option(
        "--difficulty",
        "difficulties",
        multiple=True,
        type=click.Choice(DIFFICULTIES),
        help="Only this difficulty (repeatable).",
    )(func)
    func = click.option("--tag", "tags", multiple=True, help="Only questions with this tag.")(func)
    func = click.option("--bank", "bank_ids", multiple=True, help="Only this bank (repeatable).")(
        func
    )
    return func


def _filters(
    bank_ids: tuple[str, ...], tags: tuple[str, ...], difficulties: tuple[str, ...]
) -> Filters:
    from quizapp.core.sessions import Filters

    return Filters(frozenset(bank_ids), frozenset(tags), frozenset(difficulties))


def _launch(context: AppContext, start: str, **options: object) -> None:
    from quizapp.cli.tui import launch

    launch(context, start=start, **options)


def _catalog(context: AppContext) -> Catalog:
    catalog = context.catalog()
    problems = [issue for issue in catalog.errors if issue.severity == "error"]
    if problems:
        click.echo(
            f"warning: {len(problems)} bank problem(s) skipped; see `quizapp bank validate`",
            err=True,
        )
    return catalog


@contextmanager
def _store(context: AppContext) -> Iterator[Store]:
    """The open store; any database problem becomes a message and exit code 1."""
    from quizapp.store import StoreError, open_store
    from quizapp.store.db import is_corruption
    from quizapp.store.errors import CorruptDatabaseError

    path = context.db_path()
    try:
        store = open_store(path)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    try:
        yield store
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            raise click.ClickException(str(CorruptDatabaseError(path, str(error)))) from None
        raise click.ClickException(f"{path}: {error}") from None
    finally:
        store.close()


def _console() -> Console:
    from quizapp.plain import Console, use_colour

    return Console(sys.stdin, sys.stdout, use_colour(sys.stdout))


@click.command()
@click.option("--plain", is_flag=True, help="Plain text on stdin/stdout instead of the app.")
@click.option(
    "--new-limit",
    type=int,
    help="New cards today (default: the plan's rate, or the new-per-day setting, 20).",
)
@click.option("--cram", is_flag=True, help="Every question, weakest first; the schedule stays.")
@_filter_options
@common_options
def flash(
    plain: bool,
    new_limit: int | None,
    cram: bool,
    bank_ids: tuple[str, ...],
    tags: tuple[str, ...],
    difficulties: tuple[str, ...],
) -> None:
    """Flashcards: due cards first, then new ones (FSRS spaced repetition)."""
    context = app_context()
    if not plain:
        extra = {"cram": True} if cram else {}
        _launch(context, "flash", banks=bank_ids, tags=tags, difficulties=difficulties, **extra)
        return
    from quizapp.core.sessions import FlashSession
    from quizapp.plain import run_flash

    catalog = _catalog(context)
    with _store(context) as store:
        session = FlashSession(
            store,
            catalog,
            filters=_filters(bank_ids, tags, difficulties),
            new_limit=new_limit,
            cram=cram,
        )
        run_flash(session, _console())


@click.command()
@click.option("--plain", is_flag=True, help="Plain text on stdin/stdout instead of the app.")
@click.option(
    "--weakest",
    type=int,
    is_flag=False,
    flag_value=0,
    metavar="[N]",
    help="Quiz the N weakest questions you have answered (N defaults to --questions).",
)
@click.option("--id", "ids", multiple=True, help="Quiz this question (repeatable, in order).")
@click.option("--questions", "count", default=10, show_default=True, help="How many questions.")
@click.option("--seed", type=int, help="Seed for picking the questions (reproducible).")
@_filter_options
@common_options
def quiz(
    plain: bool,
    weakest: int | None,
    ids: tuple[str, ...],
    count: int,
    seed: int | None,
    bank_ids: tuple[str, ...],
    tags: tuple[str, ...],
    difficulties: tuple[str, ...],
) -> None:
    """A free-text quiz graded on key points: chosen questions, the weakest, or a random set.

    --id and --weakest pick the questions before the app (or plain mode) starts:
    an unknown id, or --weakest before anything was answered, is an error.
    """
    if ids and weakest is not None:
        raise click.UsageError("use --id or --weakest, not both")
    if weakest is not None and weakest < 0:
        raise click.BadParameter("must be a positive number", param_hint="'--weakest'")
    context = app_context()
    filters = _filters(bank_ids, tags, difficulties)
    selection = {"banks": bank_ids, "tags": tags, "difficulties": difficulties}
    if not plain and not ids and weakest is None:
        _launch(context, "quiz", **selection)
        return
    catalog = _catalog(context)
    _check_ids(catalog, ids)
    if weakest is not None:
        ids = _weakest_ids(context, catalog, weakest or count, filters)
    if not plain:
        _launch(context, "quiz", question_ids=ids, **selection)
        return
    import random

    from quizapp.core.predict import session_graders
    from quizapp.core.sessions import QuizSession, study_questions
    from quizapp.plain import run_quiz

    graders = session_graders(catalog)
    if ids:
        chosen = [question for qid in ids if (question := catalog.get(qid)) is not None]
    else:
        pool = study_questions(catalog.questions, filters, graders)
        chosen = random.Random(seed).sample(pool, min(count, len(pool)))
    with _store(context) as store:
        session = QuizSession(store, chosen, graders=graders)
        if not session.total:
            raise click.ClickException("no questions match")
        run_quiz(session, _console())


def _check_ids(catalog: Catalog, ids: tuple[str, ...]) -> None:
    """A usage error (exit code 2) naming every unknown ``--id``, with close ids to try."""
    import difflib

    known = [question.id for question in catalog.questions]
    unknown = []
    for qid in ids:
        if qid in catalog:
            continue
        close = difflib.get_close_matches(qid, known, n=3)
        hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        unknown.append(f"{qid!r}{hint}")
    if unknown:
        raise click.BadParameter(
            f"no question with id {', '.join(unknown)}; `quizapp bank list` lists them",
            param_hint="'--id'",
        )


def _weakest_ids(
    context: AppContext, catalog: Catalog, count: int, filters: Filters
) -> tuple[str, ...]:
    """The ``count`` weakest questions answered so far (topped up with unseen ones).

    Before any question of the selection was answered there is no "weakest":
    that is an error that says so, rather than a quiz on new questions.
    """
    from quizapp.core.predict import session_graders
    from quizapp.core.sessions import Filters, QuizSession, study_questions

    graders = session_graders(catalog)
    with _store(context) as store:
        cards = store.cards()
        pool = study_questions(catalog.questions, filters, graders)
        if not any(question.id in cards for question in pool):
            raise click.ClickException(
                "no weakest questions yet: you have not answered any question"
                + ("" if filters == Filters() else " in this selection")
                + ". Start with `quizapp quiz` or `quizapp flash`."
            )
        session = QuizSession.weakest(store, catalog, count=count, filters=filters, graders=graders)
        return tuple(question.id for question in session.questions)


@click.command()
@click.option("--plain", is_flag=True, help="Plain text on stdin/stdout instead of the app.")
@_filter_options
@common_options
def predict(
    plain: bool, bank_ids: tuple[str, ...], tags: tuple[str, ...], difficulties: tuple[str, ...]
) -> None:
    """Predict the run: each task's final state (or try number) in a small DAG.

    The predict questions due for review come first, then new ones; the
    sandbox runs each DAG to check the prediction, which is scheduled like any
    answer. In plain mode answer with one `task: value` per line.
    """
    context = app_context()
    if not plain:
        _launch(context, "predict", banks=bank_ids, tags=tags, difficulties=difficulties)
        return
    from quizapp.core.predict import session_graders
    from quizapp.core.sessions import QuizSession
    from quizapp.plain import run_quiz

    catalog = _catalog(context)
    with _store(context) as store:
        session = QuizSession.due_then_new(
            store,
            catalog,
            kinds=("predict",),
            filters=_filters(bank_ids, tags, difficulties),
            graders=session_graders(catalog),
        )
        if not session.total:
            raise click.ClickException(
                "no predict question is due and none is new in this selection; "
                "see `quizapp stats` for what is due when"
            )
        run_quiz(session, _console())


@click.command()
@click.option("--plain", is_flag=True, help="Plain text on stdin/stdout instead of the app.")
@click.option("--questions", "count", type=int, help="Number of questions (default 10).")
@click.option("--minutes", type=float, help="Total time in minutes (default 20).")
@click.option("--seed", type=int, help="Seed for drawing the questions (reproducible).")
@click.option("--report", "report_id", type=int, help="Print a past interview's report (Markdown).")
@_filter_options
@common_options
def mock(
    plain: bool,
    count: int | None,
    minutes: float | None,
    seed: int | None,
    report_id: int | None,
    bank_ids: tuple[str, ...],
    tags: tuple[str, ...],
    difficulties: tuple[str, ...],
) -> None:
    """A timed mock interview, graded at the end; or --report ID to print one as Markdown."""
    context = app_context()
    if report_id is not None:
        _print_report(context, report_id)
        return
    if not plain:
        _launch(
            context,
            "mock",
            mock_questions=count,
            mock_minutes=minutes,
            banks=bank_ids,
            tags=tags,
            difficulties=difficulties,
        )
        return
    from quizapp.core.mock import DEFAULT_MINUTES, DEFAULT_QUESTIONS, MockConfig
    from quizapp.core.predict import session_graders
    from quizapp.core.sessions import SessionError
    from quizapp.plain import mock_session, run_mock

    config = MockConfig(
        questions=count or DEFAULT_QUESTIONS,
        minutes=minutes or DEFAULT_MINUTES,
        seed=seed,
        filters=_filters(bank_ids, tags, difficulties),
    )
    catalog = _catalog(context)
    console = _console()
    with _store(context) as store:
        try:
            session = mock_session(store, catalog, config, session_graders(catalog), console)
        except SessionError as error:
            raise click.ClickException(str(error)) from None
        if session is not None:
            run_mock(session, console)


def _print_report(context: AppContext, report_id: int) -> None:
    from quizapp.plain import mock_report_text

    with _store(context) as store:
        try:
            text = mock_report_text(store, report_id, lambda: _catalog(context))
        except LookupError as error:
            raise click.ClickException(str(error)) from None
    click.echo(text, nl=False)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="The progress review as JSON.")
@click.option("--plain", is_flag=True, help="Text even on a terminal (the default when piped).")
@common_options
def stats(as_json: bool, plain: bool) -> None:
    """The progress review: mastery per topic, activity, streak, due cards, weakest, mocks.

    On a terminal it opens the app's progress screen; with --plain, --json or
    when the output is piped it prints text or JSON.
    """
    context = app_context()
    if not (as_json or plain) and sys.stdout.isatty():
        _launch(context, "stats")
        return
    from quizapp.core.clock import SystemClock
    from quizapp.core.study_plan import current_plan
    from quizapp.store.progress import progress_review

    catalog = _catalog(context)
    now = SystemClock().now()
    with _store(context) as store:
        review = progress_review(
            store,
            now,
            topics=[bank.id for bank in catalog.banks],
            known={q.id for q in catalog.questions},
            plan=current_plan(store, catalog, now, remember=False),
        )
    if as_json:
        click.echo(json.dumps(review.to_json(), indent=2))
    else:
        from quizapp.plain import stats_text

        click.echo(stats_text(review, catalog), nl=False)


COMMANDS: list[click.Command] = [flash, quiz, predict, mock, stats]
