"""Dump every grade the grader gives on a fixed corpus, to check a speed-up changes none.

Usage::

    python benchmarks/grading_verdicts.py OUT.jsonl [--no-siblings]
    diff before.jsonl after.jsonl        # must print nothing

The corpus: every row of ``shared/grading/dev.jsonl`` and ``dev2.jsonl`` and of
``benchmarks/grading_*.jsonl``; each text question's model answer graded against
itself and against the next question's prompt (a sibling's answer); the model answer
with smart quotes and dashes; and a few word salads. Each line holds the full result:
verdict, score (6 places), per point hit / negated / similarity / span, the
misconceptions found with their spans, and the reason. The sibling check runs over
every text question of the catalog unless ``--no-siblings``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from grading_agreement import DEFAULT_DEV, DEFAULT_DEV2, by_key, load_rows, row_key

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Grade, Question
from quizapp.paths import bank_dirs

HERE = Path(__file__).resolve().parent
SALADS = (
    "",
    "idk",
    "dag task scheduler executor xcom retries pool sensor",
    "the the the of of and",
    "asdf qwer zxcv uiop",
    "Scheduler — webserver “metadata” database, café naïve ﬁle ﬂow… ½",
    "retries retry_delay up_for_retry default_args BranchPythonOperator LocalExecutor",
)


def _smart(text: str) -> str:
    """``text`` with typographic quotes and dashes, as pasted from a word processor."""
    return text.replace("'", "’").replace(" - ", " — ").replace('"', "“").replace(", ", " – ", 1)


def corpus(questions: Sequence[Question]) -> Iterator[tuple[str, Question, str]]:
    """``(label, question, answer)`` for every answer graded."""
    keyed = by_key(questions)
    paths = [DEFAULT_DEV, DEFAULT_DEV2, *sorted(HERE.glob("grading_*.jsonl"))]
    for path in paths:
        if not path.exists():
            continue
        for n, row in enumerate(load_rows(path)):
            question = keyed.get(row_key(row))
            if question is not None:
                yield f"{path.name}:{n}", question, str(row["answer"])
    for n, question in enumerate(questions):
        following = questions[(n + 1) % len(questions)]
        yield f"model:{question.id}", question, question.answer
        yield f"smart:{question.id}", question, _smart(question.answer)
        yield f"other:{question.id}", question, following.answer
        for k, salad in enumerate(SALADS):
            if n % 10 == 0:
                yield f"salad{k}:{question.id}", question, salad


def dump(result: Grade) -> dict[str, object]:
    """Everything a grade says, in a stable JSON shape."""
    return {
        "verdict": result.verdict,
        "score": round(result.score, 6),
        "reason": result.reason,
        "points": [
            [p.point.text, p.hit, p.negated, round(p.similarity, 4), p.span, p.matched_text]
            for p in result.points
        ],
        "misconceptions": [
            [c.misconception.text, c.span, c.matched_text] for c in result.misconceptions
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-siblings", action="store_true")
    args = parser.parse_args(argv)
    catalog = load_catalog(bank_dirs([]))
    texts = [q for q in catalog.questions if q.kind == "text"]
    others: Sequence[Question] = () if args.no_siblings else texts
    count = 0
    with args.out.open("w") as out:
        for label, question, answer in corpus(texts):
            result = grade(question, answer, others)
            line = {"at": label, "q": question.id, **dump(result)}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    print(f"{count} grades written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
