"""How long a fresh process takes to its first grade: import, catalog load, first grade.

Usage::

    python benchmarks/grading_first.py [--runs N]

Each run is a new ``python -c`` process (so no cache of this process helps; the bank
catalog cache on disk does, as it does for the app). It prints the median of ``--runs``
runs for: ``import quizapp`` and the grader, loading the bundled banks, the first grade
(a 50-word answer, with the sibling check over every text question: it builds the
per-catalog caches) and a second grade of another answer.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = """
import json, time
t0 = time.perf_counter()
import quizapp
from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.paths import bank_dirs
t1 = time.perf_counter()
texts = [q for q in load_catalog(bank_dirs([])).questions if q.kind == "text"]
t2 = time.perf_counter()
grade(texts[0], ANSWER, texts)
t3 = time.perf_counter()
grade(texts[1], ANSWER + " Then it waits.", texts)
t4 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "catalog": t2 - t1, "first grade": t3 - t2,
                  "second grade": t4 - t3, "start to first grade": t3 - t0}))
"""
ANSWER = (
    "Airflow retries a failed task automatically: the retries parameter says how many more "
    "attempts it gets and retry_delay how long to wait between them, for example three retries "
    "five minutes apart. You can set both on one operator or for every task through "
    "default_args, and turn on exponential backoff with a maximum delay."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    code = CHILD.replace("ANSWER", repr(ANSWER))
    runs: list[dict[str, float]] = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for key in runs[0]:
        print(f"{key + ':':<22} {1000 * statistics.median(r[key] for r in runs):7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
