"""``quizapp sandbox check``: the same DAG file in the sandbox and under real Airflow.

The sandbox side runs the file in a child process (:func:`run_isolated`); the Airflow
side runs ``airflow_child.py`` with an interpreter that has Apache Airflow, in a
throwaway ``AIRFLOW_HOME`` with SQLite, through Airflow's own ``dag.test()``. Both give
each DAG's run state, every task instance's state and try number, and the XComs; the
report puts them side by side and marks every difference. Nothing is called a match
unless both sides ran and gave the same value.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.sandbox.exceptions import SandboxError

CHILD = Path(__file__).with_name("airflow_child.py")
MARKER = "QUIZAPP-AIRFLOW-RESULT "
INSTALL_HINT = (
    "Apache Airflow is not installed for this Python, so nothing was compared with it.\n"
    "Install it in its own virtual environment and name that interpreter:\n"
    "  python -m venv ~/airflow-venv && ~/airflow-venv/bin/pip install 'apache-airflow==3.3.2'\n"
    "  quizapp sandbox check FILE --airflow ~/airflow-venv/bin/python\n"
    "(or install the extra here: pip install 'quizapp[airflow]')"
)
#: XCom keys compared as sets (Airflow's branch bookkeeping lists tasks in no set order).
_UNORDERED_KEYS = ("skipmixin_key",)


@dataclass
class DagOutcome:
    """One DAG run as one engine gave it."""

    state: str | None
    tasks: dict[str, dict[str, Any]]
    xcom: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Side:
    """What one engine gave for the file: its DAG runs, or why it could not run them."""

    name: str
    dags: dict[str, DagOutcome] = field(default_factory=dict)
    error: str = ""
    version: str = ""


@dataclass(frozen=True)
class Row:
    """One compared value: what it is, both sides' values, and whether they agree."""

    dag_id: str
    what: str
    sandbox: Any
    airflow: Any

    @property
    def same(self) -> bool:
        return bool(_normal(self.sandbox) == _normal(self.airflow))


def _json(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (tuple, list)):
        return list(value)
    return str(value)


def _normal(value: Any) -> Any:
    return json.loads(json.dumps(value, default=_json, sort_keys=True))


def sandbox_side(
    path: Path, logical_date: str, *, time_limit: float, dag_id: str | None = None
) -> Side:
    """Run every DAG of the file (or ``dag_id``) once in the sandbox, in a child process."""
    from quizapp.sandbox.isolate import run_isolated

    side = Side("sandbox")
    try:
        results = run_isolated(
            path=path, dag_id=dag_id, logical_date=logical_date, time_limit=time_limit
        )
    except SandboxError as exc:
        side.error = str(exc)
        return side
    for result in results:
        tasks = {
            label: {"state": t.state, "try_number": t.try_number}
            for label, t in result.tasks.items()
        }
        side.dags[result.dag_id] = DagOutcome(result.state, tasks, _normal(result.xcom))
    return side


def find_airflow(python: str | None) -> tuple[str | None, str]:
    """The interpreter to run Airflow with and its version, or (None, why not).

    ``python`` names one (``--airflow``); else this interpreter when it can import
    ``airflow``.
    """
    if python is None:
        if importlib.util.find_spec("airflow") is None:
            return None, INSTALL_HINT
        python = sys.executable
    try:
        with tempfile.TemporaryDirectory(prefix="quizapp-airflow-") as where:
            done = subprocess.run(
                [*_child(python), "--probe"],
                capture_output=True,
                text=True,
                timeout=120,
                cwd=where,
            )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"cannot run {python}: {exc}"
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"{python} cannot import Airflow ({tail[0]})\n{INSTALL_HINT}"
    try:
        version = json.loads(done.stdout.strip().splitlines()[-1])["airflow"]
    except (ValueError, KeyError, IndexError):
        return None, f"{python} --probe printed {done.stdout.strip()!r}, not Airflow's version"
    return python, str(version)


def airflow_side(
    python: str,
    path: Path,
    logical_date: str,
    *,
    time_limit: float,
    vars_file: str | None = None,
    conns_file: str | None = None,
    dag_id: str | None = None,
) -> Side:
    """Run the file under Airflow's ``dag.test()`` with ``python``, in a throwaway home."""
    side = Side("airflow")
    home = Path(tempfile.mkdtemp(prefix="quizapp-airflow-"))
    env = dict(
        os.environ,
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(home / "dags"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home / 'airflow.db'}",
        PYTHONIOENCODING="utf-8",
    )
    command = [*_child(python), "--dag-file", str(path.resolve())]
    command += ["--logical-date", logical_date, "--db-template", str(_db_template(python))]
    if vars_file:
        command += ["--vars", vars_file]
    if conns_file:
        command += ["--conns", conns_file]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env=env,
            timeout=time_limit or None,
            cwd=home,
        )
    except subprocess.TimeoutExpired:
        side.error = (
            f"Airflow did not finish within {time_limit:g} s (it waits out retry delays and "
            "sensor pokes in real time): raise --time-limit"
        )
        return side
    except OSError as exc:
        side.error = f"cannot run {python}: {exc}"
        return side
    finally:
        shutil.rmtree(home, ignore_errors=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if not lines:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        side.error = f"the Airflow run gave no result (exit code {done.returncode}):\n{tail}"
        return side
    payload = json.loads(lines[-1][len(MARKER) :])
    if "error" in payload:
        side.error = str(payload["error"])
        return side
    for found_id, run in payload.get("dags", {}).items():
        if dag_id is not None and found_id != dag_id:
            continue
        tasks = {
            label: {"state": t.get("state"), "try_number": t.get("try_number")}
            for label, t in run.get("tasks", {}).items()
        }
        side.dags[found_id] = DagOutcome(run.get("state"), tasks, run.get("xcom", {}))
    return side


def _child(python: str) -> list[str]:
    """The child's command: its source run with ``-c`` from a neutral directory, so that
    the sandbox's own modules (``secrets.py``...) never shadow what Airflow imports."""
    return [python, "-c", CHILD.read_text(encoding="utf-8")]


def _db_template(python: str) -> Path:
    """Where a migrated Airflow database is kept between checks (per interpreter)."""
    import hashlib

    from platformdirs import user_cache_dir

    digest = hashlib.sha256(str(Path(python).resolve()).encode()).hexdigest()[:12]
    return Path(user_cache_dir("quizapp")) / "airflow-db" / f"{digest}.db"


def _xcom_for_compare(xcom: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for label, keys in xcom.items():
        for key, value in keys.items():
            if key in _UNORDERED_KEYS and isinstance(value, dict):
                value = {k: sorted(v, key=str) for k, v in value.items()}
            out.setdefault(label, {})[key] = value
    return out


def differs(sandbox: Side, airflow: Side, rows: list[Row]) -> bool:
    """Whether the two sides disagree (one refused the file, or a value differs)."""
    if sandbox.error or airflow.error:
        return not (sandbox.error and airflow.error)
    return any(not row.same for row in rows)


def compare(sandbox: Side, airflow: Side) -> list[Row]:
    """Every compared value of every DAG either side ran."""
    rows: list[Row] = []
    for dag_id in sorted(set(sandbox.dags) | set(airflow.dags)):
        mine, theirs = sandbox.dags.get(dag_id), airflow.dags.get(dag_id)
        rows.append(Row(dag_id, "run", mine and mine.state, theirs and theirs.state))
        tasks = sorted(set(mine.tasks if mine else {}) | set(theirs.tasks if theirs else {}))
        for label in tasks:
            a = (mine.tasks if mine else {}).get(label)
            b = (theirs.tasks if theirs else {}).get(label)
            rows.append(Row(dag_id, label, _task_text(a), _task_text(b)))
        left = _xcom_for_compare(mine.xcom if mine else {})
        right = _xcom_for_compare(theirs.xcom if theirs else {})
        for label in sorted(set(left) | set(right)):
            for key in sorted(set(left.get(label, {})) | set(right.get(label, {}))):
                rows.append(
                    Row(
                        dag_id,
                        f"xcom {label} {key}",
                        left.get(label, {}).get(key, _MISSING),
                        right.get(label, {}).get(key, _MISSING),
                    )
                )
    return rows


_MISSING = "(none)"


def _task_text(task: dict[str, Any] | None) -> str | None:
    if task is None:
        return "(no task instance)"
    return f"{task['state']} try {task['try_number']}"


def _cell(value: Any, width: int) -> str:
    text = value if isinstance(value, str) else json.dumps(_normal(value))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(sandbox: Side, airflow: Side | None, rows: list[Row], note: str = "") -> str:
    """The side-by-side report; every difference is marked ``<< differs``."""
    lines: list[str] = []
    if sandbox.error:
        lines.append(f"sandbox: could not run the file: {sandbox.error}")
    if airflow is None:
        for dag_id, run in sandbox.dags.items():
            lines.append(f"DAG {dag_id}: sandbox {run.state}")
            for label, task in run.tasks.items():
                lines.append(f"  {label:<28} {_task_text(task)}")
        lines += ["", note or INSTALL_HINT, "Not compared with Airflow."]
        return "\n".join(lines)
    if airflow.error:
        lines.append(f"Airflow {airflow.version}: could not run the file: {airflow.error}")
    if sandbox.error and airflow.error:
        lines.append("Both refused the file: no run to compare.")
        return "\n".join(lines)
    if not rows:
        lines.append("Nothing to compare.")
        return "\n".join(lines)
    width = 30
    header = f"{'':<34} {'sandbox':<{width}} {'Airflow ' + airflow.version:<{width}}"
    current = None
    for row in rows:
        if row.dag_id != current:
            current = row.dag_id
            lines += ["", f"DAG {row.dag_id}", header]
        mark = "" if row.same else "  << differs"
        lines.append(
            f"  {_cell(row.what, 32):<32} {_cell(row.sandbox, width):<{width}} "
            f"{_cell(row.airflow, width):<{width}}{mark}"
        )
    differing = [r for r in rows if not r.same]
    lines.append("")
    if differing or sandbox.error or airflow.error:
        lines.append(f"{len(differing)} difference(s) in {len(rows)} compared values.")
    else:
        lines.append(f"All {len(rows)} compared values match Airflow {airflow.version}.")
    return "\n".join(line.rstrip() for line in lines).lstrip("\n")
