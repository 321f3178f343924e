"""Sandbox speed: 1,000-task DAGs (chains and fan-outs), per-task overhead, the examples.

Run:  python benchmarks/sandbox.py [--tasks 1000] [--repeat 3]

When ``apache-airflow`` is importable, the same small DAG also runs under Airflow's
own ``dag.test()`` and the ratio is printed; without it that comparison is skipped
(Airflow is not a dependency of quizapp).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from quizapp.sandbox import DAG, EmptyOperator, PythonOperator, run_dag
from quizapp.sandbox.catalog import example_names, example_path
from quizapp.sandbox.loader import load_dag_source
from quizapp.sandbox.runfile import run_file

LOGICAL_DATE = datetime(2024, 1, 15, tzinfo=UTC)


def _noop() -> None:
    return None


def chain_dag(n: int, python: bool) -> DAG:
    """n tasks in one line."""
    with DAG(f"chain_{n}") as dag:
        previous = None
        for i in range(n):
            op = _task(f"t{i}", python)
            if previous is not None:
                previous >> op
            previous = op
    return dag


def fan_dag(n: int, python: bool) -> DAG:
    """One task fanning out to n - 2 tasks that fan back in to one."""
    with DAG(f"fan_{n}") as dag:
        start, end = _task("start", python), _task("end", python)
        middle = [_task(f"m{i}", python) for i in range(n - 2)]
        start >> middle >> end
    return dag


def mixed_dag(n: int, python: bool) -> DAG:
    """Ten chains of n/10 tasks between a fan-out and a fan-in."""
    with DAG(f"mixed_{n}") as dag:
        start, end = _task("start", python), _task("end", python)
        width = 10
        for lane in range(width):
            previous = start
            for i in range((n - 2) // width):
                op = _task(f"l{lane}_{i}", python)
                previous >> op
                previous = op
            previous >> end
    return dag


def _task(task_id: str, python: bool) -> object:
    if python:
        return PythonOperator(task_id=task_id, python_callable=_noop)
    return EmptyOperator(task_id=task_id)


def timed(action: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` wall-clock timings, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def bench_large(n: int, repeat: int) -> None:
    print(f"== {n}-task DAGs (best of {repeat}; sequential executor unless noted)")
    print(f"{'shape':<28}{'build s':>9}{'run s':>9}{'per task µs':>13}")
    for shape in (chain_dag, fan_dag, mixed_dag):
        for python in (False, True):
            kind = "PythonOperator" if python else "EmptyOperator"
            build = timed(lambda s=shape, p=python: s(n, p), repeat)
            dag = shape(n, python)
            tasks = len(dag.tasks)
            for executor in ("sequential", "local") if shape is fan_dag else ("sequential",):
                run = timed(lambda d=dag, e=executor: run_dag(d, logical_date=LOGICAL_DATE,
                                                              executor=e), repeat)  # fmt: skip
                label = f"{shape.__name__[:-4]} {kind}" + (" local" if executor == "local" else "")
                print(f"{label:<28}{build:>9.3f}{run:>9.3f}{run / tasks * 1e6:>13.0f}")


def bench_examples(repeat: int) -> None:
    print(f"\n== bundled examples, load + run (best of {repeat})")
    for name in example_names():
        seconds = timed(lambda n=name: run_file(example_path(n)), repeat)
        print(f"{name:<18}{seconds * 1000:>9.1f} ms")


#: The DAG both engines run: Airflow's dag.test() needs it in a file in its dags folder
#: (it serialises the DAG from there); the sandbox loads the same text.
AIRFLOW_DAG = """
from datetime import datetime, timezone

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, chain

START = datetime(2024, 1, 15, tzinfo=timezone.utc)

with DAG("bench_small", schedule=None, start_date=START) as dag:
    chain(*[PythonOperator(task_id=f"t{i}", python_callable=lambda: None) for i in range(10)])
"""


def bench_airflow(repeat: int) -> None:
    print("\n== Airflow comparison")
    if importlib.util.find_spec("airflow") is None:
        print("skipped: apache-airflow is not importable here (it is not a quizapp dependency)")
        return
    # A throwaway metadata database: dag.test() needs one; never touch a real AIRFLOW_HOME.
    home = Path(tempfile.mkdtemp(prefix="quizapp-bench-airflow-"))
    os.environ["AIRFLOW_HOME"] = str(home)
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    dag_file = home / "dags" / "bench_small.py"
    dag_file.parent.mkdir()
    dag_file.write_text(AIRFLOW_DAG, encoding="utf-8")
    try:
        from airflow.utils import db

        db.initdb()
        spec = importlib.util.spec_from_file_location("bench_small", dag_file)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        real = module.dag
        airflow_s = timed(
            lambda: real.test(logical_date=LOGICAL_DATE, run_after=LOGICAL_DATE), repeat
        )
        states = {ti.task_id: getattr(ti.state, "value", ti.state) for ti in real.test(
            logical_date=LOGICAL_DATE, run_after=LOGICAL_DATE).get_task_instances()}  # fmt: skip
    except Exception as exc:  # an Airflow install without a usable metadata DB, say
        print(f"skipped: Airflow's dag.test() could not run here: {type(exc).__name__}: {exc}")
        return
    ours = load_dag_source(AIRFLOW_DAG, "bench_small.py")["bench_small"]
    sandbox_s = timed(lambda: run_dag(ours, logical_date=LOGICAL_DATE), repeat)
    same = states == {t: r.state for t, r in run_dag(ours, logical_date=LOGICAL_DATE).tasks.items()}
    print(
        f"10-task PythonOperator chain: Airflow dag.test() {airflow_s:.3f} s, "
        f"sandbox {sandbox_s * 1000:.1f} ms, ratio {airflow_s / sandbox_s:.0f}x, "
        f"same task states: {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_large(args.tasks, args.repeat)
    bench_examples(args.repeat)
    bench_airflow(args.repeat)


if __name__ == "__main__":
    main()
