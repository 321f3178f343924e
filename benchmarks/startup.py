"""How fast the terminal app starts, beside a bare Textual app, and how fast a verdict comes.

Each figure is the median of ``--runs`` alternating runs, every run a fresh
``python -c`` process started by this script, timed from just before the spawn
to the line the child prints at the moment measured:

- **bare**: a Textual app showing one label, after its first refresh;
- **home drawn**: quizapp (bundled banks, a fresh data dir) after the home
  screen's first refresh: banks loaded (from the catalog cache after the first
  run), menu and bank problems shown;
- **home ready**: after the refresh that shows the figures read from the
  database (due today, new, streak, last mock): the moment the target is about.
  The home screen reads them with plain sqlite3 before its first frame, so this
  is the same refresh as "drawn"; the full store opens after it;
- the same without numpy: sqlite-utils imports numpy whenever it is installed
  (nothing quizapp depends on needs it, so a clean install has none); this row
  hides it to show what such an install gets;
- **submit -> verdict**: in one process, an answer typed into a quiz, the
  submit action (what ctrl+s runs) to the refresh that paints the verdict: the
  grading and the commit in a worker thread, then the drawing.

Apps run headless, so no terminal is needed. Run: ``python benchmarks/startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = """
import sys
from textual.app import App
from textual.widgets import Label

def mark(name):
    sys.stdout.write(name + "\\n"); sys.stdout.flush()

class Bare(App):
    def compose(self):
        yield Label("hello")

    def on_mount(self):
        self.call_after_refresh(lambda: (mark("READY"), self.exit()))

Bare().run(headless=True, size=(80, 24))
"""

# The same marks for quizapp, taken by wrapping two methods from outside: DRAWN
# after the home screen's first refresh, READY after the one that shows the figures.
QUIZAPP = """
import sys
{prelude}
from quizapp.paths import bank_dirs, default_db_path
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.widgets.summary import SummaryBar

def mark(name):
    sys.stdout.write(name + "\\n"); sys.stdout.flush()

home_mounted = HomeScreen.on_mount
def on_mount(self):
    home_mounted(self)
    self.call_after_refresh(mark, "DRAWN")
HomeScreen.on_mount = on_mount

summary_shown = SummaryBar.show
def show(self, summary):
    summary_shown(self, summary)
    self.call_after_refresh(lambda: (mark("READY"), self.app.exit()))
SummaryBar.show = show

QuizApp(default_db_path(), bank_dirs([])).run(headless=True, size=(80, 24))
"""

NO_NUMPY = "sys.modules['numpy'] = None  # as in a clean install: nothing we depend on needs it"


def time_to_lines(source: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning ``python -c source`` to each line it prints (DRAWN, READY)."""
    start = time.perf_counter()
    marks: dict[str, float] = {}
    with subprocess.Popen(
        [sys.executable, "-c", source], stdout=subprocess.PIPE, env=env, text=True
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            marks.setdefault(line.strip(), time.perf_counter() - start)  # the first time
        child.wait()
    if "READY" not in marks:
        raise SystemExit(f"the child did not get ready (exit {child.returncode})")
    return marks


async def submit_to_verdict(home: Path) -> float:
    """Seconds from the submit action (what ctrl+s runs) to the verdict painted."""
    from quizapp.paths import bank_dirs
    from quizapp.tui.app import QuizApp
    from quizapp.tui.messages import StartMode
    from quizapp.tui.screens.quiz import QuizScreen

    app = QuizApp(home / "verdict.db", bank_dirs([]))
    async with app.run_test(size=(80, 24)) as pilot:
        while app.store is None:
            await pilot.pause(0.01)
        app.post_message(StartMode("quiz"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press(*"A directed acyclic graph of tasks; dependencies are the edges.")
        painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        screen.action_submit()
        while not screen.has_class("graded"):
            await asyncio.sleep(0.0005)
        screen.call_after_refresh(lambda: painted.set_result(time.perf_counter()))
        return await painted - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ours = QUIZAPP.format(prelude="")
    clean = QUIZAPP.format(prelude=NO_NUMPY)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QUIZAPP_HOME=tmp)
        env.pop("QUIZAPP_BANKS", None)
        # An installed quizapp has its bytecode compiled (pip does it); a shell that
        # forbids writing it would time an editable checkout's first import every run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["QUIZAPP_HOME"] = tmp
        from quizapp.paths import default_db_path
        from quizapp.store import open_store

        open_store(default_db_path()).close()  # a database to read, as a learner has
        time_to_lines(ours, env)  # warms the OS file cache, writes the catalog cache
        runs: dict[str, list[float]] = {"bare": [], "drawn": [], "ready": [], "clean": []}
        for _ in range(args.runs):
            runs["bare"].append(time_to_lines(BARE_APP, env)["READY"])
            marks = time_to_lines(ours, env)
            runs["drawn"].append(marks["DRAWN"])
            runs["ready"].append(marks["READY"])
            runs["clean"].append(time_to_lines(clean, env)["READY"])
        median = {name: statistics.median(values) for name, values in runs.items()}
        bare = median["bare"]

        def row(label: str, name: str) -> None:
            ratio = "" if name == "bare" else f"   ratio {median[name] / bare:4.2f}"
            print(f"{label:<44}{median[name] * 1000:7.1f} ms{ratio}")

        print(f"median of {args.runs} alternating runs, bundled banks, new data dir and database")
        row("bare Textual app, one label", "bare")
        row("quizapp home drawn (menu usable)", "drawn")
        row("quizapp home ready (figures from the db)", "ready")
        row("  the same without numpy (clean install)", "clean")
        print("target: home ready / bare <= 1.15 (issue 14)")
        verdicts = [asyncio.run(submit_to_verdict(Path(tmp))) for _ in range(5)]
        print(
            f"submit -> verdict painted (grade + commit + draw): "
            f"{statistics.median(verdicts) * 1000:.1f} ms  (median of 5)"
        )


if __name__ == "__main__":
    main()
