"""`quizapp sandbox run` never hangs: a child process, a default time limit, the group killed."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main
from quizapp.cli.sandbox import TIME_LIMIT_EXIT
from quizapp.sandbox.isolate import DEFAULT_TIME_LIMIT

SPAWNS_AND_LOOPS = """
import subprocess, time
from airflow.sdk import DAG, task

with DAG("loops") as dag:
    @task
    def ok():
        return 1

    @task
    def spin():
        child = subprocess.Popen(["sleep", "300"])
        with open({pids!r}, "a") as out:
            out.write(f"{{child.pid}}\\n")
        while True:
            time.sleep(0.01)

    ok() >> spin()
"""

LEAVES_A_PROCESS_BEHIND = """
import os, subprocess
from airflow.sdk import DAG, task

with DAG("leaves") as dag:
    @task
    def start_and_go():
        child = subprocess.Popen(["sleep", "300"])
        pid = os.fork()
        if pid == 0:
            import time
            time.sleep(300)
            os._exit(0)
        with open({pids!r}, "a") as out:
            out.write(f"{{child.pid}}\\n{{pid}}\\n")

    start_and_go()
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (killed, not yet reaped by init) counts as gone
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def gone(pids: list[int]) -> bool:
    for _ in range(250):  # up to 5 s
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.02)
    return False


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["sandbox", "run", *args])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, source: str) -> tuple[Path, Path]:
    pids = tmp_path / "pids.txt"
    dag = tmp_path / "dag.py"
    dag.write_text(source.format(pids=str(pids)), encoding="utf-8")
    return dag, pids


def test_an_endless_task_hits_the_limit_names_the_task_and_its_processes_die(
    tmp_path: Path,
) -> None:
    dag, pids = write(tmp_path, SPAWNS_AND_LOOPS)
    code, out, err = run(str(dag), "--time-limit", "1.5", "--logical-date", "2024-01-01")
    assert code == TIME_LIMIT_EXIT
    assert "time limit of 1.5 s exceeded while task 'spin' was running" in err
    assert "spin    failed" in out or "spin  failed" in out
    assert gone([int(p) for p in pids.read_text().split()])


def test_processes_a_finished_run_left_behind_are_killed(tmp_path: Path) -> None:
    dag, pids = write(tmp_path, LEAVES_A_PROCESS_BEHIND)
    code, out, _ = run(str(dag), "--json", "--logical-date", "2024-01-01")
    assert code == 0, out
    started = [int(p) for p in pids.read_text().split()]
    assert len(started) == 2 and gone(started)


def test_without_a_time_limit_a_run_ends_with_its_tasks_though_a_process_is_left(
    tmp_path: Path,
) -> None:
    """The child says when it is done: the processes a task left behind (5 minutes of
    sleep) hold its output pipe open, and waiting for end-of-file would wait for them."""
    dag, pids = write(tmp_path, LEAVES_A_PROCESS_BEHIND)
    outcome: list[tuple[int, str, str]] = []
    args = (str(dag), "--time-limit", "0", "--json", "--logical-date", "2024-01-01")
    worker = threading.Thread(target=lambda: outcome.append(run(*args)), daemon=True)
    worker.start()
    worker.join(timeout=120)  # a guard far below the 300 s the left-behind processes sleep
    assert outcome, "the run waited for the processes its task left behind"
    code, out, _ = outcome[0]
    assert code == 0, out
    assert gone([int(p) for p in pids.read_text().split()])


def test_the_default_limit_applies_without_any_flag_and_zero_means_none() -> None:
    assert DEFAULT_TIME_LIMIT == 30.0
    result = CliRunner().invoke(main, ["sandbox", "run", "--help"])
    text = " ".join(result.stdout.split())
    assert "--time-limit" in text and "(0: no limit). [default: 30.0" in text
    code, _out, _err = run("retries", "--time-limit", "0", "--json", "--logical-date", "2024-01-15")
    assert code == 0
    code, _out, err = run("retries", "--time-limit", "-1")
    assert code == 2 and "-1" in err


def test_a_file_that_hangs_while_loading_is_stopped_too(tmp_path: Path) -> None:
    dag = tmp_path / "dag.py"
    dag.write_text("while True:\n    pass\n", encoding="utf-8")
    code, _out, err = run(str(dag), "--time-limit", "1")
    assert code == TIME_LIMIT_EXIT
    assert "time limit of 1 s exceeded (while loading the DAG)" in err


ORPHAN = """
import os, subprocess, time
from airflow.sdk import DAG, task

with DAG("orphan") as dag:
    @task
    def spin():
        child = subprocess.Popen(["sleep", "300"])
        with open({pids!r}, "a") as out:
            out.write(f"{{os.getpid()}}\\n{{child.pid}}\\n")
        while True:
            time.sleep(0.01)

    spin()
"""


def test_a_run_whose_app_was_killed_stops_itself(tmp_path: Path) -> None:
    """The app killed with SIGKILL cannot stop its child: the child notices and stops."""
    import signal
    import subprocess
    import sys

    dag, pids = write(tmp_path, ORPHAN)
    app = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "sandbox", "run", str(dag), "--time-limit", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        if pids.exists() and len(pids.read_text().split()) == 2:
            break
        time.sleep(0.05)
    started = [int(p) for p in pids.read_text().split()]
    assert all(alive(p) for p in started)
    app.send_signal(signal.SIGKILL)
    app.wait()
    assert gone(started)
