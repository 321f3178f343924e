"""The interview date: a schedule that stops at the day, a final sweep, and readiness.

With an interview date ``D`` set (see :class:`StudySettings`):

- **no review is scheduled past the day**: a card reviewed before the final
  sweep is due at the latest on its sweep day, one reviewed in the sweep at the
  latest on ``D`` (:class:`InterviewCap`, applied to every interval FSRS gives);
- **the final sweep** is the last :data:`SWEEP_DAYS` days before ``D``: every
  question studied before it falls due on one of those days (spread by a stable
  hash of its id), so the sweep sees each one once;
- **new questions** come at the rate that covers the selection before the
  sweep (:func:`make_plan`), as long as the minutes per day allow; when they do
  not, the plan says how many questions will not be seen and what it would take;
- **readiness on the day**: per topic, the mean FSRS retrievability at the
  start of ``D`` of its questions, unseen ones counting as not known
  (:func:`quizapp.core.recall.mean_recall_by_topic`).

The workload is an estimate, stated so it can be checked: each review takes
the learner's median time per review (from the log; :data:`DEFAULT_SECONDS`
before there is enough of it); a question costs the reviews that an all-Good
FSRS chain gives it before the sweep, plus its sweep review, plus two on the
day it is introduced, times ``1 + 2 * (1 - desired retention)`` for lapses
(each costs a relearning step and a shorter interval after it). Pure Python:
no store, no textual.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from quizapp.core.clock import as_utc
from quizapp.core.plan_settings import (  # noqa: F401 - re-exported: the plan's settings
    DEFAULT_MINUTES,
    DEFAULT_RETENTION,
    MAX_DAYS_AHEAD,
    MAX_RETENTION,
    MIN_RETENTION,
    SWEEP_DAYS,
    SettingsError,
    StudySettings,
    check_retention,
    parse_interview_date,
    sweep_start,
)
from quizapp.core.recall import MemoryState, decay_of, mean_recall_by_topic

DEFAULT_SECONDS = 30.0
"""Seconds per review assumed before the log has :data:`MIN_TIMED_REVIEWS` timed reviews."""
MIN_TIMED_REVIEWS = 20
INTRO_REVIEWS = 2
"""Reviews on the day a question is introduced (its first answer and a learning step)."""

# --- days and the cap on intervals ---------------------------------------------


def local_day(moment: datetime, tz: tzinfo | None) -> date:
    """The learner's calendar day of a moment: in ``tz``, or the system's zone when None."""
    local = moment.astimezone(tz) if tz else as_utc(moment).astimezone()
    return local.date()


def day_start(day: date, tz: tzinfo | None) -> datetime:
    """The first moment (UTC) of the learner's local ``day``."""
    naive = datetime.combine(day, time())
    local = naive.replace(tzinfo=tz) if tz else naive.astimezone()
    return as_utc(local)


def sweep_day(card_id: int, interview: date) -> date:
    """The sweep day a question studied before the sweep falls due on (stable per question)."""
    return sweep_start(interview) + timedelta(days=card_id % SWEEP_DAYS)


def latest_due_day(card_id: int, reviewed_day: date, interview: date) -> date | None:
    """The last day a card reviewed on ``reviewed_day`` may fall due (None: no limit)."""
    if reviewed_day >= interview:
        return None  # the interview is over: ordinary spaced repetition again
    if reviewed_day < sweep_start(interview):
        return sweep_day(card_id, interview)
    return interview


@dataclass(frozen=True, slots=True)
class InterviewCap:
    """Caps a due date so that no review falls past the interview (see the module doc)."""

    interview: date
    tz: tzinfo | None = None

    def __call__(self, card_id: int, reviewed_at: datetime, due: datetime) -> datetime:
        """``due``, or the start of the latest day allowed when that is earlier."""
        limit_day = latest_due_day(card_id, local_day(reviewed_at, self.tz), self.interview)
        if limit_day is None:
            return due
        return min(due, max(day_start(limit_day, self.tz), as_utc(reviewed_at)))


# --- the plan ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardState:
    """What the plan needs of a studied question's card."""

    stability: float | None
    last_review: datetime | None
    due: datetime


@dataclass(frozen=True, slots=True)
class Chain:
    """An all-Good FSRS review chain from a new card: stability and interval at each step."""

    stabilities: tuple[float, ...]
    intervals: tuple[int, ...]

    def interval_after(self, stability: float | None) -> int:
        """The interval FSRS gives after a Good review of a card with this stability."""
        index = bisect.bisect_left(self.stabilities, stability or 0.0)
        return self.intervals[min(index, len(self.intervals) - 1)]

    def index_of(self, stability: float | None) -> int:
        """The chain step whose stability is closest above ``stability``."""
        return min(bisect.bisect_left(self.stabilities, stability or 0.0), len(self.intervals) - 1)

    def reviews_before(self, first: int, index: int, horizon: int) -> int:
        """Reviews on days ``first``, ``first + interval``, ... that come before ``horizon``."""
        count, offset = 0, first
        while offset < horizon:
            count += 1
            index = min(index + 1, len(self.intervals) - 1)
            offset += self.intervals[index]
        return count


ChainMaker = Callable[[float, Sequence[float] | None, int], Chain]


@dataclass(frozen=True, slots=True)
class Plan:
    """Where the learner stands against the interview date, and what each day holds."""

    interview: date
    today: date
    minutes_per_day: int
    seconds_per_review: float
    questions: int
    seen: int
    new_per_day: int
    not_seen: int
    minutes_needed: int
    reviews_per_day: float
    readiness: dict[str, float]
    topic_sizes: dict[str, int]

    @property
    def days_left(self) -> int:
        """Days from today to the interview (0: it is today)."""
        return (self.interview - self.today).days

    @property
    def sweep_start(self) -> date:
        """The first day of the final sweep."""
        return sweep_start(self.interview)

    @property
    def unseen(self) -> int:
        """Questions of the selection never studied."""
        return self.questions - self.seen

    @property
    def feasible(self) -> bool:
        """Whether every question is seen before the day at this many minutes per day."""
        return self.not_seen == 0

    @property
    def in_sweep(self) -> bool:
        """Whether today is a final-sweep day."""
        return self.sweep_start <= self.today < self.interview

    def summary(self) -> str:
        """The plan in a few lines of text."""
        days = self.days_left
        if days < 0:
            return f"The interview was on {self.interview.isoformat()} ({-days} days ago)."
        if days == 0:
            return f"The interview is today ({self.interview.isoformat()}). Good luck!"
        lines = [f"Interview on {self.interview.isoformat()}: {days} day(s) to go."]
        last_day = self.interview - timedelta(days=1)
        sweep = max(self.sweep_start, self.today)
        lines.append(
            f"Final sweep {sweep.isoformat()} to {last_day.isoformat()}: every question "
            "you studied comes back once."
        )
        if self.unseen:
            lines.append(
                f"New questions: {self.new_per_day} a day ({self.unseen} of "
                f"{self.questions} not seen yet)."
            )
        else:
            lines.append(f"All {self.questions} questions seen; reviews only from here.")
        lines.append(
            f"Workload: about {self.reviews_per_day:.0f} review(s) a day at "
            f"{self.seconds_per_review:.0f} s each (your budget: {self.minutes_per_day} min a "
            f"day; covering everything takes about {self.minutes_needed} min a day)."
        )
        if not self.feasible:
            lines.append(self.warning())
        return "\n".join(lines)

    def warning(self) -> str:
        """What is impossible at this budget ("" when nothing is)."""
        if self.feasible:
            return ""
        return (
            f"At {self.minutes_per_day} min/day you will not see {self.not_seen} of "
            f"{self.questions} questions: raise it to {self.minutes_needed} or narrow the topics."
        )

    def to_json(self) -> dict[str, object]:
        """The ``plan`` block of ``quizapp stats --json``."""
        return {
            "interview": self.interview.isoformat(),
            "days_left": self.days_left,
            "sweep_start": self.sweep_start.isoformat(),
            "minutes_per_day": self.minutes_per_day,
            "minutes_needed": self.minutes_needed,
            "seconds_per_review": round(self.seconds_per_review, 1),
            "new_per_day": self.new_per_day,
            "questions": self.questions,
            "seen": self.seen,
            "unseen": self.unseen,
            "not_seen": self.not_seen,
            "feasible": self.feasible,
            "message": self.warning() or None,
            "topics": {
                topic: {"recall_on_day": round(recall, 4), "questions": self.topic_sizes[topic]}
                for topic, recall in sorted(self.readiness.items())
            },
        }


def seconds_per_review(durations: Sequence[float]) -> float:
    """The median time per review of the recent log, or the default when it is too thin."""
    timed = sorted(d for d in durations if d is not None and d > 0)
    if len(timed) < MIN_TIMED_REVIEWS:
        return DEFAULT_SECONDS
    middle = len(timed) // 2
    median = timed[middle] if len(timed) % 2 else (timed[middle - 1] + timed[middle]) / 2
    return min(max(median, 3.0), 600.0)


def interview_moment(interview: date, tz: tzinfo | None) -> datetime:
    """When readiness is measured: the start of the interview day."""
    return day_start(interview, tz)


def readiness(
    states: Mapping[str, MemoryState],
    topics: Mapping[str, Iterable[str]],
    interview: date,
    tz: tzinfo | None = None,
    parameters: Sequence[float] | None = None,
) -> dict[str, float]:
    """Per topic, the predicted recall at the start of the interview day (unseen: 0)."""
    return mean_recall_by_topic(
        states, topics, interview_moment(interview, tz), decay_of(parameters)
    )


def make_plan(
    settings: StudySettings,
    today: date,
    topics: Mapping[str, Sequence[str]],
    cards: Mapping[str, CardState],
    *,
    seconds: float,
    chain: Chain,
    tz: tzinfo | None = None,
) -> Plan:
    """The plan for ``topics`` (``bank -> question ids``) given the studied ``cards``.

    ``chain`` comes from :func:`quizapp.core.scheduling.good_chain` for the
    learner's parameters and desired retention; ``seconds`` from
    :func:`seconds_per_review`.
    """
    if settings.interview is None:
        raise ValueError("no interview date is set")
    interview = settings.interview
    ids = [qid for members in topics.values() for qid in members]
    studied = [qid for qid in ids if qid in cards]
    unseen = len(ids) - len(studied)
    days_left = (interview - today).days
    sweep_offset = (sweep_start(interview) - today).days
    lapse_factor = 1.0 + 2.0 * (1.0 - settings.desired_retention)
    states = {qid: (cards[qid].stability, cards[qid].last_review) for qid in studied}
    ready = readiness(states, topics, interview, tz, settings.parameters)
    sizes = {topic: len(members) for topic, members in topics.items()}

    def finish(new_per_day: int, not_seen: int, load: float, needed: int) -> Plan:
        return Plan(
            interview=interview,
            today=today,
            minutes_per_day=settings.minutes_per_day,
            seconds_per_review=seconds,
            questions=len(ids),
            seen=len(studied),
            new_per_day=new_per_day,
            not_seen=not_seen,
            minutes_needed=needed,
            reviews_per_day=load,
            readiness=ready,
            topic_sizes=sizes,
        )

    if days_left <= 0:
        return finish(0, 0, 0.0, 0)
    existing = 0.0
    for qid in studied:
        card = cards[qid]
        first = max(0, (card.due.date() - today).days)
        before = chain.reviews_before(first, chain.index_of(card.stability), sweep_offset)
        swept_already = card.last_review is not None and (
            local_day(card.last_review, tz) >= sweep_start(interview)
        )
        swept = 0 if swept_already else 1
        existing += (before + swept) * lapse_factor
    intro_days = sweep_offset if sweep_offset > 0 else days_left

    def new_cost(count: int) -> float:
        if count <= 0:
            return 0.0
        rate = math.ceil(count / intro_days)
        total = 0.0
        for j in range(count):
            day = j // rate
            first_interval = chain.intervals[0]
            later = chain.reviews_before(day + first_interval, 0, sweep_offset)
            swept = 1 if day < sweep_offset else 0
            total += (INTRO_REVIEWS + later + swept) * lapse_factor
        return total

    capacity = settings.minutes_per_day * 60.0 / seconds * days_left
    full_load = existing + new_cost(unseen)
    needed = _round_up(full_load * seconds / 60.0 / days_left, 5)
    coverable = unseen
    if full_load > capacity:
        low, high = 0, unseen
        while low < high:  # the most new questions whose load fits the budget
            middle = (low + high + 1) // 2
            if existing + new_cost(middle) <= capacity:
                low = middle
            else:
                high = middle - 1
        coverable = low
    new_per_day = math.ceil(coverable / intro_days) if coverable else 0
    load = (existing + new_cost(coverable)) / days_left
    return finish(new_per_day, unseen - coverable, load, needed)


def _round_up(value: float, step: int) -> int:
    return max(step, math.ceil(value / step - 1e-9) * step)
