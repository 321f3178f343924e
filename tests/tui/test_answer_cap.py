"""A huge paste into the answer box is cut to the longest answer kept, with a message."""

from __future__ import annotations

from pathlib import Path

from textual import events

from quizapp.core.answers import MAX_ANSWER_CHARS
from quizapp.store import open_store
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.widgets.answer_area import AnswerArea
from tests.tui.conftest import AppFactory, settle


async def test_a_46mb_paste_is_cut_with_a_message_and_the_cut_answer_is_stored(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        box = screen.query_one("#answer-input", AnswerArea)
        box.focus()
        await pilot.press(*"start ")
        box.post_message(events.Paste("directed acyclic graph " * 2_000_000))  # 46 MB
        await pilot.pause()
        assert len(box.text) == MAX_ANSWER_CHARS and box.text.startswith("start directed")
        assert any("only the first 20,000 were kept" in str(n.message) for n in app._notifications)
        question = screen.session.current
        assert question is not None
        await pilot.press("ctrl+s")
        await settle(pilot)
    (stored,) = open_store(db_path).reviews_of(question.id)
    assert stored.answer is not None and len(stored.answer) == MAX_ANSWER_CHARS
