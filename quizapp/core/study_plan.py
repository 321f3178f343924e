"""The study settings applied: the scheduler they imply, today's new-question limit, the plan.

Glue between :mod:`quizapp.core.plan` (pure arithmetic), the FSRS scheduler
and the store: sessions, the command line and the screens all ask here, so a
flashcard session, ``quizapp plan`` and the progress screen agree on what the
interview date means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from quizapp.core.models import Catalog
from quizapp.core.plan import (
    INTRO_REVIEWS,
    CardState,
    InterviewCap,
    Plan,
    StudySettings,
    local_day,
    make_plan,
    readiness,
    seconds_per_review,
    sweep_start,
)
from quizapp.core.recall import MemoryState
from quizapp.core.scheduling import Card, Scheduler, good_chain, make_scheduler
from quizapp.core.study import Filters, study_questions

if TYPE_CHECKING:
    from quizapp.store import Store

PLAN_KINDS = ("text",)
"""The kinds of question the plan introduces and sweeps (those flashcards show)."""


def plan_active(settings: StudySettings, today: date) -> bool:
    """Whether an interview date is set and still ahead (or today)."""
    return settings.interview is not None and settings.interview >= today


def scheduler_for(settings: StudySettings, tz: tzinfo | None, today: date) -> Scheduler:
    """The scheduler the settings ask for: fitted parameters, retention, the interview cap."""
    cap = None
    if settings.interview is not None and settings.interview >= today:
        cap = InterviewCap(settings.interview, tz)
    return make_scheduler(
        desired_retention=settings.desired_retention,
        parameters=settings.parameters,
        cap=cap,
    )


def store_scheduler(store: Store, now: datetime) -> Scheduler:
    """The scheduler for the store's current settings at ``now``."""
    return scheduler_for(store.study_settings(), store.tz, store.today(now))


def plan_topics(
    catalog: Catalog, settings: StudySettings, kinds: Iterable[str] = PLAN_KINDS
) -> dict[str, list[str]]:
    """The plan's questions by topic (bank): the chosen topics, or every bank."""
    filters = Filters(banks=frozenset(settings.topics))
    topics: dict[str, list[str]] = {}
    for question in study_questions(catalog.questions, filters, kinds):
        topics.setdefault(question.bank, []).append(question.id)
    return topics


def current_plan(
    store: Store,
    catalog: Catalog,
    now: datetime,
    settings: StudySettings | None = None,
    *,
    remember: bool = True,
) -> Plan | None:
    """The interview plan at ``now`` (None: no interview date set).

    ``remember`` stores today's new-question rate for the home screen's light reader.
    """
    settings = settings or store.study_settings()
    if settings.interview is None:
        return None
    today = store.today(now)
    topics = plan_topics(catalog, settings)
    wanted = {qid for ids in topics.values() for qid in ids}
    cards = {
        qid: CardState(card.stability, card.last_review, card.due)
        for qid, card in store.cards().items()
        if qid in wanted
    }
    scheduler = scheduler_for(settings, store.tz, today)
    horizon = max(1, (settings.interview - today).days)
    plan = make_plan(
        settings,
        today,
        topics,
        cards,
        seconds=seconds_per_review(store.recent_durations()),
        chain=good_chain(scheduler, horizon),
        tz=store.tz,
    )
    if remember and plan.days_left > 0:
        store.save_plan_rate(today.isoformat(), plan.new_per_day)
    return plan


def new_limit_for(store: Store, catalog: Catalog, now: datetime, settings: StudySettings) -> int:
    """New questions a session may introduce today: the plan's rate, or the setting."""
    if plan_active(settings, store.today(now)):
        plan = current_plan(store, catalog, now, settings)
        if plan is not None:
            return plan.new_per_day
    return settings.new_per_day


def in_final_sweep(settings: StudySettings, tz: tzinfo | None, now: datetime) -> bool:
    """Whether ``now`` falls in the final sweep before the interview."""
    if settings.interview is None:
        return False
    today = local_day(now, tz)
    return sweep_start(settings.interview) <= today < settings.interview


def set_interview(
    store: Store,
    interview: date | None,
    *,
    minutes: int | None = None,
    topics: Iterable[str] | None = None,
) -> StudySettings:
    """Store (or clear, with None) the interview date; cards due past it are brought forward."""
    settings = store.study_settings()
    changes: dict[str, object] = {"interview": interview}
    if minutes is not None:
        changes["minutes_per_day"] = minutes
    if topics is not None:
        changes["topics"] = tuple(topics)
    settings = settings.with_changes(**changes)
    store.save_study_settings(settings)
    if interview is not None:
        store.cap_due_dates(InterviewCap(interview, store.tz))
    return settings


def readiness_after(
    store: Store, catalog: Catalog, now: datetime, changed: Mapping[str, Card]
) -> tuple[date, dict[str, float]] | None:
    """The interview date and per-topic readiness with ``changed`` cards applied (None: no plan).

    For a report written in the same transaction as the answers it grades.
    """
    settings = store.study_settings()
    if not plan_active(settings, store.today(now)) or settings.interview is None:
        return None
    cards = store.cards() | dict(changed)
    states: dict[str, MemoryState] = {
        qid: (card.stability, card.last_review) for qid, card in cards.items()
    }
    topics = plan_topics(catalog, settings)
    return settings.interview, readiness(
        states, topics, settings.interview, store.tz, settings.parameters
    )


def yearly_reviews(desired_retention: float, parameters: Iterable[float] | None = None) -> float:
    """About how many reviews one question takes in its first year at this retention.

    The plan's estimate (see :mod:`quizapp.core.plan`): the all-Good chain's
    reviews within 365 days, plus the first day's, times the lapse allowance.
    """
    scheduler = make_scheduler(
        desired_retention=desired_retention,
        parameters=tuple(parameters) if parameters is not None else None,
    )
    chain = good_chain(scheduler, 365)
    later = chain.reviews_before(chain.intervals[0], 0, 365)
    return (INTRO_REVIEWS + later) * (1.0 + 2.0 * (1.0 - desired_retention))
