"""`quizapp sandbox check FILE`: the sandbox's run next to Airflow's own dag.test().

Exit codes: 0 when both sides agree on every compared value, 1 when something differs
(or a side could not run), 2 when Airflow is not available and nothing was compared.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from quizapp.cli.sandbox import sandbox, use_secret_files


@sandbox.command("check")
@click.argument("dag_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--airflow", "airflow_python", metavar="PYTHON",
              help="A Python that has Apache Airflow (default: this one, if it has).")  # fmt: skip
@click.option("--dag-id", help="Check only this DAG (a file may define several).")
@click.option("--logical-date", help="2024-01-15 or an ISO timestamp (default: today, 00:00 UTC).")
@click.option("--vars", "vars_file", type=click.Path(exists=True, dir_okay=False),
              help="Variables file (JSON or YAML), given to both sides.")  # fmt: skip
@click.option("--conns", "conns_file", type=click.Path(exists=True, dir_okay=False),
              help="Connections file (JSON or YAML), given to both sides.")  # fmt: skip
@click.option("--time-limit", type=float, default=600.0, show_default=True,
              help="Seconds for each side (Airflow waits out retry delays).")  # fmt: skip
def check(
    dag_file: str,
    airflow_python: str | None,
    dag_id: str | None,
    logical_date: str | None,
    vars_file: str | None,
    conns_file: str | None,
    time_limit: float,
) -> None:
    """Run DAG_FILE in the sandbox and under Airflow's dag.test(); show both, mark differences."""
    from quizapp.sandbox.check import (
        airflow_side,
        compare,
        differs,
        find_airflow,
        format_report,
        sandbox_side,
    )
    from quizapp.sandbox.exceptions import SandboxError
    from quizapp.sandbox.runner import parse_logical_date

    try:
        when = parse_logical_date(
            logical_date or datetime.now(UTC).strftime("%Y-%m-%d")
        ).isoformat()
        use_secret_files(vars_file, conns_file)
    except SandboxError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    path = Path(dag_file)
    mine = sandbox_side(path, when, time_limit=time_limit, dag_id=dag_id)
    python, version = find_airflow(airflow_python)
    if python is None:
        click.echo(format_report(mine, None, [], note=version))
        sys.exit(2)
    click.echo(f"Running under Airflow {version} ({python}); this takes real time...", err=True)
    theirs = airflow_side(
        python,
        path,
        when,
        time_limit=time_limit,
        vars_file=vars_file,
        conns_file=conns_file,
        dag_id=dag_id,
    )
    theirs.version = version
    rows = compare(mine, theirs)
    click.echo(format_report(mine, theirs, rows))
    sys.exit(1 if differs(mine, theirs, rows) else 0)
