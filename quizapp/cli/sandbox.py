"""`quizapp sandbox`: list, show and run Airflow-syntax DAG files and the bundled examples.

Exit codes: 0 when every run succeeded, 1 when a run failed or the file cannot be used,
124 (as ``timeout(1)``) when the time limit stopped the run.
"""

from __future__ import annotations

import json
import sys

import click

#: Exit code of a run stopped by its time limit (the same as ``timeout(1)``).
TIME_LIMIT_EXIT = 124


@click.group()
def sandbox() -> None:
    """Run Airflow-syntax DAGs on a virtual clock (no Airflow install needed)."""


@sandbox.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the examples as JSON.")
def list_examples(as_json: bool) -> None:
    """List the bundled examples."""
    from quizapp.sandbox.catalog import example_names, example_summary

    items = [(name, example_summary(name)) for name in example_names()]
    if as_json:
        click.echo(json.dumps([{"name": n, "summary": s} for n, s in items], indent=2))
        return
    width = max(len(n) for n, _ in items)
    for name, summary in items:
        click.echo(f"{name:<{width}}  {summary}")


@sandbox.command()
@click.argument("name_or_file")
def show(name_or_file: str) -> None:
    """Print an example's (or a file's) source."""
    from quizapp.sandbox.catalog import resolve_target
    from quizapp.sandbox.exceptions import SandboxError

    try:
        click.echo(resolve_target(name_or_file).read_text(encoding="utf-8"), nl=False)
    except (SandboxError, OSError) as exc:
        raise click.ClickException(str(exc)) from None


def _pools(values: tuple[str, ...]) -> dict[str, int]:
    pools: dict[str, int] = {}
    for value in values:
        name, _, slots = value.partition("=")
        if not name or not slots.isdigit() or int(slots) < 1:
            raise click.BadParameter(f"{value!r}: use NAME=SLOTS, e.g. api=2", param_hint="--pool")
        pools[name] = int(slots)
    return pools


@sandbox.command()
@click.argument("name_or_file")
@click.option("--dag-id", help="Run only this DAG (a file may define several).")
@click.option("--json", "as_json", is_flag=True, help="Print the run(s) as compact JSON.")
@click.option("--logical-date", help="2024-01-15 or 2024-01-15T06:30:00+00:00 (default: now).")
@click.option("--start", help="Backfill: first logical date (with --end).")
@click.option("--end", help="Backfill: last logical date (with --start).")
@click.option(
    "--executor",
    type=click.Choice(["sequential", "local"]),
    default="sequential",
    show_default=True,
    help="local runs ready tasks in parallel threads.",
)
@click.option("--pool", "pool_values", multiple=True, help="Define a pool: NAME=SLOTS.")
@click.option("--isolate", is_flag=True, hidden=True, help="Kept for old scripts: always on.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds before the run is stopped (0: no limit).",
)
@click.option("--logs/--no-logs", default=True, help="Show task logs in the report.")
@click.option("--vars", "vars_file", type=click.Path(dir_okay=False),
              help="Variables for Variable.get: a JSON or YAML file {key: value}.")  # fmt: skip
@click.option("--conns", "conns_file", type=click.Path(dir_okay=False),
              help="Connections: a JSON or YAML file {conn_id: URI or {field: ...}}.")  # fmt: skip
def run(
    name_or_file: str,
    dag_id: str | None,
    as_json: bool,
    logical_date: str | None,
    start: str | None,
    end: str | None,
    executor: str,
    pool_values: tuple[str, ...],
    isolate: bool,
    time_limit: float,
    logs: bool,
    vars_file: str | None,
    conns_file: str | None,
) -> None:
    """Run an example (by name) or a DAG file, and report states, tries, timeline, logs.

    The DAG's code always runs in a child process: a crash, sys.exit or endless loop
    stays there, and past --time-limit the child and every process it started are killed.
    Variables and connections come from --vars / --conns, then AIRFLOW_VAR_* and
    AIRFLOW_CONN_* in the environment, as Airflow's dag.test() reads them.
    """
    from quizapp.sandbox.catalog import resolve_target
    from quizapp.sandbox.exceptions import SandboxError
    from quizapp.sandbox.isolate import TimeLimitExceeded, hit_time_limit, run_isolated
    from quizapp.sandbox.report import LiveView, format_result

    pools = _pools(pool_values)
    sink = None if as_json else LiveView(_write, sys.stdout.isatty())
    try:
        use_secret_files(vars_file, conns_file)
        path = resolve_target(name_or_file)
        results = run_isolated(
            path=path,
            dag_id=dag_id,
            logical_date=logical_date,
            start=start,
            end=end,
            executor=executor,
            pools=pools,
            sink=sink,
            time_limit=time_limit,
        )
    except TimeLimitExceeded as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(TIME_LIMIT_EXIT)
    except SandboxError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if as_json:
        payload = [r.to_json() for r in results]
        # Compact, in one go: an indented dump runs json's pure-Python encoder (a
        # 10,000-task run has 30,000 events), a compact one its C encoder.
        _write(json.dumps(payload[0] if len(payload) == 1 else payload, separators=(",", ":")))
        _write("\n")
    else:
        for result in results:
            click.echo(format_result(result, logs=logs))
            click.echo()
        if len(results) > 1:
            ok = sum(r.state == "success" for r in results)
            click.echo(f"{len(results)} runs: {ok} succeeded, {len(results) - ok} failed")
    stopped = next((r for r in results if hit_time_limit(r)), None)
    if stopped is not None:
        click.echo(f"error: {stopped.dag_id}: {stopped.error}", err=True)
        if time_limit:
            click.echo("(raise it with --time-limit SECONDS, or --time-limit 0 for none)", err=True)
        sys.exit(TIME_LIMIT_EXIT)
    sys.exit(0 if all(r.state == "success" for r in results) else 1)


def use_secret_files(vars_file: str | None, conns_file: str | None) -> None:
    """Read variables and connections from these files (SandboxError when unreadable)."""
    if vars_file is not None or conns_file is not None:
        from quizapp.sandbox.secrets import configure

        configure(vars_file, conns_file)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
