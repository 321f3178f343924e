"""A whole flashcard session through the real app, checked in the database afterwards."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Markdown, Static

from quizapp.core.scheduling import Rating, format_interval, make_scheduler, preview
from quizapp.store import open_store
from quizapp.tui.screens.flashcards import FlashcardScreen
from quizapp.tui.screens.home import HomeScreen
from tests.tui.conftest import START, AppFactory, plain, settle

# Easy ones first, the two banks taking turns: the order a newcomer meets them in.
FIXTURE_IDS = ["fx-dag", "fx-ok", "fx-retries", "fx-xcom"]


async def test_a_whole_flashcard_session_with_undo(make_app: AppFactory, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FlashcardScreen)
        assert "4 left" in plain(screen.query_one("#flash-status", Static))
        seen: list[str] = []
        while screen.session.current is not None:
            shown = screen.session.current.question
            seen.append(shown.id)
            assert screen.query_one("#prompt", Markdown).source == shown.prompt
            assert not screen.query_one("#answer-box").display
            await pilot.press("3")  # rating before the reveal does nothing
            assert screen.session.current.question.id == shown.id
            await pilot.press("space")
            assert screen.query_one("#answer-box").display
            assert screen.query_one("#answer", Markdown).source == shown.answer
            note = screen.query_one("#note", Static)
            assert note.display == bool(shown.note)
            if shown.note:
                assert shown.note in plain(note)
            expected = preview(make_scheduler(), screen.session.current.card, START)
            assert str(screen.query_one("#rate-4", Button).label) == (
                f"4 Easy · {format_interval(expected[Rating.Easy])}"
            )
            await pilot.press("4")
            if len(seen) == 2:  # take the second rating back, then give it again
                await pilot.press("u")
                assert screen.session.current.question.id == shown.id
                assert not screen.session.revealed
                await pilot.press("space", "4")
        assert seen == FIXTURE_IDS
        assert screen.has_class("finished")
        done = plain(screen.query_one("#flash-done", Static))
        assert "4 cards rated (Easy 4)" in done
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with open_store(db_path) as store:
        rows = store.query("SELECT question_id, mode, rating FROM reviews ORDER BY id")
        assert [(r["question_id"], r["mode"], r["rating"]) for r in rows] == [
            ("fx-dag", "flash", 4),
            ("fx-ok", "flash", 4),
            ("fx-retries", "flash", 4),
            ("fx-xcom", "flash", 4),
        ]
        assert set(store.cards()) == set(FIXTURE_IDS)


async def test_nothing_to_review_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.selection = app.selection.__class__(banks=frozenset({"no-such-bank"}))
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FlashcardScreen)
        assert "Nothing to review right now" in plain(screen.query_one("#flash-done", Static))


async def test_a_rating_that_cannot_be_saved_is_reported_not_raised(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f", "space")
        screen = app.screen
        assert isinstance(screen, FlashcardScreen)
        assert app.store is not None
        app.store.close()  # the database goes away under the session
        await pilot.press("3")
        assert screen.session.reviewed == 0 and screen.session.revealed
        assert any("could not be saved" in str(n.message) for n in app._notifications)


async def test_a_long_answer_scrolls_with_the_keyboard_at_80x24(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:  # a short terminal: the answer overflows
        await settle(pilot)
        await pilot.press("f", "space")
        box = app.screen.query_one("#answer-box")
        await pilot.pause()
        assert box.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
        await pilot.press("3")  # rating keys still work with the answer focused
        await pilot.pause()
        assert app.screen.session.reviewed == 1  # type: ignore[attr-defined]
