"""How long each key takes to show its result, beside a bare Textual screen push.

Drives the real app headless at 80x24 (bundled banks, the system clock) and,
for each database, prints the median of ``--runs`` presses of:

- **bare push**: pushing a one-label ``Screen`` from the same app, to the
  frame that shows it (the floor every screen change pays);
- **home -> quiz / sandbox / progress first frame**: the mode key on the home
  screen to the frame that shows the new screen;
- **home -> progress figures drawn**: ``p`` to the frame with every figure;
- **ctrl+s -> verdict frame**: in the quiz, an answer in the box, ``ctrl+s``
  to the frame that shows its verdict (the grade and the commit included);
- the first visit of each of these in the run on its own (the screen's module
  imported, the screen built: quizapp keeps the heavy ones for later visits, and
  builds the progress screen and the sandbox ahead while the home screen is idle,
  a warm-up the measurements wait for like any other worker);
- **q at the first home frame**: a fresh app, ``q`` pressed on the very first
  frame, to the quiz's first frame (what a learner who knows the key gets).

Keys go to the app as a terminal sends them (the driver's message queue); a
frame counts once the refresh after the awaited state has run. The databases
are empty, 100,000 and 1,000,000 reviews over 10,000 questions, built as
``benchmarks/store.py`` builds them (``--sizes`` picks others).

Run: ``python benchmarks/keys.py [--runs N] [--sizes 0,100000,1000000] [--dbs DIR]``
(``--dbs`` keeps the built databases there for the next run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store import build
from textual import events
from textual.screen import Screen
from textual.widgets import Label

ANSWER = (
    "A DAG is a directed acyclic graph of tasks: the edges are the dependencies, so it "
    "decides the order the tasks run in, and it never loops back."
)


class BareScreen(Screen[None]):
    """The floor: a screen with one label."""

    def compose(self) -> Any:
        yield Label("bare")


def send_key(app: Any, key: str) -> None:
    """Queue ``key`` as the terminal driver would."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


async def frame_after(app: Any, started: float, ready: Callable[[], bool]) -> float:
    """Seconds from ``started`` to the refresh after ``ready()`` first holds."""
    while not ready():
        await asyncio.sleep(0.0005)
    painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: painted.set_result(time.perf_counter()))
    return await painted - started


async def back_home(app: Any, pilot: Any) -> None:
    from quizapp.tui.screens.home import HomeScreen

    while not isinstance(app.screen, HomeScreen):
        app.pop_screen()
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def make_app(db: Path) -> Any:
    from quizapp.core.clock import SystemClock
    from quizapp.paths import bank_dirs
    from quizapp.tui.app import QuizApp

    return QuizApp(db, bank_dirs([]), clock=SystemClock())


async def measure(db: Path, runs: int) -> dict[str, list[float]]:
    """Every figure for one database, ``runs`` times each, in seconds."""
    from quizapp.tui.screens.progress import ProgressScreen
    from quizapp.tui.screens.quiz import QuizScreen
    from quizapp.tui.screens.sandbox import SandboxScreen

    times: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        if name not in times:
            times[f"{name} once"] = [value]  # the first visit: modules imported, screen built
        times.setdefault(name, []).append(value)

    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.store is None:
            await pilot.pause(0.01)
        await back_home(app, pilot)
        for _ in range(runs):
            bare = BareScreen()
            started = time.perf_counter()
            app.push_screen(bare)
            add("bare", await frame_after(app, started, lambda s=bare: app.screen is s))
            await back_home(app, pilot)

            for key, kind, name in (
                ("q", QuizScreen, "quiz"),
                ("s", SandboxScreen, "sandbox"),
                ("p", ProgressScreen, "progress"),
            ):
                kept = getattr(app, "_kept_screens", {}).get("stats")
                previous = kept.data if kept is not None else None  # fresh figures, not these
                started = time.perf_counter()
                send_key(app, key)
                add(
                    name,
                    await frame_after(app, started, lambda k=kind: isinstance(app.screen, k)),
                )
                if name == "progress":
                    screen = app.screen
                    add(
                        "figures",
                        await frame_after(
                            app,
                            started,
                            lambda s=screen, old=previous: (
                                s.data is not None
                                and s.data is not old
                                and not s.query_one("#progress-tabs").loading
                            ),
                        ),
                    )
                if name == "quiz":
                    quiz = app.screen
                    await pilot.pause()
                    quiz.query_one("#answer-input").text = ANSWER
                    await pilot.pause()
                    started = time.perf_counter()
                    send_key(app, "ctrl+s")
                    add(
                        "verdict",
                        await frame_after(app, started, lambda s=quiz: s.has_class("graded")),
                    )
                await back_home(app, pilot)

    for _ in range(runs):
        add("first", await first_frame_key(db))
    return times


async def first_frame_key(db: Path) -> float:
    """``q`` pressed on the home screen's first frame, to the quiz's first frame."""
    from quizapp.tui.screens.home import HomeScreen
    from quizapp.tui.screens.quiz import QuizScreen

    app = make_app(db)
    result: float = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        await frame_after(app, 0.0, lambda: isinstance(app.screen, HomeScreen))
        started = time.perf_counter()
        send_key(app, "q")
        result = await frame_after(app, started, lambda: isinstance(app.screen, QuizScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
    return result


ROWS = (
    ("bare", "bare Textual screen push (floor)"),
    ("quiz", "home -> quiz first frame"),
    ("sandbox", "home -> sandbox first frame"),
    ("progress", "home -> progress first frame"),
    ("figures", "home -> progress figures drawn"),
    ("sandbox once", "  sandbox, first visit of the run"),
    ("progress once", "  progress, first visit of the run"),
    ("figures once", "  figures, first visit of the run"),
    ("verdict", "ctrl+s -> verdict frame"),
    ("first", "q on the first home frame -> quiz"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="0,100000,1000000")
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument(
        "--dbs", type=Path, help="keep the databases in this folder (reused when there)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["QUIZAPP_HOME"] = folder  # the catalog cache and settings go here
        os.environ.pop("QUIZAPP_BANKS", None)
        results: dict[int, dict[str, float]] = {}
        for size in sizes:
            built = (args.dbs or Path(folder) / "built") / f"reviews-{size}-{args.questions}.db"
            if not built.exists():
                built.parent.mkdir(parents=True, exist_ok=True)
                started = time.perf_counter()
                if size:
                    build(built, size, args.questions)
                else:
                    from quizapp.store import open_store

                    open_store(built).close()
                took = time.perf_counter() - started
                print(f"built {size:,} reviews in {took:.1f} s", flush=True)
            db = Path(folder) / built.name  # a copy: the runs write answers into it
            shutil.copyfile(built, db)
            runs = asyncio.run(measure(db, args.runs))
            results[size] = {name: statistics.median(v) for name, v in runs.items()}
        print()
        print(f"median of {args.runs} at 80x24, ms; x = times the bare push in the same run")
        print(f"{'reviews in the database':<36}" + "".join(f"{s:>16,}" for s in sizes))
        for name, label in ROWS:
            cells = []
            for size in sizes:
                value, floor = results[size][name], results[size]["bare"]
                ratio = "" if name == "bare" else f" {value / floor:4.1f}x"
                cells.append(
                    f"{value * 1000:9.1f}{ratio:>6}" if ratio else f"{value * 1000:9.1f}      "
                )
            print(f"{label:<36}" + "".join(f"{c:>16}" for c in cells))
        print("targets: first frames <= 2x the bare push; verdict <= 50 ms; figures <= 200 ms")


if __name__ == "__main__":
    main()
