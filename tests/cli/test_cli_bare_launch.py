"""A bare ``quizapp`` starts the app without importing click; everything else is click's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QUIZAPP_HOME=str(home))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_a_bare_quizapp_starts_the_app_without_click(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.argv = ['quizapp']\n"
        "import quizapp.tui.app as app\n"
        "seen = {}\n"
        "app.run_app = lambda **kw: seen.update(kw)\n"
        "from quizapp.entry import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code)\n"
        "print('click' in sys.modules, sorted(seen))\n"
    )
    result = run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["exit 0", "False ['db_path', 'extra_banks']"]


def test_an_unusable_data_folder_is_one_line_as_click_gives_it(tmp_path: Path) -> None:
    blocker = tmp_path / "home"
    blocker.write_text("not a folder")
    code = "import sys\nsys.argv = ['quizapp']\nfrom quizapp.entry import main\nmain()\n"
    result = run(code, blocker)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert blocker.read_text() == "not a folder"


def test_any_argument_goes_to_the_command_line(tmp_path: Path) -> None:
    code = "import sys\nsys.argv = ['quizapp', '--version']\nfrom quizapp.entry import main\nmain()\n"
    result = run(code, tmp_path)
    assert result.returncode == 0 and "quizapp" in result.stdout
