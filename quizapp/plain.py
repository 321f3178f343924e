"""Plain text mode: the study sessions line by line on stdin/stdout.

For screen readers, scripts and any terminal. The same sessions, the same
database and the same scheduling as the TUI; no colour when ``NO_COLOR`` is set
or stdout is not a terminal.

Input rules:

- a free-text answer is one or more lines ended by an empty line; blank lines
  before an answer are ignored;
- a flashcard is revealed with Enter and rated with ``1``-``4``
  (Again, Hard, Good, Easy); ``u`` undoes the last rating, ``q`` quits;
- commands on a line of their own, at the start of an answer: ``/skip``,
  ``/quit``; in a quiz ``/override`` (the previous answer was right after
  all); in a mock interview ``/back`` and ``/finish`` (``/quit`` finishes too);
- end of input ends the session cleanly: whatever was answered is saved (an
  answer cut short by the end of input is submitted), and a mock interview
  is finished and its report printed;
- a mock interview left unfinished by a process that ended early is offered
  first: ``r`` (or Enter) resumes it, ``n`` starts a new one and abandons it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from quizapp.core.answers import MAX_ANSWER_CHARS, cap_answer, cap_message
from quizapp.core.clock import Clock, SystemClock
from quizapp.core.markdown_text import markdown_to_text, wrap_line
from quizapp.core.mock import (
    MockConfig,
    MockSession,
    UnfinishedMock,
    abandon,
    settle_unfinished,
    unfinished_mocks,
)
from quizapp.core.models import DRILL_KINDS, Catalog, Grade, Question
from quizapp.core.report import MockReport, report_markdown
from quizapp.core.scheduling import RATINGS, Rating, format_interval
from quizapp.core.sessions import FlashSession, Grader, QuizSession
from quizapp.store.progress import ProgressReview

if TYPE_CHECKING:
    from quizapp.store import Store

VERDICT_COLOURS = {"correct": "green", "partial": "yellow", "incorrect": "red"}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` first; 80 when there is no terminal)."""
    return shutil.get_terminal_size((80, 24)).columns


@dataclass
class Console:
    """Line-based input and output, wrapped at the terminal's width between words."""

    inp: TextIO
    out: TextIO
    colour: bool = False
    width: int = field(default_factory=terminal_width)

    def __post_init__(self) -> None:
        # Bytes that are not UTF-8 (a terminal in Latin-1, a pasted binary) become U+FFFD
        # instead of ending the session with a UnicodeDecodeError.
        for stream in (self.inp, self.out):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                with contextlib.suppress(ValueError, OSError):  # a stream that cannot change
                    reconfigure(errors="replace")

    def say(self, text: str = "", *, wrap: bool = True, **style: object) -> None:
        """Print text (styled only when colour is on); ``wrap=False`` keeps lines whole."""
        if wrap:
            text = "\n".join(
                part for line in text.split("\n") for part in wrap_line(line, self.width)
            )
        if self.colour and style:
            text = click.style(text, **style)  # type: ignore[arg-type]
        self.out.write(text + "\n")
        self.out.flush()

    def markdown(self, text: str, indent: str = "") -> None:
        """Markdown as plain text: no marks, lists and code blocks laid out, wrapped."""
        rendered = markdown_to_text(text, self.width - len(indent))
        self.say("\n".join(indent + line if line else "" for line in rendered.split("\n")),
                 wrap=False)  # fmt: skip

    @property
    def interactive(self) -> bool:
        """Whether a person types the input (prompts are left out for piped input)."""
        isatty = getattr(self.inp, "isatty", None)
        return bool(isatty and isatty())

    def prompt(self, text: str = "> ") -> None:
        """Show a prompt without a newline (only to a person typing)."""
        if self.interactive:
            self.out.write(text)
            self.out.flush()

    def line(self) -> str | None:
        """One line without its newline, or None at end of input."""
        raw = self.inp.readline()
        return None if raw == "" else raw.rstrip("\r\n")

    def answer(self, commands: frozenset[str], code: bool = False) -> tuple[str, str] | None:
        """``("command", name)``, ``("answer", text)``, or None at end of input.

        ``code`` answers (a query, a DAG file) keep their blank lines and end with a
        line holding a single ``.``; ``/file PATH`` as the first line reads the answer
        from a file instead.
        """
        lines: list[str] = []
        size = 0
        while True:
            if not lines:
                self.prompt("> ")
            line = self.line()
            if line is None:
                text = self._kept(lines, size).rstrip("\n")  # code keeps blank lines, not trailing
                return ("answer", text) if text else None
            if not lines and line.strip().lower() in commands:
                return ("command", line.strip().lower())
            if code and not lines and line.strip().startswith("/file "):
                read = _read_answer_file(self, line.strip()[6:].strip())
                if read is not None:
                    return ("answer", self._kept([read], len(read) + 1))
                continue  # a typo in the path: ask again, grade and record nothing
            if code and line.strip() == ".":
                return ("answer", self._kept(lines, size).rstrip("\n"))
            if not code and not line.strip():
                if lines:
                    return ("answer", self._kept(lines, size))
                continue
            size += len(line) + 1
            if size - len(line) <= MAX_ANSWER_CHARS:  # what is past the cap is not kept
                lines.append(line[: MAX_ANSWER_CHARS + 1])

    def _kept(self, lines: list[str], size: int) -> str:
        """The answer as sessions get it; a cut one is said so."""
        text = "\n".join(lines)
        if size - 1 > MAX_ANSWER_CHARS:
            self.say(cap_message(size - 1))
        return cap_answer(text)


def _read_answer_file(console: Console, name: str) -> str | None:
    try:
        return Path(name).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        console.say(f"Cannot read {name}: {exc}. Give another path, or type the answer.")
        return None


def _heading(question: Question, position: str, extra: str = "") -> str:
    return f"[{position}] {question.bank} · {question.difficulty}{extra}"


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.strip().splitlines())


def _ask(console: Console, question: Question) -> bool:
    """The prompt; for a predict-the-run question also its DAG and the tasks to predict.

    False when the question cannot be asked (its DAG may not or cannot run).
    """
    if question.kind in DRILL_KINDS:
        from quizapp.drills.render import drill_prompt, starter_text

        console.say(drill_prompt(question, markdown=False).strip(), wrap=False)  # tables, code
        if question.kind == "debug":
            console.say("The DAG file:")
            console.say(_indent(starter_text(question)), wrap=False)
            console.say("Type or paste the fixed file, or '/file PATH'; a line with '.' ends it.")
        else:
            console.say("Type the query (or '/file PATH'); a line holding only '.' ends it.")
        return True
    console.markdown(question.prompt.strip())
    if question.kind == "predict" and question.dag:
        from quizapp.core.predict import PredictError, predict_tasks, valid_values_text

        console.say(_indent(question.dag), wrap=False)  # code is kept whole
        what = "try number" if question.ask == "try_number" else "final state"
        try:
            tasks = ", ".join(predict_tasks(question))
        except PredictError as error:
            console.say(f"Cannot ask this question: {error}")
            return False
        console.say(f"Answer with one 'task: {what}' per line for: {tasks}")
        label = "Valid states" if question.ask == "state" else "Each value is"
        console.say(f"{label}: {valid_values_text(question.ask)}.")
    return True


def _read_answer(
    console: Console, question: Question, commands: frozenset[str]
) -> tuple[str, str] | None:
    """Like :meth:`Console.answer`; a prediction is checked line by line before it counts.

    A line that is not ``task: value`` (or names no task, or no valid value) is
    warned about and asked again, with the tasks still missing, rather than
    graded wrong. A line with only a dot (or end of input) submits everything
    typed, as typed.
    """
    read = console.answer(commands, code=question.kind in DRILL_KINDS)
    if question.kind != "predict" or read is None or read[0] != "answer":
        return read
    from quizapp.core.predict import format_prediction, predict_tasks, read_prediction

    tasks = predict_tasks(question)
    typed = [read[1]]
    pairs, problems = read_prediction(question, read[1], tasks)
    while problems:
        for problem in problems:
            console.say(f"Warning: {problem}; not counted.", fg="yellow")
        missing = [task for task in tasks if task not in pairs]
        if not missing:
            break
        console.say(
            f"Still to predict: {', '.join(missing)}. Type those lines (an empty line ends); "
            "a line with only a dot submits what you have."
        )
        more = console.answer(commands | {"."})
        if more is None or more == ("command", "."):
            return ("answer", "\n".join(typed))  # as typed: nothing is thrown away
        if more[0] == "command":
            return more
        typed.append(more[1])
        extra, problems = read_prediction(question, more[1], tasks)
        pairs.update(extra)
    if len(typed) == 1 and not problems:
        return read  # right the first time: stored as typed
    return ("answer", format_prediction({task: pairs[task] for task in tasks if task in pairs}))


# --- flashcards ------------------------------------------------------------------


def run_flash(session: FlashSession, console: Console) -> None:
    """Flashcards until none is left, ``q``, or end of input."""
    head = (
        f"Cram: {session.remaining} questions, weakest first; nothing is saved or rescheduled."
        if session.cram
        else f"Flashcards: {session.due_count} due, {session.new_count} new."
    )
    console.say(
        f"{head} Enter reveals the answer; rate 1 Again, 2 Hard, 3 Good, 4 Easy; "
        "u undoes the last rating; q quits.",
        bold=True,
    )
    while not session.done:
        shown = session.current
        assert shown is not None
        total = session.reviewed + session.remaining
        label = " · new" if shown.is_new else ""
        console.say()
        console.say(_heading(shown.question, f"{session.reviewed + 1}/{total}", label), bold=True)
        console.markdown(shown.question.prompt.strip())
        console.prompt("(Enter to reveal) ")
        command = console.line()
        if command is None or command.strip().lower() == "q":
            break
        if command.strip().lower() == "u":
            _undo(session, console)
            continue
        session.reveal()
        console.say("Answer:", bold=True)
        console.markdown(shown.question.answer, indent="  ")
        if session.cram:  # a cram schedules nothing: no interval to promise
            console.say("  ".join(f"{int(r)} {r.name}" for r in RATINGS))
        else:
            intervals = session.intervals()
            console.say(
                "  ".join(f"{int(r)} {r.name} ({format_interval(intervals[r])})" for r in RATINGS)
            )
        if not _rate(session, console):
            break
    console.say()
    console.say(f"Done: {session.reviewed} rated, {session.remaining} left.")


def _undo(session: FlashSession, console: Console) -> None:
    if session.can_undo:
        back = session.undo()
        console.say(f"Undone: '{back.question.id}' is back.")
    else:
        console.say("Nothing to undo.")


def _rate(session: FlashSession, console: Console) -> bool:
    """Read a rating; False when the session should end."""
    while True:
        console.prompt("Rate 1-4: ")
        choice = console.line()
        if choice is None or choice.strip().lower() == "q":
            return False
        choice = choice.strip().lower()
        if choice == "u":
            _undo(session, console)
            return True
        if choice in {"1", "2", "3", "4"}:
            rated = session.rate(Rating(int(choice)))
            if session.cram:
                console.say(f"Rated {rated.rating.name} (cram: not saved).")
            else:
                console.say(
                    f"Saved: {rated.rating.name}, next review in {format_interval(rated.interval)}."
                )
            return True
        console.say("Type 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); u undoes; q quits.")


# --- quiz ------------------------------------------------------------------------

QUIZ_COMMANDS = frozenset({"/skip", "/override", "/quit"})


def show_grade(console: Console, grade: Grade) -> None:
    """The verdict with the points hit and missed."""
    console.say(
        f"Verdict: {grade.verdict} (score {round(grade.score * 100)}%)",
        fg=VERDICT_COLOURS.get(grade.verdict),
        bold=True,
    )
    for hit in grade.misconceptions:
        console.say(
            f"Wrong claim: {hit.misconception.text}. In fact: {hit.misconception.correction}",
            fg=VERDICT_COLOURS.get("incorrect"),
        )
    if grade.matched:
        console.say("Hit: " + "; ".join(grade.matched))
    if grade.missed:
        console.say("Missed: " + "; ".join(grade.missed))
    if grade.reason:
        console.say(f"Why: {grade.reason}")
    if grade.details:
        from quizapp.drills.render import details_text

        console.say(details_text(grade.details))


def run_quiz(session: QuizSession, console: Console, title: str = "Quiz") -> None:
    """A free-text quiz until its questions run out, ``/quit``, or end of input.

    ``title`` names the mode (``Predict the run`` for ``quizapp predict --plain``).
    """
    what = "DAG" if title != "Quiz" else "question"
    plural = "" if session.total == 1 else "s"
    console.say(
        f"{title}: {session.total} {what}{plural}. Type your answer; an empty line ends it. "
        "Commands: /skip, /override (your previous answer was right), /quit.",
        bold=True,
    )
    while not session.done:
        question = session.current
        assert question is not None
        console.say()
        console.say(_heading(question, f"{session.position + 1}/{session.total}"), bold=True)
        if not _ask(console, question):
            console.say("Skipped (nothing saved).")
            session.skip()
            continue
        read = _read_answer(console, question, QUIZ_COMMANDS)
        if read is None or read == ("command", "/quit"):
            break
        kind, text = read
        if kind == "command":
            if text == "/skip":
                session.skip()
            elif session.last is None:
                console.say("There is no answer to override yet.")
            elif (refusal := session.override_refused()) is not None:
                console.say(f"Cannot mark it right: {refusal}.")
            else:
                result = session.override()
                console.say(f"Overridden: '{result.question.id}' counts as right.")
            continue
        grade = session.submit(text)
        show_grade(console, grade)
        if question.kind == "predict":
            from quizapp.core.predict import retried_tries

            for task, tries in retried_tries(question).items():
                console.say(f"Tries of {task}: {tries}")
        last = session.last
        assert last is not None
        when = format_interval(last.card.due - last.reviewed_at)
        console.say(f"Saved: rated {last.rating.name}, next review in {when}.")
        console.say("Model answer:", bold=True)
        console.markdown(question.answer, indent="  ")
        session.next()
    results = session.results
    right = sum(1 for r in results if r.grade.verdict == "correct" or r.overridden)
    console.say()
    console.say(f"Done: {len(results)} answered, {right} right.")


# --- mock interview ----------------------------------------------------------------

MOCK_COMMANDS = frozenset({"/skip", "/back", "/finish", "/quit"})


def _clock(seconds: float) -> str:
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def offer_resume(
    unfinished: UnfinishedMock, console: Console, clock: Clock, store: Store
) -> bool | None:
    """Offer an unfinished interview: True resume, False start a new one, None end of input."""
    console.say(unfinished.offer(clock.now(), store.tz) + "?", bold=True)
    console.say("r (or Enter) resumes it; n starts a new one and abandons it.")
    while True:
        console.prompt("Resume? [r/n] ")
        line = console.line()
        if line is None:
            return None
        choice = line.strip().lower()
        if choice in {"", "r", "resume", "y", "yes"}:
            return True
        if choice in {"n", "new", "no"}:
            return False
        console.say("Type r to resume it or n to start a new one.")


def mock_session(
    store: Store,
    catalog: Catalog,
    config: MockConfig,
    graders: dict[str, Grader],
    console: Console,
    clock: Clock | None = None,
) -> MockSession | None:
    """The interview to run: a resumed unfinished one if the learner wants it, else a new one.

    Unfinished interviews that cannot be resumed are closed first. None when
    input ended at the offer (the unfinished interview stays as it was).
    Raises :class:`~quizapp.core.sessions.SessionError` when no question matches.
    """
    clock = clock or SystemClock()
    settled = settle_unfinished(store, catalog, clock=clock, graders=graders)
    for closed in settled.closed:
        console.say(
            f"Interview {closed.mock_id} was left unfinished and cannot be resumed: closed, "
            f"graded on what was answered ({round(closed.score * 100)}%); "
            f"`quizapp mock --report {closed.mock_id}` shows it."
        )
    offer = settled.offer
    choice = offer_resume(offer, console, clock, store) if offer is not None else False
    if choice is None:
        console.say("Nothing started; the unfinished interview is kept for next time.")
        return None
    if choice:
        assert offer is not None
        return MockSession(store, catalog, clock=clock, graders=graders, resume=offer)
    session = MockSession(store, catalog, config, clock=clock, graders=graders)
    if offer is not None:
        abandon(store, offer, clock)
        console.say(f"Interview {offer.mock_id} is marked abandoned.")
    return session


def mock_report_text(store: Store, mock_id: int, catalog: Callable[[], Catalog]) -> str:
    """A stored interview's report as Markdown; a running one that cannot resume is closed first.

    Raises :class:`LookupError` with a message for the learner when there is no
    report to print. ``catalog`` is called only for a running interview.
    """
    status = store.mock_status(mock_id)
    if status == "running":
        from quizapp.core.predict import session_graders

        bank = catalog()
        graders = session_graders(bank)
        pending = next(
            (m for m in unfinished_mocks(store, bank, graders) if m.mock_id == mock_id), None
        )
        if pending is not None and pending.resumable:
            raise LookupError(
                f"mock interview {mock_id} is unfinished ({pending.answered} of {pending.total} "
                f"answered, {_clock(pending.left_s)} left): `quizapp mock` offers to resume it"
            )
        if pending is not None:
            MockSession(store, bank, graders=graders, resume=pending).close(pending.last_saved_at)
    if status == "abandoned":
        raise LookupError(
            f"mock interview {mock_id} was abandoned (a new one was started instead); "
            "it was not graded"
        )
    data = store.mock_report(mock_id)
    if data is None:
        raise LookupError(
            f"no finished mock interview with id {mock_id} (see `quizapp stats --json`)"
        )
    return report_markdown(MockReport.from_json(data))


def run_mock(session: MockSession, console: Console) -> MockReport | None:
    """A mock interview; finished (and its report printed) on ``/finish``, time-out or EOF.

    An answer submitted after the time ran out is refused (not graded). When
    input ends before anything was answered (empty input), nothing is graded:
    the interview is marked abandoned, not recorded as a 0% one, and None is returned.
    """
    count = len(session.questions)
    left = count - sum(1 for i in range(count) if session.answer_of(i))
    console.say(
        (
            f"Resuming mock interview {session.mock_id}: {left} of {count} questions to go, "
            f"{_clock(session.time_left().total_seconds())} left"
            if session.resumed
            else f"Mock interview {session.mock_id}: {count} questions in "
            f"{_clock(session.config.budget_s)}"
        )
        + f", about {_clock(session.soft_limit_s)} each. "
        "No verdicts until the end. An empty line ends an answer. "
        "Commands: /skip, /back, /finish.",
        bold=True,
    )
    while not session.expired:
        question = session.current
        time_left = _clock(session.time_left().total_seconds())
        console.say()
        console.say(
            _heading(question, f"Q{session.index + 1}/{count}", f" · {time_left} left"), bold=True
        )
        _ask(console, question)
        read = _read_answer(console, question, MOCK_COMMANDS)
        if read is None and not session.expired and _nothing_answered(session):
            abandon_mock(session)
            console.say("Input ended before any answer: the interview is not graded or recorded.")
            return None
        if read is None or read in {("command", "/finish"), ("command", "/quit")}:
            break
        kind, text = read
        if kind == "answer" and session.expired:
            console.say(
                "Time ran out before this answer was submitted: it is not counted.", bold=True
            )
            break
        if kind == "answer":
            session.answer(text)
            console.say("Saved.")
            if not session.unanswered:
                break
        elif text == "/skip":
            session.skip()
        else:
            session.back()
    if session.expired:
        console.say("Time is up.", bold=True)
    report = session.finish()
    console.say()
    console.markdown(report_markdown(report))
    return report


def _nothing_answered(session: MockSession) -> bool:
    """Whether no question of the interview has an answer (or a draft) yet."""
    return all(not (session.draft_of(i) or "").strip() for i in range(len(session.questions)))


def abandon_mock(session: MockSession) -> None:
    """Close an interview nothing was answered in without grading it (not in the history)."""
    session.store.abandon_mock(session.mock_id, session.clock.now())
    session.store.release_mock(session.mock_id)


# --- progress review ---------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def stats_text(review: ProgressReview, catalog: Catalog) -> str:
    """The progress review as plain text."""
    streak = review.streak
    lines = [
        "Progress review",
        "",
        f"Reviews: {review.reviews}. Streak: {streak.current} day(s), longest {streak.longest}"
        + ("; reviewed today." if streak.reviewed_today else "; nothing reviewed today yet."),
        "",
        "Mastery: the share of a topic's questions you would recall today (FSRS; a",
        "question last missed, or never seen, counts as not known).",
        "",
        f"{'Topic':<28} {'mastery':>8} {'right 30d':>10} {'reviews 30d':>12} {'seen':>9}",
    ]
    for topic in review.topics:
        seen = f"{topic.cards}/{topic.questions}" if topic.questions else str(topic.cards)
        lines.append(
            f"{topic.topic:<28} {_pct(topic.mastery):>8} {_pct(topic.accuracy_30d):>10} "
            f"{topic.reviews_30d:>12} {seen:>9}"
        )
    recent = sum(d.reviews for d in review.days)
    right = sum(d.correct for d in review.days)
    lines += [
        "",
        f"Last {len(review.days)} days: {recent} review(s), "
        f"{_pct(right / recent if recent else None)} right.",
        "Due: " + ", ".join(f"{d.day} {d.count}" for d in review.due),
        "",
        "Weakest questions:" if review.weakest else "Weakest questions: none reviewed yet.",
    ]
    for weak in review.weakest:
        question = catalog.get(weak.question_id)
        prompt = f": {question.prompt.strip()}" if question else ""
        lines.append(
            f"  {weak.question_id} ({weak.bank}), {_pct(weak.recall_in_week)} recall in a week, "
            f"{weak.reviews} review(s), {_pct(weak.accuracy)} right{prompt}"
        )
    if review.plan is not None:
        lines += ["", *review.plan.summary().splitlines()]
        if review.plan.days_left >= 0:
            lines.append(f"Readiness on {review.plan.interview.isoformat()} (predicted recall):")
            lines += [
                f"  {topic:<28} {_pct(recall):>5}"
                for topic, recall in sorted(review.plan.readiness.items())
            ]
    lines += ["", "Mock interviews:" if review.mocks else "Mock interviews: none yet."]
    for past in review.mocks:
        lines.append(
            f"  #{past.id} {past.started_at:%Y-%m-%d %H:%M} UTC: {_pct(past.score)} "
            f"over {past.questions} question(s)"
            + (" (incomplete: quizapp ended before it did)" if past.interrupted else "")
            + f" (quizapp mock --report {past.id})"
        )
    return "\n".join(lines) + "\n"
