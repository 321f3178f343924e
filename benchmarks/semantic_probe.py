"""Does WordLlama similarity separate the grader's errors? Fit a one-step rule, test unseen.

Usage::

    python benchmarks/semantic_probe.py [--fit dev2-tune] [--show]

For every judged answer in ``shared/grading/dev2.jsonl`` (split into a tune and a check
half by :func:`grading_agreement.split_half`), ``benchmarks/grading_blind.jsonl``,
``shared/grading/dev.jsonl`` and ``benchmarks/grading_heldout.jsonl``: the grader's
verdict, whether the grade was *movable* (it reached ``grade()``'s last return: no trap,
misconception, negated point, denial, off-mark or sibling verdict) and the semantic
features of :func:`quizapp.core.semantic.similarity`.

Then a grid of one-step rules (up: partial -> correct, incorrect -> partial, when missed
key points come near enough; down: partial -> incorrect when nothing comes near) is fitted
on the fit set only (default: dev2's tune half) and the best rule is reported on every
set, the fit set marked as such. Figures: agreement, correct<->incorrect swaps, wrong
claims graded correct, traps graded correct, rows moved (right / wrong).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_agreement import (
    DEFAULT_DEV,
    DEFAULT_DEV2,
    TRAPS,
    WRONG_CLAIMS,
    by_key,
    load_rows,
    row_key,
    split_half,
)

from quizapp.core import grading, semantic
from quizapp.core.bank import load_catalog
from quizapp.core.models import Question
from quizapp.paths import bank_dirs

HERE = Path(__file__).resolve().parent
BLIND = HERE / "grading_blind.jsonl"
HELDOUT = HERE / "grading_heldout.jsonl"
ORDER = ("incorrect", "partial", "correct")
GUARDS = ("_trap", "_denies_the_core", "_off_the_mark", "_sibling")


@dataclass(frozen=True)
class Row:
    """One judged answer with the grader's verdict and the semantic features."""

    label: str
    kind: str
    verdict: str
    movable: bool
    hits: tuple[bool, ...]
    weights: tuple[float, ...]
    sims: tuple[float, ...]
    model_answer: float
    answer: str


@contextmanager
def _guard_watch(fired: list[str]) -> Iterator[None]:
    """Record which of grade()'s guards returned something truthy (probe only)."""
    saved = {name: getattr(grading, name) for name in GUARDS}

    def wrap(name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def inner(*args: object, **kwargs: object) -> object:
            out = fn(*args, **kwargs)
            if out:
                fired.append(name)
            return out

        return inner

    for name, fn in saved.items():
        setattr(grading, name, wrap(name, fn))
    try:
        yield
    finally:
        for name, fn in saved.items():
            setattr(grading, name, fn)


def featurise(
    rows: Sequence[dict[str, object]], seeds: dict[int | str, Question], others: Sequence[Question]
) -> list[Row]:
    """Each row with a bank question, graded and embedded."""
    out = []
    for row in rows:
        question = seeds.get(row_key(row))
        if question is None:
            continue
        answer = str(row["answer"])
        fired: list[str] = []
        with _guard_watch(fired):
            result = grading.grade(question, answer, others)
        movable = (
            not fired and not result.misconceptions and not any(p.negated for p in result.points)
        )
        sim = semantic.similarity(question, answer)
        out.append(
            Row(
                str(row["label"]),
                str(row["kind"]),
                result.verdict,
                movable,
                tuple(p.hit for p in result.points),
                tuple(p.point.weight for p in result.points),
                sim.points if sim else (),
                sim.model_answer if sim else 0.0,
                answer,
            )
        )
    return out


@dataclass(frozen=True)
class Rule:
    """One-step moves of a movable grade; a ``None`` threshold switches that arm off.

    Up (partial -> correct, incorrect -> partial): the whole answer reaches ``up_model``
    against the model answer and some missed key point reaches ``up_near``. Down: a
    ``correct`` answer below ``down_model`` against the model answer becomes partial; a
    ``partial`` one whose every key point stays below ``down_points`` becomes incorrect.
    """

    up_model: float | None
    up_near: float
    down_model: float | None
    down_points: float | None

    def apply(self, row: Row) -> str:
        if not row.movable or not row.sims:
            return row.verdict
        missed = [s for s, h in zip(row.sims, row.hits, strict=True) if not h]
        step = ORDER.index(row.verdict)
        if (
            self.up_model is not None
            and row.verdict != "correct"
            and row.model_answer >= self.up_model
            and max(missed, default=0.0) >= self.up_near
        ):
            return ORDER[step + 1]
        if self.down_model is not None and row.verdict == "correct":
            return "partial" if row.model_answer < self.down_model else row.verdict
        if self.down_points is not None and row.verdict == "partial":
            return "incorrect" if max(row.sims) < self.down_points else row.verdict
        return row.verdict


def figures(rows: Sequence[Row], rule: Rule | None) -> dict[str, float]:
    """Agreement, swaps, wrong claims graded correct, traps graded correct, moves."""
    verdicts = [rule.apply(r) if rule else r.verdict for r in rows]
    n = len(rows) or 1
    wrong = [
        v
        for r, v in zip(rows, verdicts, strict=True)
        if r.kind in WRONG_CLAIMS and r.label == "incorrect"
    ]
    traps = [v for r, v in zip(rows, verdicts, strict=True) if r.kind in TRAPS]
    moved = [(r, v) for r, v in zip(rows, verdicts, strict=True) if v != r.verdict]
    return {
        "n": len(rows),
        "agree": sum(r.label == v for r, v in zip(rows, verdicts, strict=True)) / n,
        "swaps": sum(
            {r.label, v} == {"correct", "incorrect"} for r, v in zip(rows, verdicts, strict=True)
        )
        / n,
        "wrong_ok": wrong.count("correct") / (len(wrong) or 1),
        "traps_ok": traps.count("correct") / (len(traps) or 1),
        "moved": len(moved),
        "moved_right": sum(v == r.label for r, v in moved),
        "moved_wrong": sum(r.verdict == r.label for r, v in moved),
    }


def line(name: str, f: dict[str, float]) -> str:
    return (
        f"{name:<28} n={f['n']:<4.0f} agree {100 * f['agree']:5.1f}%"
        f"  swaps {100 * f['swaps']:4.1f}%"
        f"  wrong->correct {100 * f['wrong_ok']:4.1f}%  traps->correct {100 * f['traps_ok']:4.1f}%"
        f"  moved {f['moved']:.0f} (fixed {f['moved_right']:.0f}, broke {f['moved_wrong']:.0f})"
    )


def rules() -> Iterator[Rule]:
    """The grid the fit searches (about 13,000 rules)."""
    ups: list[float | None] = [None, *[x / 100 for x in range(50, 95, 2)]]
    down_models: list[float | None] = [None, *[x / 100 for x in range(40, 71, 2)]]
    down_points: list[float | None] = [None, *[x / 100 for x in range(20, 61, 5)]]
    for up, near, down, floor in itertools.product(
        ups, (0.0, 0.5, 0.6, 0.7), down_models, down_points
    ):
        if up is None and near:
            continue
        yield Rule(up, near, down, floor)


def fit(rows: Sequence[Row]) -> Rule:
    """The rule with the best agreement on ``rows`` that adds no swap or wrong claim passed."""
    base = figures(rows, None)
    best, best_key = Rule(None, 0.0, None, None), (base["agree"], 0.0)
    for rule in rules():
        f = figures(rows, rule)
        if f["swaps"] > base["swaps"] or f["wrong_ok"] > base["wrong_ok"]:
            continue
        key = (f["agree"], -f["moved"])
        if key > best_key:
            best, best_key = rule, key
    return best


def separation(rows: Sequence[Row]) -> None:
    """Mean best cosine with a missed point, by (grader verdict, human label), movable rows."""
    groups: dict[tuple[str, str], list[float]] = {}
    for r in rows:
        if not r.movable or not r.sims:
            continue
        missed = [s for s, h in zip(r.sims, r.hits, strict=True) if not h]
        groups.setdefault((r.verdict, r.label), []).append(max(missed, default=1.0))
    for (verdict, label), vals in sorted(groups.items()):
        vals.sort()
        mid = vals[len(vals) // 2]
        print(
            f"  grader {verdict:<9} human {label:<9} n={len(vals):<4}"
            f" best missed-point cosine: median {mid:.2f}, min {vals[0]:.2f}, max {vals[-1]:.2f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the separation table")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    if semantic.model() is None:
        print("wordllama is not installed: nothing to probe")
        return 1
    print(f"model load (numpy, tokenizer JSON, 16 MB table): {time.perf_counter() - began:.2f} s")
    catalog = load_catalog(bank_dirs([]))
    texts = [q for q in catalog.questions if q.kind == "text"]
    seeds = by_key(texts)
    start = time.perf_counter()
    dev2 = load_rows(DEFAULT_DEV2)
    sets: dict[str, list[Row]] = {
        "dev2 tune half (FIT)": featurise(
            [r for r in dev2 if split_half(r) == "tune"], seeds, texts
        ),
        "dev2 check half": featurise([r for r in dev2 if split_half(r) == "check"], seeds, texts),
        "blind": featurise(load_rows(BLIND), seeds, texts),
        "dev": featurise(load_rows(DEFAULT_DEV), seeds, texts),
        "heldout": featurise(load_rows(HELDOUT), seeds, texts),
    }
    took = time.perf_counter() - start
    print(f"graded and embedded {sum(map(len, sets.values()))} rows in {took:.1f} s")
    answers = [(seeds[row_key(r)], str(r["answer"])) for r in dev2 if row_key(r) in seeds]
    cpu = time.process_time()
    for question, answer in answers:
        semantic.similarity(question, answer)
    each = (time.process_time() - cpu) / max(len(answers), 1)
    print(f"similarity() per answer (key points cached): {1000 * each:.2f} ms CPU")
    fit_rows = sets["dev2 tune half (FIT)"]
    if args.show:
        for name, rows in sets.items():
            print(name)
            separation(rows)
    rule = fit(fit_rows)
    print(f"fitted on dev2 tune half only: {rule}")
    arms = {
        "+ fitted rule": rule,
        "+ its up arm only": replace(rule, down_model=None, down_points=None),
        "+ its down arms only": replace(rule, up_model=None, up_near=0.0),
    }
    for name, rows in sets.items():
        print(line(name + ", grader", figures(rows, None)))
        for arm, r in arms.items():
            print(line(f"  {arm}", figures(rows, r)))
        if args.show:
            for row in rows:
                moved = rule.apply(row)
                if moved != row.verdict:
                    fixed, broke = moved == row.label, row.verdict == row.label
                    mark = "fixed" if fixed else "broke" if broke else "moved"
                    print(
                        f"    {mark}: {row.verdict} -> {moved} (human {row.label}, {row.kind},"
                        f" model-answer cosine {row.model_answer:.2f}) {row.answer[:110]}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
