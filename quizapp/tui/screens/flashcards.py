"""Flashcards: prompt, reveal (space), rate 1-4 with each rating's next interval, undo.

A thin shell over :class:`quizapp.core.sessions.FlashSession`: the session
picks the cards, schedules them and commits each rating before it returns.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Markdown, Static

from quizapp.core.scheduling import Rating, format_interval
from quizapp.core.sessions import FlashSession
from quizapp.tui.context import Selection, StudyContext
from quizapp.tui.errors import database_errors
from quizapp.tui.screen_state import BindingsOnChange
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.markdown_parser import shared_parser
from quizapp.tui.widgets.note import note_content
from quizapp.tui.widgets.rating_bar import RATING_NAMES, RatingBar


class FlashcardScreen(BindingsOnChange, Screen[None]):
    """One card at a time until none is left."""

    HELP_TITLE = "Flashcards"
    HELP_NOTES = (
        "Recall the answer before you reveal it, then rate how well you knew it. "
        "Each button shows when the card would come back. Again brings it back in this "
        "session; every rating is saved as soon as you give it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "reveal", "Show answer"),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("u", "undo", "Undo rating"),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self, context: StudyContext, *, cram: bool = False, **_arguments: Any) -> None:
        super().__init__()
        self.context = context
        self.session = FlashSession(
            context.store,
            context.catalog,
            clock=context.clock,
            filters=context.selection.filters(),
            cram=cram,
        )
        self.given: list[int] = []
        """Ratings given in this session, in order (undo removes the last)."""

    def compose(self) -> ComposeResult:
        yield StableHeader()
        yield Static(id="flash-status")
        with Vertical(id="flash-body"):
            with Vertical(id="flash-card"):
                with VerticalScroll(id="prompt-box"):
                    yield Markdown(id="prompt", parser_factory=shared_parser)
                yield Static("Recall your answer, then press space to see it.", id="reveal-hint")
                with VerticalScroll(id="answer-box"):
                    yield Markdown(id="answer", parser_factory=shared_parser)
                    yield Static(id="note")
                yield RatingBar(id="ratings")
            yield Static(id="flash-done")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one("#answer-box").border_title = "Answer"
        self._show_card()

    # -- drawing ----------------------------------------------------------------

    def _show_card(self) -> None:
        shown = self.session.current
        # Both classes, then one restyle (each class change restyles the whole screen).
        wanted = {"finished": shown is None, "revealed": self.session.revealed}
        if any(self.has_class(name) != on for name, on in wanted.items()):
            for name, on in wanted.items():
                self.set_class(on, name, update=False)
            self.update_node_styles()
        if shown is None:
            self._show_finished()
        else:
            question = shown.question
            self.query_one("#prompt", Markdown).update(question.prompt)
            self.query_one("#prompt-box").border_title = "New card" if shown.is_new else "Review"
            self.query_one(
                "#prompt-box"
            ).border_subtitle = f"{question.bank} · {question.difficulty}"
            self.query_one("#answer", Markdown).update(question.answer)
            note = self.query_one("#note", Static)
            note.update(note_content(question.note or ""))
            note.display = bool(question.note)
            if self.session.revealed:
                # A cram schedules nothing: no "next review in" to promise on the buttons.
                intervals = {} if self.session.cram else self.session.intervals()
                self.query_one(RatingBar).show_intervals(
                    {int(r): format_interval(d) for r, d in intervals.items()}
                )
                answer_box = self.query_one("#answer-box")
                answer_box.scroll_home(animate=False)
                answer_box.focus()  # arrows and page keys scroll a long answer at 80x24
            else:
                self.query_one("#prompt-box").focus()
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        session = self.session
        parts: list[str | tuple[str, str]] = [
            ("Cram: nothing is scheduled or saved" if session.cram else "Flashcards", "bold"),
            f"  ·  {session.remaining} left",
            f"  ·  {session.reviewed} rated",
        ]
        if self.context.selection != Selection():
            parts.append(("  ·  " + self.context.selection.describe(), "dim"))
        self.query_one("#flash-status", Static).update(Content.assemble(*parts))

    def _show_finished(self) -> None:
        done = self.query_one("#flash-done", Static)
        if not self.session.reviewed:
            done.update(
                "Nothing to review right now: no card is due and no new card is left for "
                "today in this selection.\n\nCome back later, or choose other topics on the "
                "home screen (c).  Press escape to go back."
            )
            return
        tally = ", ".join(
            f"{name} {self.given.count(number)}"
            for number, name in enumerate(RATING_NAMES, start=1)
            if number in self.given
        )
        done.update(
            Content.assemble(
                ("Session complete. ", "bold"),
                f"{self.session.reviewed} cards rated ({tally}); all of it is saved.\n\n",
                "Press u to take back the last rating, or escape to go home.",
            )
        )

    # -- actions -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "reveal":
            return session.current is not None and not session.revealed
        if action == "rate":
            return session.current is not None and session.revealed
        if action == "undo":
            return session.can_undo
        return True

    def action_reveal(self) -> None:
        """Show the answer and the rating buttons."""
        if self.session.current is None or self.session.revealed:
            return
        self.session.reveal()
        self._show_card()

    def action_rate(self, number: int) -> None:
        """Rate the revealed card 1 (Again) to 4 (Easy)."""
        if self.session.current is None or not self.session.revealed:
            return
        try:
            self.session.rate(Rating(number))
        except database_errors() as error:
            self.notify(f"That rating could not be saved: {error}", severity="error", timeout=10)
            return
        self.given.append(number)
        self._show_card()

    @on(RatingBar.Rated)
    def _rated(self, message: RatingBar.Rated) -> None:
        self.action_rate(message.rating)

    def action_undo(self) -> None:
        """Take back the last rating and show that card again."""
        if not self.session.can_undo:
            return
        try:
            shown = self.session.undo()
        except database_errors() as error:
            self.notify(f"The rating could not be taken back: {error}", severity="error")
            return
        self.given.pop()
        self.notify(f"Rating taken back: {shown.question.prompt[:60]}", title="Undone")
        self._show_card()

    def action_leave(self) -> None:
        """Back to the home screen (every rating given is already saved)."""
        self.dismiss()
