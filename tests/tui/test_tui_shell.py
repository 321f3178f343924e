"""The app shell: home screen, bank errors, help, themes, coming-soon modes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Markdown, OptionList, SelectionList, Static, TextArea

from quizapp.tui import modes
from quizapp.tui.modes import MODES, get_mode
from quizapp.tui.screens.flashcards import FlashcardScreen
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.message import MessageScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.selection import SelectionScreen
from tests.tui.conftest import AppFactory, plain, settle


async def test_home_lists_every_mode_and_the_broken_bank(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        menu = app.screen.query_one("#modes", OptionList)
        assert [menu.get_option_at_index(i).id for i in range(menu.option_count)] == [
            m.name for m in MODES
        ]
        errors = plain(app.screen.query_one("#bank-errors Static", Static))
        assert "tests/tui/banks/broken.yaml:15: question 'fx-bad'" in errors
        assert "key_points must not be empty" in errors


async def test_help_lists_the_home_keys_and_closes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(plain(s) for s in app.screen.query(Static))
        for mode in MODES:
            assert mode.title in text
        assert "Command palette" in text and "Quit" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_unbuilt_mode_says_coming_soon(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    unbuilt = replace(get_mode("sandbox"), screen=None)
    monkeypatch.setattr(
        modes, "MODES", tuple(unbuilt if m.name == "sandbox" else m for m in modes.MODES)
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(unbuilt.key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.message for n in app._notifications] == ["Sandbox is coming soon."]


async def test_theme_is_remembered_across_runs(make_app: AppFactory, settings_file: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert json.loads(settings_file.read_text())["theme"] == "nord"
    again = make_app()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_unknown_remembered_theme_falls_back(
    make_app: AppFactory, settings_file: Path
) -> None:
    settings_file.write_text('{"theme": "no-such-theme"}')
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-dark"


async def test_a_corrupt_database_shows_a_message_not_a_traceback(
    make_app: AppFactory, db_path: Path
) -> None:
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        body = app.screen.query_one("#message-body", Markdown).source
        assert "not a readable progress database" in body and str(db_path) in body
        await pilot.press("q")
    assert app.return_code == 0
    assert db_path.read_bytes() == b"this is not sqlite at all" * 100


async def test_command_palette_starts_a_mode(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Flashcards")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FlashcardScreen)


async def test_start_option_opens_the_mode_once_the_store_is_open(make_app: AppFactory) -> None:
    app = make_app(start="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_help_on_the_flashcard_screen_lists_the_rating_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(plain(s) for s in app.screen.query(Static))
        for key, name in (("space", "Show answer"), ("1", "Again"), ("4", "Easy"), ("u", "Undo")):
            assert any(line.startswith(key) and name in line for line in text.splitlines()), (
                key,
                name,
            )


async def test_choosing_a_bank_narrows_the_home_figures(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "(4 of 4 questions)" in plain(app.screen.query_one("#selection", Static))
        await pilot.press("c")
        assert isinstance(app.screen, SelectionScreen)
        app.screen.query_one("#banks", SelectionList).select("fixture-broken")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        line = plain(app.screen.query_one("#selection", Static))
        assert "fixture-broken" in line and "(1 of 4 questions)" in line
        assert "New 1" in plain(app.screen.query_one("#summary", Static))


async def test_t_opens_the_theme_picker(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, CommandPalette)


async def test_no_color_turns_the_app_monochrome(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert any(type(f).__name__ in {"Monochrome", "NoColor"} for f in app._filters)


async def test_a_mode_asked_for_while_the_store_opens_starts_once_it_is_open(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import quizapp.store

    opened = quizapp.store.open_store

    def slow_open(*args: object, **kwargs: object) -> quizapp.store.Store:
        time.sleep(0.3)  # a slow disk: the learner is quicker than the store
        return opened(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quizapp.store, "open_store", slow_open)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert app.store is None and isinstance(app.screen, HomeScreen)
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, FlashcardScreen)


async def test_a_mode_from_the_palette_replaces_the_current_one(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"Flashcards")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FlashcardScreen)
        assert [type(s) for s in app.screen_stack] == [HomeScreen, FlashcardScreen]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_palette_does_not_close_a_typed_answer(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        quiz.query_one("#answer-input", TextArea).text = "my answer"
        app.open_from_palette("flash")
        await settle(pilot)
        assert app.screen is quiz
        assert quiz.query_one("#answer-input", TextArea).text == "my answer"


async def test_a_database_with_damaged_pages_is_refused_not_written(
    make_app: AppFactory, db_path: Path
) -> None:
    """The header is fine, pages in the middle are not: the app refuses it before any write."""
    from datetime import UTC, datetime

    from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
    from quizapp.store import ReviewRecord, open_store

    at = datetime(2026, 3, 1, tzinfo=UTC)
    store = open_store(db_path, tz=UTC)
    for i in range(2000):
        card = review(make_scheduler(), new_card(f"q{i}", at), Rating.Good, at)
        store.record_review(
            ReviewRecord(f"q{i}", "b", "quiz", at, Rating.Good, True, answer="x" * 200), card, None
        )
    store.close()
    data = bytearray(db_path.read_bytes())
    for page in range(3, len(data) // 4096 - 1, 5):
        data[page * 4096 : page * 4096 + 64] = b"\xa5" * 64
    db_path.write_bytes(bytes(data))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(50):
            if isinstance(app.screen, MessageScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, MessageScreen)
        body = app.screen.query_one("#message-body", Markdown).source
        assert "damaged pages" in body and str(db_path) in body
        await pilot.press("q")
    assert db_path.read_bytes() == bytes(data)
