"""Drills in the real app: the editor is set up for the kind, ctrl+s runs and grades, and the
verdict shows the results side by side (SQL) or the tasks that still differ (a DAG to fix)."""

from __future__ import annotations

from textual.widgets import Markdown, Static, TextArea

from quizapp.tui.context import LaunchOptions
from quizapp.tui.screens.quiz import QuizScreen
from tests.tui.conftest import TUI_TESTS, AppFactory, plain, settle

DRILL_BANKS = TUI_TESTS / "drill_banks"


async def test_a_sql_drill_runs_the_query_and_shows_both_results(make_app: AppFactory) -> None:
    app = make_app(
        bank_paths=[DRILL_BANKS], start="quiz", options=LaunchOptions(question_ids=("fx-sql",))
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        prompt = screen.query_one("#quiz-prompt", Markdown).source
        assert "order_id  coupon" in prompt and "2         NULL" in prompt  # the fixture table
        editor = screen.query_one("#answer-input", TextArea)
        assert editor.language == "sql" and editor.tab_behavior == "indent"
        editor.text = "SELECT order_id\nFROM orders\nWHERE coupon <> 'SPRING'"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.has_class("graded")
        assert plain(screen.query_one("#verdict-line", Static)).startswith("✗ Not yet")
        details = plain(screen.query_one("#verdict-points", Static))
        assert "✗ every expected row is returned" in details
        assert "Expected (3 row(s)):" in details and "Yours (1 row(s)):" in details
        assert "Missing rows:" in details


async def test_a_debug_drill_opens_the_broken_file_and_grades_the_fixed_one(
    make_app: AppFactory,
) -> None:
    app = make_app(
        bank_paths=[DRILL_BANKS], start="quiz", options=LaunchOptions(question_ids=("fx-debug",))
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        editor = screen.query_one("#answer-input", TextArea)
        question = app.catalog.get("fx-debug")
        assert question is not None and question.dag is not None
        assert editor.language == "python" and editor.text.strip() == question.dag.strip()
        await pilot.press("ctrl+t")  # the hint
        await pilot.pause()
        assert any("trigger rule" in str(n.message) for n in app._notifications)
        editor.text = editor.text.replace(
            "    @task\n    def delete_cluster",
            '    @task(trigger_rule="all_done")\n    def delete_cluster',
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert plain(screen.query_one("#verdict-line", Static)).startswith("✓ Correct")
        assert "Every task reaches the target." in plain(
            screen.query_one("#verdict-points", Static)
        )


async def test_a_fixture_table_costs_few_lines_above_its_rows_at_80x24(
    make_app: AppFactory,
) -> None:
    app = make_app(
        bank_paths=[DRILL_BANKS], start="quiz", options=LaunchOptions(question_ids=("fx-sql",))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = [strip.text.strip("│ ") for strip in app.screen._compositor.render_strips()]
        name = next(i for i, line in enumerate(lines) if line == "orders")
        header = next(i for i, line in enumerate(lines) if line.startswith("order_id"))
        assert header - name == 1, lines  # the table's name right above its header


async def test_escape_leaves_an_untouched_drill_at_once_and_warns_once_edited(
    make_app: AppFactory,
) -> None:
    for edited in (False, True):
        app = make_app(
            bank_paths=[DRILL_BANKS],
            start="quiz",
            options=LaunchOptions(question_ids=("fx-debug",)),
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, QuizScreen)
            if edited:
                editor = screen.query_one("#answer-input", TextArea)
                editor.text = editor.text + "# my fix\n"
            await pilot.press("escape")  # a code editor lets go of the focus first (Textual)
            await pilot.press("escape")
            await settle(pilot)
            # The broken DAG as the drill gave it is nothing to lose; an edit is kept once.
            assert (app.screen is screen) == edited
