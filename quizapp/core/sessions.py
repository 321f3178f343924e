"""Study sessions: small UI-free state machines that the TUI and plain mode both drive.

- :class:`FlashSession`: due cards first, then new ones up to a daily limit;
  reveal, rate Again/Hard/Good/Easy (with each rating's next interval shown
  beforehand), undo the last rating.
- :class:`QuizSession`: free-text answers graded against key points; a chosen
  set of questions or the weakest ones; "I was right" overrides a verdict.
- :class:`~quizapp.core.mock.MockSession` (in :mod:`quizapp.core.mock`): the
  timed mock interview, graded at the end.

Every session takes the :class:`~quizapp.store.Store` and a
:class:`~quizapp.core.clock.Clock`; each rating or graded answer is committed to
the store *before* the call returns, so whatever a screen has shown is on disk.
Questions whose ``kind`` has no grader (``predict`` unless the sandbox's grader
is passed in ``graders``) are left out, and so are questions no bank has any
more: their history stays in the store, sessions just never show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import zip_longest
from typing import TYPE_CHECKING

from quizapp.core.answers import cap_answer
from quizapp.core.clock import Clock, SystemClock
from quizapp.core.models import Catalog, Grade, Question
from quizapp.core.records import Mode, ReviewRecord
from quizapp.core.scheduling import (
    Card,
    Rating,
    Scheduler,
    new_card,
    preview,
    rank_weakest,
    rating_for_grade,
    review,
)
from quizapp.core.study import Filters, study_questions
from quizapp.core.traps import override_refusal

if TYPE_CHECKING:
    from quizapp.store import Store

Grader = Callable[[Question, str], Grade]
"""Grades one answer to one question (``quizapp.core.grading.grade`` for text)."""

LEARN_AHEAD = timedelta(minutes=20)
"""A card due again within this (a lapse, a learning step) comes back in the same session."""


class SessionError(Exception):
    """A session method called in the wrong state (a bug in the caller)."""


def text_grader(others: Sequence[Question] = ()) -> Grader:
    """The key-point grader for ``kind: text``; ``others`` enables its sibling check."""

    def grade_text(question: Question, answer: str) -> Grade:
        from quizapp.core.grading import grade

        return grade(question, answer, others)

    return grade_text


def default_graders(catalog: Catalog | None = None) -> dict[str, Grader]:
    """Graders by question kind: only ``text``; pass a ``predict`` grader to add it."""
    return {"text": text_grader(catalog.questions if catalog else ())}


_DIFFICULTY_RANK = {"easy": 0, "medium": 1, "hard": 2}


def introduction_order(questions: Iterable[Question]) -> list[Question]:
    """Unseen questions in the order a newcomer should meet them.

    Easy ones first; within a difficulty the banks take turns, so a first
    session mixes topics instead of working through one bank file.
    """
    levels: dict[int, dict[str, list[Question]]] = {}
    for question in questions:
        rank = _DIFFICULTY_RANK.get(question.difficulty, 1)
        levels.setdefault(rank, {}).setdefault(question.bank, []).append(question)
    ordered: list[Question] = []
    for rank in sorted(levels):
        for turn in zip_longest(*levels[rank].values()):
            ordered.extend(q for q in turn if q is not None)
    return ordered


def _seconds(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds())


# --- flashcards --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FlashCard:
    """The card being shown: the question, whether it is new, its card state."""

    question: Question
    card: Card
    is_new: bool


@dataclass(frozen=True, slots=True)
class Rated:
    """What a rating did: stored as ``review_id``, the card now due at ``card.due``."""

    review_id: int
    question: Question
    rating: Rating
    card: Card
    interval: timedelta
    requeued: bool


class FlashSession:
    """Flashcards: due cards (most overdue first), then new ones up to the daily limit.

    Drive it as ``current`` -> ``reveal()`` -> ``intervals()`` -> ``rate(r)``
    until ``done``; ``undo()`` takes back the last rating. A card rated so that
    it is due again within :data:`LEARN_AHEAD` (Again, or a learning step)
    returns at the end of the queue, as in Anki.

    The study settings in the store apply (see :mod:`quizapp.core.study_plan`):
    the fitted FSRS parameters and desired retention, the interview date's cap
    on intervals, the new-question rate (``new_limit`` overrides it), and
    suspended leeches stay out until the final sweep. ``cram=True``: every
    question of the selection, weakest first, and nothing is stored: a cram
    does not move the schedule.
    """

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        *,
        clock: Clock | None = None,
        scheduler: Scheduler | None = None,
        filters: Filters | None = None,
        new_limit: int | None = None,
        kinds: Iterable[str] = ("text",),
        cram: bool = False,
    ) -> None:
        from quizapp.core.study_plan import in_final_sweep, new_limit_for, store_scheduler

        self.store = store
        self.clock = clock or SystemClock()
        self.cram = cram
        now = self.clock.now()
        self.scheduler = scheduler or store_scheduler(store, now)
        pool = study_questions(catalog.questions, filters or Filters(), kinds)
        cards = store.cards(q.id for q in pool)
        if cram:
            seen = {q.id: cards[q.id] for q in pool if q.id in cards}
            order = rank_weakest(self.scheduler, seen, now)
            by_id = {q.id: q for q in pool}
            due = [by_id[qid] for qid in order]
            fresh = introduction_order(q for q in pool if q.id not in cards)
        else:
            settings = store.study_settings()
            skip = set() if in_final_sweep(settings, store.tz, now) else settings.suspended
            due = sorted(
                (q for q in pool if q.id in cards and cards[q.id].due <= now and q.id not in skip),
                key=lambda q: (cards[q.id].due, q.id),
            )
            if new_limit is None:
                new_limit = new_limit_for(store, catalog, now, settings)
            budget = max(0, new_limit - store.new_cards_on(store.day_of(now)))
            fresh = introduction_order(q for q in pool if q.id not in cards)[:budget]
        self.due_count = len(due)
        self.new_count = len(fresh)
        self._queue: list[FlashCard] = [FlashCard(q, cards[q.id], False) for q in due]
        self._queue += [FlashCard(q, new_card(q.id, now), True) for q in fresh]
        self._history: list[tuple[Rated, FlashCard]] = []
        self.revealed = False
        self._shown_at = now

    @property
    def current(self) -> FlashCard | None:
        """The card to show, or None when the session is over."""
        return self._queue[0] if self._queue else None

    @property
    def done(self) -> bool:
        """True when no card is left."""
        return not self._queue

    @property
    def remaining(self) -> int:
        """Cards left, the current one included."""
        return len(self._queue)

    @property
    def reviewed(self) -> int:
        """Ratings given in this session (undone ones excluded)."""
        return len(self._history)

    @property
    def can_undo(self) -> bool:
        """Whether there is a rating to take back."""
        return bool(self._history)

    def _require_current(self) -> FlashCard:
        if not self._queue:
            raise SessionError("the session is over")
        return self._queue[0]

    def reveal(self) -> Question:
        """Show the answer of the current card (returns its question)."""
        shown = self._require_current()
        self.revealed = True
        return shown.question

    def intervals(self) -> dict[Rating, timedelta]:
        """The next interval each rating would give the current card, for the buttons."""
        return preview(self.scheduler, self._require_current().card, self.clock.now())

    def rate(self, rating: Rating) -> Rated:
        """Rate the revealed card; the review is on disk when this returns."""
        shown = self._require_current()
        if not self.revealed:
            raise SessionError("reveal the answer before rating it")
        now = self.clock.now()
        card = review(self.scheduler, shown.card, rating, now)
        record = _review_record(
            shown.question,
            "flash",
            now,
            rating,
            rating != Rating.Again,
            _seconds(self._shown_at, now),
        )
        if self.cram:
            review_id = -1
        else:
            review_id = self.store.record_review(record, card, None if shown.is_new else shown.card)
        self._queue.pop(0)
        requeued = card.due - now <= LEARN_AHEAD
        if requeued:
            self._queue.append(FlashCard(shown.question, card, False))
        rated = Rated(review_id, shown.question, rating, card, card.due - now, requeued)
        self._history.append((rated, shown))
        self._next_card(now)
        return rated

    def undo(self) -> FlashCard:
        """Take back the last rating: its review is deleted, its card restored and shown again."""
        if not self._history:
            raise SessionError("nothing to undo")
        rated, shown = self._history.pop()
        if not self.cram:
            self.store.undo_review(rated.review_id)
        if rated.requeued:
            for index in range(len(self._queue) - 1, -1, -1):
                if self._queue[index].question.id == rated.question.id:
                    del self._queue[index]
                    break
        self._queue.insert(0, shown)
        self._next_card(self.clock.now())
        return shown

    def _next_card(self, now: datetime) -> None:
        self.revealed = False
        self._shown_at = now


# --- free-text quiz ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuizResult:
    """A graded, stored answer."""

    question: Question
    answer: str
    grade: Grade
    rating: Rating
    review_id: int
    reviewed_at: datetime
    seconds: float
    card: Card
    overridden: bool = False


@dataclass
class _QuizState:
    position: int = 0
    answered: bool = False
    shown_at: datetime | None = None
    results: list[QuizResult] = field(default_factory=list)


class QuizSession:
    """A free-text quiz over a fixed list of questions.

    ``current`` is the question to answer; ``submit(text)`` grades it, stores
    the review and returns the :class:`Grade` (``last`` has the rest). The
    question stays ``current`` (``answered`` is True) until ``next()``, so a
    screen can show the verdict; ``override()`` ("I was right") applies to the
    last submitted answer, even after ``next()``; ``skip()`` moves on without
    a review.
    """

    def __init__(
        self,
        store: Store,
        questions: Sequence[Question],
        *,
        clock: Clock | None = None,
        scheduler: Scheduler | None = None,
        graders: Mapping[str, Grader] | None = None,
        cram: bool = False,
    ) -> None:
        from quizapp.core.study_plan import store_scheduler

        self.store = store
        self.clock = clock or SystemClock()
        self.scheduler = scheduler or store_scheduler(store, self.clock.now())
        self.cram = cram
        self.graders = dict(graders) if graders is not None else default_graders()
        self.questions: tuple[Question, ...] = tuple(q for q in questions if q.kind in self.graders)
        self._state = _QuizState(shown_at=self.clock.now())

    @classmethod
    def weakest(
        cls,
        store: Store,
        catalog: Catalog,
        *,
        count: int = 10,
        filters: Filters | None = None,
        clock: Clock | None = None,
        scheduler: Scheduler | None = None,
        graders: Mapping[str, Grader] | None = None,
    ) -> QuizSession:
        """A quiz on the ``count`` weakest questions (topped up with unseen ones)."""
        from quizapp.core.study_plan import store_scheduler

        clock = clock or SystemClock()
        scheduler = scheduler or store_scheduler(store, clock.now())
        graders = dict(graders) if graders is not None else default_graders(catalog)
        pool = study_questions(catalog.questions, filters or Filters(), graders)
        by_id = {q.id: q for q in pool}
        cards = store.cards(by_id)
        chosen = [by_id[qid] for qid in rank_weakest(scheduler, cards, clock.now())[:count]]
        unseen = introduction_order(q for q in pool if q.id not in cards)
        chosen += unseen[: count - len(chosen)]
        return cls(store, chosen, clock=clock, scheduler=scheduler, graders=graders)

    @classmethod
    def due_then_new(
        cls,
        store: Store,
        catalog: Catalog,
        *,
        kinds: Iterable[str] | None = None,
        filters: Filters | None = None,
        clock: Clock | None = None,
        scheduler: Scheduler | None = None,
        graders: Mapping[str, Grader] | None = None,
    ) -> QuizSession:
        """Spaced repetition as a quiz: questions due now (most overdue first), then unseen ones.

        Questions answered before and not due yet are left out, as in
        :class:`FlashSession`. ``kinds`` narrows the kinds asked (``("predict",)``);
        by default every kind with a grader.
        """
        clock = clock or SystemClock()
        graders = dict(graders) if graders is not None else default_graders(catalog)
        allowed = set(graders) if kinds is None else set(graders) & set(kinds)
        pool = study_questions(catalog.questions, filters or Filters(), allowed)
        from quizapp.core.study_plan import in_final_sweep

        now = clock.now()
        cards = store.cards(q.id for q in pool)
        settings = store.study_settings()
        skip = set() if in_final_sweep(settings, store.tz, now) else settings.suspended
        due = sorted(
            (q for q in pool if q.id in cards and cards[q.id].due <= now and q.id not in skip),
            key=lambda q: (cards[q.id].due, q.id),
        )
        unseen = introduction_order(q for q in pool if q.id not in cards)
        return cls(store, [*due, *unseen], clock=clock, scheduler=scheduler, graders=graders)

    @property
    def current(self) -> Question | None:
        """The question being asked (or just answered), None when the quiz is over."""
        position = self._state.position
        return self.questions[position] if position < len(self.questions) else None

    @property
    def answered(self) -> bool:
        """Whether the current question has been submitted."""
        return self._state.answered

    @property
    def done(self) -> bool:
        """True when every question has been answered or skipped."""
        return self.current is None

    @property
    def position(self) -> int:
        """Index of the current question (== ``total`` when done)."""
        return self._state.position

    @property
    def total(self) -> int:
        """Number of questions in the quiz."""
        return len(self.questions)

    @property
    def remaining(self) -> int:
        """Questions not yet answered or skipped, the current one included if unanswered."""
        return self.total - self._state.position - int(self._state.answered)

    @property
    def results(self) -> list[QuizResult]:
        """Every answer of this session, in order (overrides applied)."""
        return list(self._state.results)

    @property
    def last(self) -> QuizResult | None:
        """The most recent answer, or None."""
        return self._state.results[-1] if self._state.results else None

    def submit(self, answer: str) -> Grade:
        """Grade the answer to the current question and store it before returning."""
        question = self.current
        if question is None:
            raise SessionError("the quiz is over")
        if self._state.answered:
            raise SessionError("this question was already answered; call next()")
        now = self.clock.now()
        seconds = _seconds(self._state.shown_at or now, now)
        answer = cap_answer(answer)  # never a megabyte graded or stored
        grade = self.graders[question.kind](question, answer)
        rating = rating_for_grade(grade, seconds)
        before = self.store.card(question.id)
        card = review(self.scheduler, before or new_card(question.id, now), rating, now)
        record = _review_record(
            question, "quiz", now, rating, grade.verdict == "correct", seconds, answer, grade
        )
        review_id = -1 if self.cram else self.store.record_review(record, card, before)
        self._state.results.append(
            QuizResult(question, answer, grade, rating, review_id, now, seconds, card)
        )
        self._state.answered = True
        return grade

    def override_refused(self) -> str | None:
        """Why the last answer cannot be marked right (None when it can, or there is none)."""
        last = self.last
        return override_refusal(last.answer) if last is not None and not last.overridden else None

    def override(self) -> QuizResult:
        """ "I was right": the last answer counts as correct and is rescheduled as Good.

        The answer text and the grader's verdict stay in the store, flagged
        ``overridden``. Returns the updated result. An empty or "I don't know"
        answer cannot be overridden (:class:`SessionError` says why).
        """
        last = self.last
        if last is None:
            raise SessionError("no answer to override")
        if last.overridden:
            return last
        refusal = override_refusal(last.answer)
        if refusal is not None:
            raise SessionError(refusal)
        if self.cram:
            card = last.card
        else:
            before = self.store.card_before(last.review_id)
            start = before or new_card(last.question.id, last.reviewed_at)
            card = review(self.scheduler, start, Rating.Good, last.reviewed_at)
            self.store.override_review(last.review_id, Rating.Good, card)
        updated = QuizResult(
            last.question,
            last.answer,
            last.grade,
            Rating.Good,
            last.review_id,
            last.reviewed_at,
            last.seconds,
            card,
            overridden=True,
        )
        self._state.results[-1] = updated
        return updated

    def next(self) -> Question | None:
        """Move to the next question (after answering, or to skip this one)."""
        if self.current is None:
            return None
        self._state.position += 1
        self._state.answered = False
        self._state.shown_at = self.clock.now()
        return self.current

    def skip(self) -> Question | None:
        """Leave the current question unanswered (nothing is stored) and move on."""
        if self._state.answered:
            raise SessionError("this question was answered; call next()")
        return self.next()


def _review_record(
    question: Question,
    mode: Mode,
    at: datetime,
    rating: Rating,
    correct: bool,
    seconds: float,
    answer: str | None = None,
    grade: Grade | None = None,
) -> ReviewRecord:
    return ReviewRecord(
        question_id=question.id,
        bank=question.bank,
        mode=mode,
        reviewed_at=at,
        rating=rating,
        correct=correct,
        answer=answer,
        score=grade.score if grade else None,
        verdict=grade.verdict if grade else None,
        duration_s=seconds,
    )
