"""The sandbox screen: examples run in a child process and are drawn as they run."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from quizapp.tui.messages import OpenExample
from quizapp.tui.screens.sandbox import OpenFileScreen, SandboxScreen
from quizapp.tui.widgets.dag_grid import DagGrid, depths, topological
from quizapp.tui.widgets.timeline import Timeline
from tests.tui.conftest import AppFactory, plain, settle

BAD_DAG = """
import sys
from datetime import datetime

from airflow.sdk import DAG, task

with DAG(dag_id="bad_tasks", start_date=datetime(2024, 1, 1), schedule=None):

    @task
    def boom():
        raise RuntimeError("kaboom")

    @task
    def bye():
        sys.exit(3)

    @task
    def forever():
        while True:
            pass

    boom()
    bye()
    forever()
"""


async def open_on(pilot: Pilot[None], example: str) -> SandboxScreen:
    """Open the sandbox the way a quiz answer does, and wait for the run to end."""
    await settle(pilot)
    pilot.app.post_message(OpenExample(example))
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SandboxScreen)
    return screen


def states(screen: SandboxScreen) -> dict[str, tuple[str | None, int]]:
    grid = screen.query_one(DagGrid)
    return {label: (row.state, row.try_number) for label, row in grid.rows_by_label.items()}


async def test_retries_example_runs_with_tries_timeline_log_and_xcom(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, "retries")
        assert states(screen) == {
            "flaky": ("success", 3),
            "doomed": ("failed", 3),
            "publish": ("upstream_failed", 0),
            "report": ("success", 1),
            "cleanup": ("success", 1),
        }
        # Rows follow the DAG's shape: roots first, each task after its upstream tasks.
        assert list(screen.query_one(DagGrid).rows_by_label)[:2] == ["flaky", "doomed"]
        status = plain(screen.query_one("#sandbox-status", Static))
        assert "retries ✓ success" in status and "virtual time +00:10:00" in status
        timeline = screen.query_one(Timeline)
        flaky = [(e.try_number, e.state, e.offset) for e in timeline.entries if e.task == "flaky"]
        assert flaky == [(1, "failed", 0.0), (2, "failed", 300.0), (3, "success", 600.0)]
        assert "+00:05:00  flaky  try 2  ✗ failed" in plain(timeline)
        drawn = plain(timeline)
        assert "flaky  try 1  ✗ failed\n           -> ↻ up_for_retry, retry at +00:05:00" in drawn
        assert "flaky  try 3  ✓ success\n" in drawn + "\n"
        log = plain(screen.query_one("#sandbox-log-text", Static))
        assert log.startswith("log of flaky") and "try 1 of 4" in log
        assert '"fetched"' in plain(screen.query_one("#sandbox-xcom-text", Static))
        await pilot.press("down")
        assert "log of doomed" in plain(screen.query_one("#sandbox-log-text", Static))


async def test_branching_example_skips_the_branch_not_taken(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, "branching")
        result = states(screen)
        assert result["choose_load"] == ("success", 1)
        assert result["full_reload"] == ("success", 1)
        assert result["incremental_append"] == ("skipped", 0)
        assert result["join_all_success"] == ("skipped", 0)
        assert result["join"] == ("success", 1)
        assert screen.result is not None and screen.result.state == "success"


async def test_setup_and_teardown_tasks_are_marked_in_the_grid(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, "setup_teardown")
        grid = screen.query_one(DagGrid)
        names = {
            str(grid.get_row(label)[0]).strip(): row.state
            for label, row in grid.rows_by_label.items()
        }
        assert names["create_cluster (setup)"] == "success"
        assert names["delete_cluster (teardown)"] == "success"
        assert names["query_costs"] == "failed"
        assert screen.result is not None and screen.result.state == "failed"


async def test_crashing_exiting_and_hanging_tasks_fail_and_the_app_goes_on(
    make_app: AppFactory, tmp_path: Path
) -> None:
    dag_file = tmp_path / "bad.py"
    dag_file.write_text(BAD_DAG)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = SandboxScreen(None, path=dag_file, time_limit=5.0)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert states(screen) == {
            "boom": ("failed", 1),
            "bye": ("failed", 1),
            "forever": ("failed", 1),
        }
        assert "time limit of 5 s exceeded" in plain(screen.query_one("#sandbox-status", Static))
        grid = screen.query_one(DagGrid)
        grid.focus()
        await pilot.press("down", "down")
        assert "! time limit of 5 s exceeded" in plain(
            screen.query_one("#sandbox-log-text", Static)
        )
        await pilot.press("up")
        assert "sys.exit(3)" in plain(screen.query_one("#sandbox-log-text", Static))
        # The app is still alive: run an example from the list.
        await pilot.press("escape")
        assert not isinstance(app.screen, SandboxScreen)


async def test_open_a_dag_file_by_path(make_app: AppFactory, tmp_path: Path) -> None:
    dag_file = tmp_path / "two.py"
    dag_file.write_text(
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, task\n"
        "with DAG(dag_id='two', start_date=datetime(2024, 1, 1), schedule=None):\n"
        "    @task\n"
        "    def a():\n"
        "        return 41\n"
        "    @task\n"
        "    def b(x):\n"
        "        return x + 1\n"
        "    b(a())\n"
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SandboxScreen) and screen.result is None
        await pilot.press("o")
        assert isinstance(app.screen, OpenFileScreen)
        app.screen.query_one(Input).value = str(tmp_path / "missing.py")
        await pilot.press("enter")
        assert "No such file" in plain(app.screen.query_one("#open-error", Static))
        app.screen.query_one(Input).value = str(dag_file)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert states(screen) == {"a": ("success", 1), "b": ("success", 1)}
        assert screen.result is not None and screen.result.xcom["b"]["return_value"] == 42


async def test_a_file_that_cannot_load_says_why(make_app: AppFactory, tmp_path: Path) -> None:
    dag_file = tmp_path / "broken.py"
    dag_file.write_text("from airflow.sdk import DAG\nx = (\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = SandboxScreen(None, path=dag_file)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = plain(screen.query_one("#sandbox-status", Static))
        assert status.startswith("Cannot run:") and "syntax error" in status


def test_depths_and_topological_order() -> None:
    shape = {"d": ("b", "c"), "a": (), "b": ("a",), "c": ("a",), "e": ("d", "a")}
    assert depths(shape) == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}
    assert topological(shape) == ["a", "b", "c", "d", "e"]


def test_snapshot_sandbox_after_a_run(snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await open_on(pilot, "retries")
        await pilot.press("down", "down", "down")  # report: a log without file paths
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_sandbox_timeline(snap_compare, make_app: AppFactory) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await open_on(pilot, "retries")
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_e_on_a_quiz_answer_opens_the_sandbox_on_its_example(make_app: AppFactory) -> None:
    from textual.widgets import TextArea

    from quizapp.tui.messages import StartMode

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.post_message(StartMode("quiz", {"question_ids": ("fx-retries",)}))
        await pilot.pause()
        app.screen.query_one("#answer-input", TextArea).insert("it is retried three times")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SandboxScreen) and screen.example == "retries"
        assert states(screen)["flaky"] == ("success", 3)


async def test_choosing_another_example_shows_its_source_and_clears_the_run(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, "retries")
        screen.query_one("#sandbox-examples").focus()
        await pilot.press("down")
        assert screen.example == "sensors"
        assert screen.result is None and not screen.query_one(DagGrid).row_count
        assert "sensors" in plain(screen.query_one("#sandbox-status", Static))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.result is not None and screen.result.dag_id.startswith("sensor")


async def test_mapped_elements_get_their_own_rows(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, "dynamic_mapping")
        grid = screen.query_one(DagGrid)
        labels = list(grid.rows_by_label)
        assert labels.index("count_rows") < labels.index("count_rows[0]") < labels.index("total")
        assert states(screen)["count_rows[2]"] == ("failed", 1)
        assert grid.get_cell("count_rows", "state").plain.strip() == "mapped ×4"


async def test_a_catchup_example_runs_its_catchup_runs_not_an_empty_run_now(
    make_app: AppFactory,
) -> None:
    """``incremental`` ends on 2024-01-14: a run "now" would have no task (as in Airflow);
    the screen plans the runs as `quizapp sandbox run` does, the week of catch-up runs."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_on(pilot, "incremental")
        assert screen.result is not None and screen.result.state == "success"
        assert screen.result.logical_date.startswith("2024-01-14")
        assert states(screen)["load"] == ("success", 1)


async def test_a_run_shows_its_countdown_and_c_cancels_it(
    make_app: AppFactory, tmp_path: Path
) -> None:
    dag_file = tmp_path / "bad.py"
    dag_file.write_text(BAD_DAG)
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        screen = SandboxScreen(None, path=dag_file, time_limit=120.0)
        await app.push_screen(screen)
        countdown = screen.query_one("#sandbox-countdown", Static)
        for _ in range(200):
            await pilot.pause(0.05)
            if "forever" in states(screen) and states(screen)["forever"][0] == "running":
                break
        assert screen.running and countdown.display
        assert plain(countdown).endswith("s left · c cancel")
        assert int(plain(countdown).split()[0]) in range(100, 121)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.running and not countdown.display
        assert screen.result is not None and screen.result.error == "cancelled"
        assert states(screen)["forever"] == ("failed", 1)
        assert "cancelled" in plain(screen.query_one("#sandbox-status", Static))


async def test_the_screen_is_kept_between_visits_and_leaving_stops_its_run(
    make_app: AppFactory, tmp_path: Path
) -> None:
    dag_file = tmp_path / "slow.py"
    dag_file.write_text(
        "import time\n"
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, task\n"
        "with DAG(dag_id='slow', start_date=datetime(2024, 1, 1), schedule=None):\n"
        "    @task\n"
        "    def wait():\n"
        "        time.sleep(30)\n"
        "    wait()\n"
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, SandboxScreen)
        first.target = dag_file
        first.action_run()
        assert first.running
        await pilot.press("escape")
        await pilot.pause()
        assert not first.running  # stopped: its child process is killed
        await app.workers.wait_for_complete()  # well before the task's 30 s
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is first
        assert "Stopped" in plain(first.query_one("#sandbox-status", Static))
        first.target = None
        first.example = "retries"
        first.action_run()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert first.result is not None and first.result.state == "success"
