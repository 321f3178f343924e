"""A whole free-text quiz through the real app: typed answers, verdicts, the database after."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Markdown, Static, TextArea

from quizapp.store import open_store
from quizapp.tui.messages import StartMode
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.quiz import QuizScreen
from tests.tui.conftest import AppFactory, plain, settle

ANSWERS = {  # in the order a first quiz asks them: easy first, the banks taking turns
    "fx-dag": "A directed acyclic graph:\ntasks are the nodes and there are no cycles.",
    "fx-ok": "A sensor waits for a condition before it succeeds.",
    "fx-retries": "Airflow marks it failed and sends an email.",
    "fx-xcom": "It passes small values between tasks.",
}


async def _answer(pilot, screen: QuizScreen, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text``: each line put in at once (the keys are not the point), Enter between."""
    box = screen.query_one("#answer-input", TextArea)
    assert box.has_focus
    first, *rest = text.split("\n")
    box.insert(first)
    for line in rest:
        await pilot.press("enter")  # Enter inserts a new line, it does not submit
        box.insert(line)
    await pilot.pause()
    assert box.text == text
    assert not screen.has_class("graded")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def _open_quiz(pilot) -> QuizScreen:  # type: ignore[no-untyped-def]
    """From the first home frame, ``q``: the quiz screen it opens."""
    await settle(pilot)
    await pilot.press("q")
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    return screen


async def test_a_whole_quiz_with_an_override(make_app: AppFactory, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        verdicts: dict[str, str] = {}
        while screen.session.current is not None:
            question = screen.session.current
            assert screen.query_one("#quiz-prompt", Markdown).source == question.prompt
            await _answer(pilot, screen, ANSWERS[question.id])
            assert screen.has_class("graded")
            line = plain(screen.query_one("#verdict-line", Static))
            verdicts[question.id] = line
            points = plain(screen.query_one("#verdict-points", Static)).splitlines()
            assert len(points) == len(question.key_points)
            assert plain(screen.query_one("#verdict-answer", Static)) == ANSWERS[question.id]
            assert screen.query_one("#model-answer", Markdown).source == question.answer
            if question.id == "fx-retries":
                assert line.startswith("✗ Not yet")
                await pilot.press("r")
                assert "you marked it right" in plain(screen.query_one("#verdict-line", Static))
            await pilot.press("enter")
        assert verdicts["fx-dag"].startswith("✓ Correct  75%  ·  3 of 4 key points")
        assert screen.has_class("finished")
        summary = plain(screen.query_one("#quiz-done", Static))
        assert "4 answered" in summary and "All of it is saved" in summary
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        figures = plain(app.screen.query_one("#summary", Static))
        assert "New 0" in figures and "Streak 1 day" in figures
    with open_store(db_path) as store:
        rows = store.query(
            "SELECT question_id, mode, answer, verdict, overridden FROM reviews ORDER BY id"
        )
    assert [r["question_id"] for r in rows] == list(ANSWERS)
    assert all(r["mode"] == "quiz" for r in rows)
    assert [r["answer"] for r in rows] == list(ANSWERS.values())
    assert {r["question_id"]: r["overridden"] for r in rows} == {
        "fx-dag": 0,
        "fx-retries": 1,
        "fx-xcom": 0,
        "fx-ok": 0,
    }
    verdicts = {r["question_id"]: r["verdict"] for r in rows}
    assert verdicts["fx-dag"] == "correct" and verdicts["fx-retries"] == "incorrect"


async def test_i_was_right_is_refused_on_a_dont_know_answer(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(StartMode("quiz", {"question_ids": ("fx-retries",)}))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await _answer(pilot, screen, "no idea")
        assert "I was right" not in plain(screen.query_one("#verdict-keys", Static))
        await pilot.press("r")
        await settle(pilot)
        assert "you marked it right" not in plain(screen.query_one("#verdict-line", Static))
    with open_store(db_path) as store:
        rows = store.query("SELECT answer, overridden FROM reviews")
    assert [(r["answer"], r["overridden"]) for r in rows] == [("no idea", 0)]


async def test_the_answer_is_stored_before_the_verdict_shows(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        await _answer(pilot, screen, ANSWERS["fx-dag"])
        assert screen.has_class("graded")
        with open_store(db_path) as other_connection:
            stored = other_connection.query("SELECT answer, verdict FROM reviews")
        assert stored == [{"answer": ANSWERS["fx-dag"], "verdict": "correct"}]


async def test_skip_stores_nothing_and_escape_asks_before_dropping_a_typed_answer(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        await pilot.press("ctrl+n")
        assert screen.session.position == 1
        screen.query_one("#answer-input", TextArea).insert("half an answer")
        await pilot.pause()
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with open_store(db_path) as store:
        assert store.query("SELECT count(*) AS n FROM reviews") == [{"n": 0}]


async def test_example_key_opens_the_questions_sandbox_example(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        assert screen.session.current is not None
        assert screen.session.current.sandbox == "dependencies"
        await _answer(pilot, screen, "a graph")
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is not screen
        assert "dependencies" in " ".join(plain(s) for s in app.screen.query(Static))


async def test_question_mark_is_typed_and_f1_opens_help_while_answering(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        await pilot.press("w", "h", "y", "question_mark")
        assert screen.query_one("#answer-input", TextArea).text == "why?"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is screen


async def test_keys_typed_just_before_ctrl_s_are_all_in_the_answer(
    make_app: AppFactory, db_path: Path
) -> None:
    """A burst of keys (a fast typist, a slow ssh link) reaches the app at once; ctrl+s
    is a priority binding, so it must not grade before the box has taken them all."""
    app = make_app()
    text = "A directed acyclic graph: tasks are the nodes and there are no cycles."
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        for char in text:  # as the terminal driver posts them: all queued, none handled yet
            app.post_message(events.Key(char if char != " " else "space", char))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        assert screen.has_class("graded")
        assert plain(screen.query_one("#verdict-answer", Static)) == text
    with open_store(db_path) as store:
        assert store.query("SELECT answer FROM reviews") == [{"answer": text}]


async def test_a_second_visit_starts_a_new_quiz_on_the_kept_screen(
    make_app: AppFactory, db_path: Path
) -> None:
    """The app keeps the quiz screen between visits; each visit is still a new quiz."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        first = screen.session.current
        assert first is not None
        await _answer(pilot, screen, ANSWERS[first.id])
        assert screen.has_class("graded")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is screen
        again = screen.session.current
        assert again is not None and screen.session.position == 0 and not screen.session.results
        assert screen.has_class("answering") and not screen.has_class("graded")
        assert screen.query_one("#quiz-prompt", Markdown).source == again.prompt
        assert screen.query_one("#quiz-prompt", Markdown).visible
        box = screen.query_one("#answer-input", TextArea)
        assert box.text == "" and box.has_focus


async def test_the_answer_box_looks_focused_again_on_the_next_question(
    make_app: AppFactory,
) -> None:
    """The box is not restyled when it loses focus while hidden (the verdict's frame);
    shown again it looks as it did: focused when it has the focus, unfocused when not."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_quiz(pilot)
        box = screen.query_one("#answer-input", TextArea)
        focused_border = box.styles.border_top
        box.blur()
        await settle(pilot)
        unfocused_border = box.styles.border_top
        assert unfocused_border != focused_border
        box.focus()
        await settle(pilot)
        assert screen.session.current is not None
        await _answer(pilot, screen, ANSWERS[screen.session.current.id])
        assert screen.has_class("graded") and not box.has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert box.has_focus and box.styles.border_top == focused_border
        box.blur()  # shown, then blurred: restyled as any widget is
        await settle(pilot)
        assert box.styles.border_top == unfocused_border
        box.focus()
        await settle(pilot)
        await _answer(pilot, screen, ANSWERS[screen.session.current.id])
        # shown again without the focus: restyled on showing
        screen.query_one("#quiz-answering").display = True
        await settle(pilot)
        assert not box.has_focus and box.styles.border_top == unfocused_border
