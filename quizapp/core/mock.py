"""The timed mock interview: N questions against a clock, graded only at the end.

Questions are drawn across topics (banks) and difficulties, weighted toward
the topics with the lowest recent accuracy, and the draw is reproducible from
its seed (given the same banks and history). Each answer is stored as given
the moment it is submitted; nothing is graded, and no verdict or model answer
is shown, until :meth:`MockSession.finish` (or the budget running out, see
:meth:`MockSession.tick`). The finished interview is saved with its report,
and each answered question also enters the review history (mode ``mock``) and
the FSRS schedule like a quiz answer.

An interview whose process ended before it was graded (terminal closed,
crash, ``kill -9``) keeps its saved answers and stays ``running`` in the store.
:func:`settle_unfinished`, called before a new interview starts, offers the
newest one with budget left for resuming (:class:`UnfinishedMock`; the budget
used is the time recorded with each saved answer, not the wall clock since it
started) and closes every other one (:meth:`MockSession.close`).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from quizapp.core.answers import cap_answer
from quizapp.core.clock import Clock, SystemClock
from quizapp.core.models import DRILL_KINDS, Catalog, Grade, Question
from quizapp.core.records import ReviewRecord
from quizapp.core.report import MockItem, MockReport
from quizapp.core.scheduling import (
    Card,
    Scheduler,
    new_card,
    rating_for_grade,
    review,
)
from quizapp.core.sessions import Filters, Grader, SessionError, default_graders, study_questions

if TYPE_CHECKING:
    from quizapp.store import MockAnswerRow, RunningMock, Store

DEFAULT_QUESTIONS = 10
DEFAULT_MINUTES = 20.0
UNKNOWN_ACCURACY = 0.5
"""Accuracy assumed for a topic without recent reviews."""
WEAKNESS_WEIGHT = 2.0
"""A topic's draw weight is ``1 + WEAKNESS_WEIGHT * (1 - accuracy)``: 1 to 3."""
RESUME_MIN_S = 1.0
"""An unfinished interview with less budget left than this is closed, not offered."""
GONE_PROMPT = "(this question is no longer in the question banks)"


@dataclass(frozen=True, slots=True)
class MockConfig:
    """How the interview is set up."""

    questions: int = DEFAULT_QUESTIONS
    minutes: float = DEFAULT_MINUTES
    seed: int | None = None
    filters: Filters = field(default_factory=Filters)
    soft_limit_s: float | None = None
    """Per-question soft limit; default: the budget shared equally."""

    @property
    def budget_s(self) -> float:
        """The total time budget in seconds."""
        return self.minutes * 60.0


def topic_weights(
    accuracy: Mapping[str, tuple[int, int]], topics: Sequence[str]
) -> dict[str, float]:
    """Draw weight per topic from ``bank -> (reviews, recalled)``: weaker topics weigh more."""
    weights = {}
    for topic in topics:
        count, correct = accuracy.get(topic, (0, 0))
        rate = correct / count if count else UNKNOWN_ACCURACY
        weights[topic] = 1.0 + WEAKNESS_WEIGHT * (1.0 - rate)
    return weights


def pick_questions(
    pool: Sequence[Question], count: int, weights: Mapping[str, float], rng: random.Random
) -> list[Question]:
    """Draw ``count`` distinct questions mixed across topics and difficulties.

    Each draw picks a topic with probability proportional to its weight divided
    by (1 + times it was already drawn), so weak topics come up more without
    crowding the rest out; within the topic it takes the difficulty drawn least
    so far.
    """
    by_topic: dict[str, list[Question]] = {}
    for question in pool:
        by_topic.setdefault(question.bank, []).append(question)
    for questions in by_topic.values():
        rng.shuffle(questions)
    drawn: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    chosen: list[Question] = []
    while len(chosen) < count:
        topics = sorted(t for t, qs in by_topic.items() if qs)
        if not topics:
            break
        topic = rng.choices(topics, [weights.get(t, 1.0) / (1 + drawn[t]) for t in topics])[0]
        candidates = by_topic[topic]
        question = min(candidates, key=lambda q: levels[q.difficulty])
        candidates.remove(question)
        drawn[topic] += 1
        levels[question.difficulty] += 1
        chosen.append(question)
    return chosen


def _clock_text(seconds: float) -> str:
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def started_phrase(started_at: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """``today at 09:05`` / ``yesterday at 21:40`` / ``on 2026-03-01 at 08:00``, local time."""
    local = started_at.astimezone(tz) if tz else started_at.astimezone()
    today = (now.astimezone(tz) if tz else now.astimezone()).date()
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return f"today at {clock}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday at {clock}"
    return f"on {local:%Y-%m-%d} at {clock}"


@dataclass(frozen=True, slots=True)
class UnfinishedMock:
    """A stored interview left running by a process that ended before grading it.

    ``questions`` follow the stored order; one no bank has any more (or whose
    kind has no grader) is a stand-in whose id is in ``missing``.
    """

    mock: RunningMock
    answers: tuple[MockAnswerRow, ...]
    questions: tuple[Question, ...]
    missing: frozenset[str] = frozenset()

    @property
    def mock_id(self) -> int:
        """The interview's id."""
        return self.mock.id

    @property
    def total(self) -> int:
        """How many questions it has."""
        return len(self.answers)

    @property
    def answered(self) -> int:
        """How many have a saved answer."""
        return sum(1 for row in self.answers if row.answer and row.answer.strip())

    @property
    def spent_s(self) -> float:
        """Budget used: the time recorded with the saved answers and skips."""
        return sum(row.time_s for row in self.answers)

    @property
    def left_s(self) -> float:
        """Budget left (never negative)."""
        return max(0.0, self.mock.budget_s - self.spent_s)

    @property
    def last_saved_at(self) -> datetime:
        """When its last answer was saved (estimated from the time spent for old rows)."""
        saved = [row.saved_at for row in self.answers if row.saved_at is not None]
        if saved:
            return max(saved)
        spent = min(self.spent_s, self.mock.budget_s)
        return self.mock.started_at + timedelta(seconds=spent)

    @property
    def resumable(self) -> bool:
        """Whether it can go on: every question still known, time left, something open."""
        return not self.missing and self.left_s >= RESUME_MIN_S and self.answered < self.total

    def offer(self, now: datetime, tz: tzinfo | None = None) -> str:
        """``Resume the interview you started today at 09:05 (2 of 5 answered, 3:20 left)``."""
        return (
            f"Resume the interview you started {started_phrase(self.mock.started_at, now, tz)} "
            f"({self.answered} of {self.total} answered, {_clock_text(self.left_s)} left)"
        )


def _stand_in(row: MockAnswerRow) -> Question:
    return Question(
        id=row.question_id,
        bank=row.bank,
        prompt=GONE_PROMPT,
        answer="",
        difficulty=row.difficulty,
    )


def unfinished_mocks(
    store: Store, catalog: Catalog, graders: Mapping[str, Grader]
) -> list[UnfinishedMock]:
    """Interviews still marked running that no live quizapp has open, oldest first.

    Each one returned is now held by this process (:meth:`Store.claim_mock
    <quizapp.store.Store.claim_mock>`): one being answered in another quizapp
    right now is left alone.
    """
    found = []
    for mock in store.running_mocks():
        if not store.claim_mock(mock.id):
            continue
        answers = tuple(store.mock_answers(mock.id))
        questions: list[Question] = []
        missing: set[str] = set()
        for row in answers:
            question = catalog.get(row.question_id)
            if question is None or question.kind not in graders:
                missing.add(row.question_id)
                question = _stand_in(row)
            questions.append(question)
        found.append(UnfinishedMock(mock, answers, tuple(questions), frozenset(missing)))
    return found


@dataclass(frozen=True, slots=True)
class Settled:
    """What :func:`settle_unfinished` found: one interview to offer, the ones it closed."""

    offer: UnfinishedMock | None
    closed: tuple[MockReport, ...] = ()


def settle_unfinished(
    store: Store,
    catalog: Catalog,
    *,
    clock: Clock | None = None,
    scheduler: Scheduler | None = None,
    graders: Mapping[str, Grader] | None = None,
) -> Settled:
    """Before a new interview: close what cannot be resumed, offer what can.

    The newest resumable interview is the offer; every other one left running
    is closed with :meth:`MockSession.close` (graded on its saved answers and
    flagged ``interrupted``) and its report returned in ``closed``. The caller
    either resumes the offer (``MockSession(..., resume=offer)``) or calls
    :func:`abandon`.
    """
    clock = clock or SystemClock()
    graders = dict(graders) if graders is not None else default_graders(catalog)
    pending = unfinished_mocks(store, catalog, graders)
    offer = next((item for item in reversed(pending) if item.resumable), None)
    closed = []
    for item in pending:
        if item is not offer:
            session = MockSession(
                store, catalog, clock=clock, scheduler=scheduler, graders=graders, resume=item
            )
            report = session.close(item.last_saved_at)
            if report is not None:
                closed.append(report)
            store.release_mock(item.mock_id)
    return Settled(offer, tuple(closed))


def abandon(store: Store, unfinished: UnfinishedMock, clock: Clock | None = None) -> None:
    """The learner starts a new interview instead: the old one becomes ``abandoned``.

    Its saved answers stay in the store, ungraded; it is not in the mock history.
    """
    store.abandon_mock(unfinished.mock_id, (clock or SystemClock()).now())
    store.release_mock(unfinished.mock_id)


@dataclass
class _Slot:
    question: Question
    answer: str | None = None
    skipped: bool = False
    seconds: float = 0.0
    missing: bool = False
    draft: str | None = None


class MockSession:
    """A mock interview in progress.

    ``current``/``index`` is the question on screen; ``answer(text)`` and
    ``skip()`` store it and move to the next open question; ``back()`` and
    ``go(i)`` revisit one (its answer can be replaced). ``time_left()`` is the
    budget remaining; call ``tick(draft)`` on a timer: once time is up it
    saves the draft and finishes. ``finish()`` grades everything and returns
    the :class:`~quizapp.core.report.MockReport`, also saved in the store.

    With ``resume`` (from :func:`settle_unfinished`) it continues a stored
    interview instead of drawing a new one: same questions and order, its
    saved answers, and the budget its recorded times left; ``config`` is then
    ignored.
    """

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        config: MockConfig | None = None,
        *,
        clock: Clock | None = None,
        scheduler: Scheduler | None = None,
        graders: Mapping[str, Grader] | None = None,
        resume: UnfinishedMock | None = None,
    ) -> None:
        self.store = store
        self.clock = clock or SystemClock()
        if scheduler is None:
            from quizapp.core.study_plan import store_scheduler

            scheduler = store_scheduler(store, self.clock.now())
        self.scheduler = scheduler
        self.graders = dict(graders) if graders is not None else default_graders(catalog)
        self.catalog = catalog
        self.report: MockReport | None = None
        self.resumed = resume is not None
        if resume is not None:
            self._take_over(resume)
            return
        self.config = config or MockConfig()
        self.started_at = self.clock.now()
        self.seed = (
            self.config.seed if self.config.seed is not None else int(self.started_at.timestamp())
        )
        pool = study_questions(catalog.questions, self.config.filters, self.graders)
        topics = sorted({q.bank for q in pool})
        weights = topic_weights(store.recent_reviews_by_bank(self.started_at), topics)
        questions = pick_questions(pool, self.config.questions, weights, random.Random(self.seed))
        if not questions:
            raise SessionError("no questions match this mock interview's filters")
        self.soft_limit_s = self.config.soft_limit_s or self.config.budget_s / len(questions)
        self.mock_id = store.create_mock(
            self.started_at,
            self.seed,
            self.config.budget_s,
            self.soft_limit_s,
            [(q.id, q.bank, q.difficulty) for q in questions],
        )
        store.claim_mock(self.mock_id)
        self._slots = [_Slot(q) for q in questions]
        self._index = 0
        self._entered_at = self.started_at

    def _take_over(self, unfinished: UnfinishedMock) -> None:
        mock = unfinished.mock
        if not self.store.claim_mock(mock.id):
            raise SessionError(f"mock interview {mock.id} is open in another quizapp")
        self.mock_id = mock.id
        self.started_at = mock.started_at
        self.seed = mock.seed
        self.soft_limit_s = mock.soft_limit_s
        self.config = MockConfig(
            questions=unfinished.total, minutes=mock.budget_s / 60.0, seed=mock.seed
        )
        self._slots = [
            _Slot(
                question,
                answer=row.answer,
                skipped=row.skipped,
                seconds=row.time_s,
                missing=question.id in unfinished.missing,
                draft=row.draft,
            )
            for question, row in zip(unfinished.questions, unfinished.answers, strict=True)
        ]
        open_ones = [i for i in range(len(self._slots)) if self.is_open(i)]
        self._index = (open_ones or self.unanswered or [0])[0]
        self._entered_at = self.clock.now()

    # --- where we are -------------------------------------------------------

    @property
    def questions(self) -> tuple[Question, ...]:
        """The interview's questions, in order."""
        return tuple(slot.question for slot in self._slots)

    @property
    def index(self) -> int:
        """Position of the current question."""
        return self._index

    @property
    def current(self) -> Question:
        """The question on screen."""
        return self._slots[self._index].question

    @property
    def finished(self) -> bool:
        """True once graded."""
        return self.report is not None

    def answer_of(self, index: int) -> str | None:
        """The stored answer to question ``index`` (None: none yet)."""
        return self._slots[index].answer

    def draft_of(self, index: int) -> str | None:
        """What to show in question ``index``'s answer box: its kept draft, else its answer."""
        slot = self._slots[index]
        return slot.draft if slot.draft is not None else slot.answer

    def keep_draft(self, text: str) -> None:
        """Keep what is typed (not submitted) for the current question, in the store too.

        Kept across skip, back, quitting and a crash; when the interview is
        graded a non-empty draft counts as the question's answer (what was
        typed last), like the draft on screen when time runs out.
        """
        if self.finished:
            return
        slot = self._slots[self._index]
        draft = text if text.strip() and text != slot.answer else None
        if draft == slot.draft:
            return
        slot.draft = draft
        self.store.save_mock_draft(self.mock_id, self._index, draft, self.question_seconds())

    def is_open(self, index: int) -> bool:
        """Whether question ``index`` has been neither answered nor skipped."""
        slot = self._slots[index]
        return slot.answer is None and not slot.skipped

    @property
    def unanswered(self) -> list[int]:
        """Positions without an answer (skipped ones included)."""
        return [i for i, slot in enumerate(self._slots) if not slot.answer]

    # --- time ---------------------------------------------------------------

    def elapsed(self) -> timedelta:
        """Budget used: the time spent on each question (since the start, for a fresh one)."""
        spent = sum(slot.seconds for slot in self._slots)
        if not self.finished:
            spent += max(0.0, (self.clock.now() - self._entered_at).total_seconds())
        return timedelta(seconds=spent)

    def time_left(self) -> timedelta:
        """What remains of the total budget (never negative)."""
        left = timedelta(seconds=self.config.budget_s) - self.elapsed()
        return max(left, timedelta(0))

    @property
    def expired(self) -> bool:
        """Whether the budget is used up."""
        return self.time_left() <= timedelta(0)

    def question_seconds(self, index: int | None = None) -> float:
        """Seconds spent on a question so far (the current one by default), visits summed."""
        position = self._index if index is None else index
        spent = self._slots[position].seconds
        if position == self._index and not self.finished:
            spent += (self.clock.now() - self._entered_at).total_seconds()
        return spent

    def question_time_left(self) -> float:
        """Seconds left of the current question's soft limit (negative once over)."""
        return self.soft_limit_s - self.question_seconds()

    # --- moving around ------------------------------------------------------

    def _require_running(self) -> None:
        if self.finished:
            raise SessionError("the mock interview is finished")

    def _leave_current(self) -> _Slot:
        now = self.clock.now()
        slot = self._slots[self._index]
        slot.seconds += max(0.0, (now - self._entered_at).total_seconds())
        self._entered_at = now
        return slot

    def go(self, index: int) -> Question:
        """Show question ``index`` (0-based)."""
        self._require_running()
        if not 0 <= index < len(self._slots):
            raise SessionError(f"no question {index}")
        self._leave_current()
        self._index = index
        return self.current

    def back(self) -> Question:
        """Show the previous question (stays on the first)."""
        return self.go(max(0, self._index - 1))

    def _advance(self) -> None:
        """Go to the next question neither answered nor skipped, else the next unanswered one."""
        count = len(self._slots)
        order = [(self._index + step) % count for step in range(1, count + 1)]
        for wanted in (self.is_open, lambda i: not self._slots[i].answer):
            for candidate in order:
                if wanted(candidate):
                    self._index = candidate
                    return

    def answer(self, text: str) -> None:
        """Store the answer to the current question as given, then move on.

        Accepted after the budget ran out too (what was typed when time ran out
        counts); refused once the interview is finished.
        """
        self._require_running()
        text = cap_answer(text)  # never a megabyte graded or stored
        slot = self._leave_current()
        slot.answer = text
        slot.skipped = False
        slot.draft = None
        self.store.save_mock_answer(
            self.mock_id, self._index, text, slot.seconds, False, self._entered_at
        )
        self._advance()

    def skip(self) -> None:
        """Leave the current question for now (it scores 0 unless answered later)."""
        self._require_running()
        slot = self._leave_current()
        if slot.answer is None:
            slot.skipped = True
            self.store.save_mock_answer(
                self.mock_id, self._index, None, slot.seconds, True, self._entered_at
            )
        self._advance()

    def tick(self, draft: str = "") -> MockReport | None:
        """Call on a timer: when time is up, keep ``draft`` as the current answer and finish."""
        if self.finished or not self.expired:
            return None
        if draft.strip():
            self.answer(draft)
        return self.finish(timed_out=True)

    # --- the end ------------------------------------------------------------

    def finish(self, *, timed_out: bool | None = None) -> MockReport:
        """Grade every answer, save the interview and its report, and return the report."""
        if self.report is not None:
            return self.report
        self._leave_current()
        over = max(0.0, self.elapsed().total_seconds() - self.config.budget_s)
        ended = self.clock.now() - timedelta(seconds=over)
        report = self._grade(ended, self.expired if timed_out is None else timed_out)
        assert report is not None  # only an interrupted close can find it closed already
        return report

    def close(self, at: datetime) -> MockReport | None:
        """Close an interview whose process ended early, as of ``at`` (its last saved answer).

        Graded on the saved answers like a time-out (the rest count as not
        answered), saved as finished and flagged interrupted. None when another
        quizapp closed it first.
        """
        if self.report is not None:
            return self.report
        spent = sum(slot.seconds for slot in self._slots)
        return self._grade(at, spent >= self.config.budget_s, interrupted=True)

    def _grade(
        self, ended: datetime, timed_out: bool, *, interrupted: bool = False
    ) -> MockReport | None:
        items: list[MockItem] = []
        graded: list[tuple[int, float, str]] = []
        reviews: list[tuple[ReviewRecord, Card, Card | None]] = []
        for position, slot in enumerate(self._slots):
            question = slot.question
            if slot.draft and slot.draft.strip():  # typed last: it counts, as on a time-out
                slot.answer, slot.draft = slot.draft, None
            answered = bool(slot.answer and slot.answer.strip())
            if slot.missing:
                grade = Grade(question.id, 0.0, "incorrect", reason="no longer in the banks")
            elif answered:
                grade = self.graders[question.kind](question, slot.answer or "")
            else:
                grade = Grade(question.id, 0.0, "incorrect", reason="not answered")
            graded.append((position, grade.score, grade.verdict))
            items.append(
                MockItem(
                    position=position,
                    question_id=question.id,
                    bank=question.bank,
                    difficulty=question.difficulty,
                    prompt=question.prompt,
                    model_answer=question.answer,
                    answer=slot.answer if answered else None,
                    skipped=not answered,
                    verdict=grade.verdict,
                    score=grade.score,
                    seconds=slot.seconds,
                    soft_limit_s=self.soft_limit_s,
                    matched=tuple(grade.matched),
                    missed=(
                        tuple(grade.missed)
                        if answered
                        else tuple(point.text for point in question.key_points)
                    ),
                    misconceptions=tuple(
                        (m.misconception.text, m.misconception.correction)
                        for m in grade.misconceptions
                    ),
                    kind=question.kind,
                    reason=(grade.reason or "")
                    if answered and question.kind in DRILL_KINDS
                    else "",
                    result=_drill_result(grade) if answered else "",
                )
            )
            if answered and not slot.missing:
                reviews.append(self._review(question, grade, slot, ended))
        score = sum(item.score for item in items) / len(items)
        spent = sum(slot.seconds for slot in self._slots)
        from quizapp.core.study_plan import readiness_after

        ready = readiness_after(
            self.store, self.catalog, ended, {r.question_id: card for r, card, _ in reviews}
        )
        report = MockReport(
            mock_id=self.mock_id,
            started_at=self.started_at,
            finished_at=ended,
            budget_s=self.config.budget_s,
            soft_limit_s=self.soft_limit_s,
            score=score,
            timed_out=timed_out,
            items=tuple(items),
            interrupted=interrupted,
            active_s=min(spent, self.config.budget_s),
            interview=ready[0].isoformat() if ready else None,
            readiness=ready[1] if ready else None,
        )
        saved = self.store.finish_mock(
            self.mock_id,
            ended,
            score,
            report.to_json(),
            graded,
            reviews,
            interrupted=interrupted,
        )
        self.store.release_mock(self.mock_id)
        if not saved:
            return None
        self.report = report
        return report

    def _review(
        self, question: Question, grade: Grade, slot: _Slot, at: datetime
    ) -> tuple[ReviewRecord, Card, Card | None]:
        rating = rating_for_grade(grade, slot.seconds)
        before = self.store.card(question.id)
        if before is not None and before.last_review is not None:
            at = max(at, before.last_review)  # never before the card's latest review
        card = review(self.scheduler, before or new_card(question.id, at), rating, at)
        record = ReviewRecord(
            question_id=question.id,
            bank=question.bank,
            mode="mock",
            reviewed_at=at,
            rating=rating,
            correct=grade.verdict == "correct",
            answer=slot.answer,
            score=grade.score,
            verdict=grade.verdict,
            duration_s=slot.seconds,
        )
        return record, card, before


def _drill_result(grade: Grade) -> str:
    """A drill's results as the report prints them (nothing for prose answers)."""
    if not grade.details:
        return ""
    from quizapp.drills.render import details_text

    return details_text(grade.details)
