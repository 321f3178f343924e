"""Run a DAG file under real Apache Airflow's ``dag.test()`` and print what happened.

Started by ``quizapp sandbox check`` with an interpreter that has Airflow installed
(``python airflow_child.py ...``); it imports nothing from quizapp, so that interpreter
needs only Airflow. The parent gives it a throwaway ``AIRFLOW_HOME`` with a SQLite
database (``AIRFLOW__DATABASE__SQL_ALCHEMY_CONN``) in the environment.

``--probe`` prints ``{"airflow": "<version>"}``. Otherwise the last stdout line is
``QUIZAPP-AIRFLOW-RESULT {json}``: ``{"dags": {dag_id: {"state", "tasks": {label:
{"state", "try_number", "max_tries"}}, "xcom": {label: {key: value}}}}}`` or
``{"error": "..."}`` when the file does not import.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

MARKER = "QUIZAPP-AIRFLOW-RESULT "


def _label(task_id: str, map_index: int) -> str:
    return task_id if map_index < 0 else f"{task_id}[{map_index}]"


def _state(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _json(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (tuple, list)):
        return list(value)
    return str(value)


def _prepare_database(home: Path, template: str | None) -> None:
    """Copy a migrated database from ``template`` or migrate one (and keep a copy there)."""
    database = home / "airflow.db"
    if template and Path(template).is_file():
        shutil.copyfile(template, database)
        return
    subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if template:
        Path(template).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database, template)


def _run(dag_file: Path, logical_date: datetime, files: dict[str, str]) -> dict[str, Any]:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.xcom import XComModel
    from airflow.sdk.serde import deserialize
    from airflow.utils.session import create_session

    bag = DagBag(dag_folder=str(dag_file))
    if bag.import_errors:
        return {"error": "\n".join(bag.import_errors.values()).strip()}
    dags: dict[str, Any] = {}
    for dag in bag.dags.values():
        run = dag.test(logical_date=logical_date, run_after=logical_date, **files)
        tasks: dict[str, Any] = {}
        xcom: dict[str, Any] = {}
        with create_session() as session:
            for ti in run.get_task_instances(session=session):
                tasks[_label(ti.task_id, ti.map_index)] = {
                    "state": _state(ti.state),
                    "try_number": ti.try_number,
                    "max_tries": ti.max_tries,
                }
            rows = session.query(XComModel).filter_by(dag_id=dag.dag_id, run_id=run.run_id)
            for row in rows:
                value = deserialize(row.value)
                xcom.setdefault(_label(row.task_id, row.map_index), {})[row.key] = value
        dags[dag.dag_id] = {"state": _state(run.state), "tasks": tasks, "xcom": xcom}
    return {"dags": dags}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("--dag-file")
    parser.add_argument("--logical-date")
    parser.add_argument("--vars")
    parser.add_argument("--conns")
    parser.add_argument("--db-template")
    args = parser.parse_args(argv)
    if args.probe:
        import airflow

        print(json.dumps({"airflow": getattr(airflow, "__version__", "?")}))
        return 0
    home = Path(os.environ["AIRFLOW_HOME"])
    dags_folder = Path(os.environ["AIRFLOW__CORE__DAGS_FOLDER"])
    dags_folder.mkdir(parents=True, exist_ok=True)
    source = Path(args.dag_file)
    dag_file = dags_folder / source.name
    shutil.copyfile(source, dag_file)
    _prepare_database(home, args.db_template)
    logging.disable(logging.CRITICAL)
    when = datetime.fromisoformat(args.logical_date.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)  # noqa: UP017 (any Python Airflow runs on)
    files = {}
    if args.vars:
        files["variable_file_path"] = str(Path(args.vars).resolve())
    if args.conns:
        files["conn_file_path"] = str(Path(args.conns).resolve())
    try:
        result = _run(dag_file, when, files)
    except Exception as exc:  # reported to the parent, which shows it
        result = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.flush()
    print("\n" + MARKER + json.dumps(result, default=_json, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
