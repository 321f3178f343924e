"""`quizapp plan` and `quizapp tune`: the interview date and a learner model fitted to you.

``plan --interview DATE [--minutes N]`` stores the date (and the minutes a day);
``plan`` alone shows the plan; ``plan --clear`` forgets the date. ``tune``
fits the FSRS parameters to the review log (needs the optional
``fsrs-rs-python``) or says why it did not.
"""

from __future__ import annotations

import json

import click

from quizapp.cli.common import app_context, common_options
from quizapp.cli.study import _catalog, _store


@click.command()
@click.option("--interview", metavar="YYYY-MM-DD", help="The interview date.")
@click.option("--minutes", type=int, help="Minutes a day you can study (default 30).")
@click.option(
    "--bank",
    "bank_ids",
    multiple=True,
    help="Plan only for this bank (repeatable; default every bank).",
)
@click.option("--all-banks", is_flag=True, help="Plan for every bank again.")
@click.option("--retention", type=float, help="Desired retention, 0.80-0.97 (default 0.90).")
@click.option("--new-per-day", type=int, help="New questions a day when no date is set.")
@click.option("--clear", is_flag=True, help="Forget the interview date.")
@click.option("--json", "as_json", is_flag=True, help="The plan as JSON.")
@common_options
def plan(
    interview: str | None,
    minutes: int | None,
    bank_ids: tuple[str, ...],
    all_banks: bool,
    retention: float | None,
    new_per_day: int | None,
    clear: bool,
    as_json: bool,
) -> None:
    """The interview date: a plan that gets every topic ready for the day.

    Without options it shows the plan: days to go, new questions a day, the
    final sweep, the workload, and the predicted recall of each topic on the
    day. It says so when the minutes a day cannot cover the topics.
    """
    from quizapp.core.clock import SystemClock
    from quizapp.core.plan import SettingsError, parse_interview_date
    from quizapp.core.study_plan import PLAN_KINDS, current_plan, set_interview

    if clear and interview:
        raise click.UsageError("use --interview or --clear, not both")
    context = app_context()
    catalog = _catalog(context)
    known = {bank.id for bank in catalog.banks}
    unknown = [b for b in bank_ids if b not in known]
    if unknown:
        raise click.BadParameter(
            f"no bank {', '.join(map(repr, unknown))}; banks: {', '.join(sorted(known))}",
            param_hint="'--bank'",
        )
    planned = {q.bank for q in catalog.questions if q.kind in PLAN_KINDS}
    empty = [b for b in bank_ids if b not in planned]
    if empty:
        raise click.BadParameter(
            f"{', '.join(map(repr, empty))} has no question the plan covers: it plans the "
            "flashcard questions; drills and predictions are scheduled as you answer them "
            "in quizzes and mock interviews",
            param_hint="'--bank'",
        )
    now = SystemClock().now()
    with _store(context) as store:
        settings = store.study_settings()
        try:
            changes: dict[str, object] = {}
            if retention is not None:
                changes["desired_retention"] = retention
            if new_per_day is not None:
                changes["new_per_day"] = new_per_day
            if changes:
                settings = settings.with_changes(**changes)
                store.save_study_settings(settings)
            if clear:
                settings = set_interview(store, None)
                click.echo("Interview date cleared: ordinary spaced repetition from now on.")
                return
            topics = () if all_banks else (bank_ids or None)
            if interview is not None:
                day = parse_interview_date(interview, store.today(now))
                settings = set_interview(store, day, minutes=minutes, topics=topics)
            elif minutes is not None or topics is not None:
                settings = settings.with_changes(
                    **({"minutes_per_day": minutes} if minutes is not None else {}),
                    **({"topics": tuple(topics)} if topics is not None else {}),
                )
                store.save_study_settings(settings)
        except SettingsError as error:
            raise click.ClickException(str(error)) from None
        result = current_plan(store, catalog, now, settings)
    if as_json:
        click.echo(json.dumps(result.to_json() if result else None, indent=2))
        return
    if result is None:
        click.echo(
            "No interview date set. Set one with `quizapp plan --interview YYYY-MM-DD "
            "[--minutes 30]`."
        )
        click.echo(
            f"Desired retention {settings.desired_retention:.2f}, "
            f"{settings.new_per_day} new question(s) a day."
        )
        return
    click.echo(result.summary())
    if result.days_left < 0:  # readiness on a past day from today's cards means nothing
        click.echo(
            "Set the next one with `quizapp plan --interview YYYY-MM-DD`, or go back to "
            "ordinary spaced repetition with `quizapp plan --clear`."
        )
        return
    click.echo("")
    click.echo(readiness_text(result.readiness, result.interview.isoformat()))


def readiness_text(readiness: dict[str, float], interview: str) -> str:
    """Per-topic readiness as a small table."""
    lines = [f"Readiness on {interview} (predicted recall; unseen questions count as not known):"]
    for topic, recall in sorted(readiness.items()):
        lines.append(f"  {topic:<28} {round(recall * 100):>3}%")
    return "\n".join(lines)


@click.command()
@click.option("--dry-run", is_flag=True, help="Report the fit without using it.")
@click.option("--reset", is_flag=True, help="Go back to the default FSRS parameters.")
@common_options
def tune(dry_run: bool, reset: bool) -> None:
    """Fit the FSRS parameters to your review log (the optional fsrs-rs-python).

    Scores the fit against the defaults on your most recent reviews, held
    back; keeps the defaults when your history is too thin or the fit is not
    better. The fitted parameters are used for scheduling from then on.
    """
    from quizapp.core.tune import TuneUnavailable
    from quizapp.core.tune import tune as fit

    context = app_context()
    with _store(context) as store:
        settings = store.study_settings()
        if reset:
            store.save_study_settings(settings.with_changes(parameters=None))
            click.echo("Back to the default FSRS parameters.")
            return
        try:
            result = fit(store.review_log())
        except TuneUnavailable as error:
            raise click.ClickException(str(error)) from None
        if result.parameters is not None and not dry_run:
            store.save_study_settings(settings.with_changes(parameters=result.parameters))
    text = result.summary()
    if dry_run and result.parameters is not None:
        text = text.replace("Scheduling now uses them.", "(--dry-run: not saved.)")
    click.echo(text)


COMMANDS: list[click.Command] = [plan, tune]


@click.command()
@click.option("--suspend", "to_suspend", metavar="ID", help="Set a leech aside until the sweep.")
@click.option("--unsuspend", metavar="ID", help="Take a suspended question back.")
@common_options
def leeches(to_suspend: str | None, unsuspend: str | None) -> None:
    """Questions failed 8 times or more: the key points missed each time, and what to do."""
    from quizapp.core.leeches import LEECH_LAPSES, find_leeches, suspend

    context = app_context()
    catalog = _catalog(context)
    with _store(context) as store:
        for question_id, keep in ((to_suspend, True), (unsuspend, False)):
            if question_id is None:
                continue
            if question_id not in catalog:
                raise click.BadParameter(f"no question with id {question_id!r}")
            suspend(store, question_id, until_sweep=keep)
            until = (
                "until the final sweep"
                if store.study_settings().interview
                else "until you take it back (--unsuspend) or set an interview date"
            )
            click.echo(f"{question_id}: " + (f"suspended {until}." if keep else "back in reviews."))
        found = find_leeches(store, catalog)
    if not found:
        click.echo(f"No leeches: no question has been failed {LEECH_LAPSES} times.")
        return
    for leech in found:
        state = " (suspended until the final sweep)" if leech.suspended else ""
        click.echo(f"{leech.question.id}: {leech.lapses} lapses{state}")
        click.echo(f"  {leech.question.prompt.strip()}")
        for miss in leech.misses:
            points = "; ".join(miss.missed) if miss.missed else "(flashcard: no answer typed)"
            click.echo(f"  {miss.reviewed_at:%Y-%m-%d} {miss.mode}: missed {points}")
        if leech.sibling is not None:
            click.echo(
                f"  Confused with {leech.sibling.id}: drill both with "
                f"`quizapp quiz --id {leech.question.id} --id {leech.sibling.id}`"
            )
        click.echo(
            f"  Set aside until the final sweep: `quizapp leeches --suspend {leech.question.id}`"
        )


COMMANDS.append(leeches)
