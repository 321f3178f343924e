"""Record what Apache Airflow 3.3.2 gives for the DAG files in ``dags_more/``.

Not a test and not a project dependency: run it with a Python that has
``apache-airflow==3.3.2`` installed, an initialised metadata database, and each DAG
file copied into ``$AIRFLOW_HOME/dags/`` (``dag.test`` serialises the DAG from the
dags folder), for example::

    export AIRFLOW_HOME=/tmp/afhome AIRFLOW__CORE__LOAD_EXAMPLES=False
    airflow db migrate
    cp tests/sandbox/conformance/dags_more/*.py $AIRFLOW_HOME/dags/
    python tests/sandbox/conformance/record_airflow.py $AIRFLOW_HOME/dags/NAME.py ... \\
        > part.json

It prints, per dag_id, the fields of ``expected.json`` (see ``README.md``) after
``dag.test(logical_date=2024-01-15T00:00:00Z, run_after=<same>)``; ``dag_file`` is
``dags_more/<file name>``. Each dag_id must be new to the database. XCom values are
written as JSON (see ``as_json``; a tuple becomes a list).

``NAME.dates.json`` (a list of ISO dates) runs each DAG once per date, in order, in the
same database (across-run dependencies); the records are keyed ``dag_id@YYYY-MM-DD``.
Each such run is a child process (``--one``): a run blocked by ``depends_on_past`` never
ends in ``dag.test`` (Airflow keeps it running), so after ``STALL_SECONDS`` the child is
stopped and the run recorded as it stands.
Beside ``NAME.py``, ``NAME.vars.json`` and ``NAME.conns.json`` are passed to ``dag.test``
as ``variable_file_path`` / ``conn_file_path``, and ``NAME.env.json`` (``{"AIRFLOW_VAR_X":
...}``) is set in the environment for the run (the tests do the same; see
``sidecars``).

``--import-errors FILE...`` prints instead, per file name, whether Airflow imports it:
``{"line": N, "error": "<last line of the traceback>"}`` or ``{"error": null}``.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

WHEN = datetime(2024, 1, 15, tzinfo=UTC)


def _label(task_id: str, map_index: int) -> str:
    return task_id if map_index < 0 else f"{task_id}[{map_index}]"


def _state(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def sidecars(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """For ``NAME.py``: the ``dag.test`` file arguments and the environment of its run."""
    files = {
        key: str(path.with_suffix(suffix).resolve())
        for key, suffix in (("variable_file_path", ".vars.json"), ("conn_file_path", ".conns.json"))
        if path.with_suffix(suffix).is_file()
    }
    env_file = path.with_suffix(".env.json")
    env = json.loads(env_file.read_text(encoding="utf-8")) if env_file.is_file() else {}
    return files, env


def record(path: Path) -> dict[str, Any]:
    """Run every DAG the file defines and return its record, keyed by dag_id."""
    import os

    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.taskinstancehistory import TaskInstanceHistory
    from airflow.models.xcom import XComModel
    from airflow.sdk.serde import deserialize
    from airflow.utils.session import create_session

    bag = DagBag(dag_folder=str(path))
    if bag.import_errors:
        raise SystemExit(f"{path}: {bag.import_errors}")
    out: dict[str, Any] = {}
    files, env = sidecars(path)
    os.environ.update(env)
    dates_file = path.with_suffix(".dates.json")
    dates = (
        [datetime.fromisoformat(d) for d in json.loads(dates_file.read_text(encoding="utf-8"))]
        if dates_file.is_file()
        else [WHEN]
    )
    for dag, when in ((d, w) for d in bag.dags.values() for w in dates):
        if dates_file.is_file():
            run = _run_in_child(path, dag.dag_id, when)
        else:
            run = dag.test(logical_date=when, run_after=when, **files)
        tasks: dict[str, Any] = {}
        xcom: dict[str, Any] = {}
        with create_session() as session:
            for ti in run.get_task_instances(session=session):
                entry: dict[str, Any] = {
                    "state": _state(ti.state),
                    "try_number": ti.try_number,
                    "max_tries": ti.max_tries,
                }
                history = (
                    session.query(TaskInstanceHistory)
                    .filter_by(
                        dag_id=dag.dag_id,
                        run_id=run.run_id,
                        task_id=ti.task_id,
                        map_index=ti.map_index,
                    )
                    .order_by(TaskInstanceHistory.try_number)
                    .all()
                )
                if history:
                    entry["earlier_tries"] = [
                        {"state": _state(h.state), "try_number": h.try_number} for h in history
                    ]
                tasks[_label(ti.task_id, ti.map_index)] = entry
            for row in session.query(XComModel).filter_by(dag_id=dag.dag_id, run_id=run.run_id):
                value = deserialize(row.value)  # as the Task SDK reads it (BaseXCom)
                if row.key == "skipmixin_key":
                    value = {k: sorted(v) for k, v in value.items()}
                xcom.setdefault(_label(row.task_id, row.map_index), {})[row.key] = value
        structure = {
            t.task_id: {
                "upstream": sorted(t.upstream_task_ids),
                "downstream": sorted(t.downstream_task_ids),
                "trigger_rule": _state(t.trigger_rule),
                "operator": type(t).__name__,
            }
            for t in dag.tasks
        }
        asset_events = _asset_events(dag.dag_id, run.run_id)
        key = dag.dag_id if len(dates) == 1 else f"{dag.dag_id}@{when.date().isoformat()}"
        out[key] = {
            "dag_file": f"dags_more/{path.name}",
            "dag_run_state": _state(run.state),
            "run_id": run.run_id,
            "logical_date": run.logical_date.isoformat(),
            "data_interval_start": run.data_interval_start.isoformat(),
            "data_interval_end": run.data_interval_end.isoformat(),
            "tasks": dict(sorted(tasks.items())),
            "xcom": dict(sorted(xcom.items())),
            "structure": structure,
        }
        if asset_events is not None:
            out[key]["asset_events"] = asset_events
    return out


def _asset_events(dag_id: str, run_id: str) -> list[dict[str, Any]] | None:
    """The asset events the run created (None when the DAG has no outlets at all)."""
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    with create_session() as session:
        rows = (
            session.query(AssetEvent, AssetModel)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .filter(AssetEvent.source_dag_id == dag_id, AssetEvent.source_run_id == run_id)
            .order_by(AssetEvent.id)
            .all()
        )
        return [
            {
                "name": asset.name,
                "uri": asset.uri,
                "extra": event.extra,
                "source_task_id": event.source_task_id,
            }
            for event, asset in rows
        ] or None


STALL_SECONDS = 40


def _run_in_child(path: Path, dag_id: str, when: datetime) -> Any:
    """``dag.test`` in a child process, stopped after STALL_SECONDS; the DagRun after."""
    import subprocess

    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session

    command = [sys.executable, __file__, "--one", str(path), dag_id, when.isoformat()]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        child.wait(timeout=STALL_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    with create_session() as session:
        run = session.query(DagRun).filter_by(dag_id=dag_id, logical_date=when).one()
        session.expunge(run)
    return run


def _one(path: str, dag_id: str, when: str) -> None:
    from airflow.dag_processing.dagbag import DagBag

    files, env = sidecars(Path(path))
    import os

    os.environ.update(env)
    dag = DagBag(dag_folder=path).dags[dag_id]
    moment = datetime.fromisoformat(when)
    dag.test(logical_date=moment, run_after=moment, **files)


def record_import_error(path: Path) -> dict[str, Any]:
    """Whether Airflow's DagBag imports the file; if not, the error's line and last line."""
    import re

    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(path))
    if not bag.import_errors:
        return {"error": None}
    text = next(iter(bag.import_errors.values()))
    lines = re.findall(rf'File "{re.escape(str(path))}", line (\d+)', text)
    last = [line for line in text.strip().splitlines() if line.strip()][-1]
    return {"line": int(lines[-1]) if lines else None, "error": last.strip()}


def as_json(value: Any) -> Any:
    """JSON for what json cannot write: a date as ISO text, a set sorted, a tuple as a
    list, anything else (Decimal, UUID, timedelta) as its str()."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (tuple, list)):
        return list(value)
    return str(value)


def main(paths: list[str]) -> None:
    logging.disable(logging.CRITICAL)
    result: dict[str, Any] = {}
    if paths and paths[0] == "--one":
        _one(*paths[1:4])
        return
    if paths and paths[0] == "--import-errors":
        for name in paths[1:]:
            result[Path(name).name] = record_import_error(Path(name))
        print(json.dumps(result, indent=1, sort_keys=True))
        return
    for name in paths:
        result.update(record(Path(name)))
    print(json.dumps(result, indent=1, sort_keys=True, default=as_json))


if __name__ == "__main__":
    main(sys.argv[1:])
