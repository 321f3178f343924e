"""Load+validate time of generated banks beside the raw YAML parse of the same file.

Run: python benchmarks/bank_load.py
Target: validation costs no more than half again the parse (ratio <= 1.5); a 10,000-question
bank loads from the catalog cache (MessagePack, via msgspec) in <= 200 ms.
"""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

import yaml

from quizapp.core.bank import load_bank_file
from quizapp.core.bank_cache import CACHE_NAME, load_catalog_cached

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


def make_bank(count: int) -> str:
    lines = [
        "# yaml-language-server: $schema=schema.json",
        "bank: generated",
        "title: Generated bank",
        "questions:",
    ]
    for i in range(count):
        lines += [
            f"  - id: q-{i}",
            f"    prompt: What does component number {i} of the scheduler do?",
            "    answer: |",
            f"      Component {i} parses DAG files, stores serialized DAGs and hands work",
            "      to the executor, which runs task instances on workers.",
            "    key_points:",
            "      - parses DAG files",
            "      - text: stores serialized DAGs",
            "        aliases: [serialises the DAG to the database]",
            "        weight: 2",
            "      - hands work to the executor",
            "    difficulty: medium",
            "    tags: [architecture, scheduler]",
            f"    source: generated {i}",
        ]
    return "\n".join(lines) + "\n"


def best_of(runs: int, func: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"YAML loader: {Loader.__name__}")
    print("parse = yaml.load(CSafeLoader) of the same file; the loader pauses the cyclic GC while")
    print("it builds the node tree, so 'parse, GC paused' is the like-for-like baseline.")
    header = f"{'questions':>10} {'parse':>8} {'parse, GC paused':>17} {'load+validate':>14}"
    print(f"{header} {'ratio':>6} {'ratio (GC paused)':>18}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1_000, 10_000):
            path = Path(tmp) / f"bank{count}.yaml"
            path.write_text(make_bank(count), encoding="utf-8")
            runs = 5 if count <= 1_000 else 3

            def parse(path: Path = path) -> None:
                yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)

            def load(path: Path = path, count: int = count) -> None:
                bank, issues = load_bank_file(path, frozenset())
                assert bank is not None and not issues and len(bank.questions) == count

            parse_s = best_of(runs, parse)
            gc.disable()
            try:
                paused_s = best_of(runs, parse)
            finally:
                gc.enable()
            load_s = best_of(runs, load)
            print(
                f"{count:>10} {parse_s:>7.3f}s {paused_s:>16.3f}s {load_s:>13.3f}s "
                f"{load_s / parse_s:>6.2f} {load_s / paused_s:>18.2f}"
            )

    print()
    print("catalog cache (MessagePack): the app's start when no bank changed; target <= 0.200 s")
    print("(best of 7; CPU time beside wall time, as the machine may be shared)")
    print(f"{'questions':>10} {'cache size':>11} {'from cache':>11} {'cpu':>7} {'full load':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "banks"
        folder.mkdir()
        (folder / "generated.yaml").write_text(make_bank(10_000), encoding="utf-8")
        full_s = best_of(1, lambda: load_catalog_cached([folder], Path(tmp) / "cold"))
        warm = Path(tmp) / "warm"
        load_catalog_cached([folder], warm)
        wall_cpu = []
        for _ in range(7):
            started, cpu = time.perf_counter(), time.process_time()
            assert len(load_catalog_cached([folder], warm)) == 10_000
            wall_cpu.append((time.perf_counter() - started, time.process_time() - cpu))
        cached_s, cached_cpu = min(wall_cpu)
        size = (warm / CACHE_NAME).stat().st_size
        print(
            f"{10_000:>10} {size / 1e6:>9.1f}MB {cached_s:>10.3f}s {cached_cpu:>6.3f}s "
            f"{full_s:>9.3f}s"
        )


if __name__ == "__main__":
    main()
