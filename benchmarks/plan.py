"""Measure the interview plan and readiness on the day over a large review log.

Builds a database of 100,000 reviews over 1,000 questions in 10 topics (800
of them studied, the rest unseen) with an interview 21 days out, then prints
the time of:

- ``current_plan`` (the whole plan: cards, the log's seconds per review, the
  FSRS chain, the workload search and readiness per topic);
- readiness alone (FSRS retrievability at the interview for every question);
- the cap on due dates that setting a date applies to every card.

Target: plan + readiness under 100 ms. Run: ``python benchmarks/plan.py
[--reviews N] [--questions N]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.models import Bank, Catalog, KeyPoint, Question
from quizapp.core.plan import InterviewCap, StudySettings, readiness
from quizapp.core.scheduling import Rating, card_to_row, make_scheduler, new_card, review
from quizapp.core.study_plan import current_plan, plan_topics
from quizapp.store import open_store

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TOPICS = 10


def catalog_of(questions: int) -> Catalog:
    """Synthetic banks: ``questions`` text questions over :data:`TOPICS` topics."""
    banks: dict[str, list[Question]] = {}
    for i in range(questions):
        bank = f"topic-{i % TOPICS:02d}"
        banks.setdefault(bank, []).append(
            Question(
                id=f"q{i:05d}",
                bank=bank,
                prompt=f"Question {i}?",
                answer="An answer.",
                key_points=(KeyPoint("a point"),),
            )
        )
    return Catalog(
        banks=tuple(
            Bank(id=b, title=b, path=f"{b}.yaml", questions=tuple(q)) for b, q in banks.items()
        )
    )


def build(path: Path, reviews: int, questions: int) -> None:
    """Fill a fresh database quickly (one transaction, executemany)."""
    rng = random.Random(1)
    store = open_store(path, tz=UTC)
    conn = store.db.conn
    studied = [f"q{i:05d}" for i in range(int(questions * 0.8))]
    start = NOW - timedelta(days=365)
    rows = []
    for _ in range(reviews):
        qid = studied[rng.randrange(len(studied))]
        at = start + timedelta(seconds=rng.randrange(365 * 86400))
        rating = rng.choices((1, 2, 3, 4), (2, 2, 5, 1))[0]
        bank = f"topic-{int(qid[1:]) % TOPICS:02d}"
        rows.append(
            (
                qid,
                bank,
                "flash",
                at.isoformat(),
                at.date().isoformat(),
                rating,
                int(rating > 1),
                rng.uniform(5, 60),
            )
        )
    rows.sort(key=lambda row: row[3])
    scheduler = make_scheduler()
    cards = []
    for qid in studied:
        at = NOW - timedelta(days=rng.randrange(1, 60))
        card = review(scheduler, new_card(qid, at), Rating(rng.choice((1, 3, 4))), at)
        row = card_to_row(card)
        bank = f"topic-{int(qid[1:]) % TOPICS:02d}"
        cards.append(
            (
                qid,
                bank,
                row["state"],
                row["step"],
                row["stability"],
                row["difficulty"],
                row["due"],
                row["last_review"],
                100,
                rng.randrange(5),
                at.date().isoformat(),
            )
        )
    with store.transaction():
        conn.executemany(
            "INSERT INTO reviews (question_id, bank, mode, reviewed_at, day, rating, correct,"
            " duration_s, overridden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
            rows,
        )
        conn.executemany(
            "INSERT INTO cards (question_id, bank, state, step, stability, difficulty, due,"
            " last_review, reps, lapses, introduced_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            cards,
        )
    store.save_study_settings(StudySettings(interview=(NOW + timedelta(days=21)).date()))
    conn.execute("ANALYZE")
    store.close()


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=1_000)
    args = parser.parse_args()
    catalog = catalog_of(args.questions)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.db"
        started = time.perf_counter()
        build(path, args.reviews, args.questions)
        print(
            f"built {args.reviews:,} reviews over {args.questions:,} questions "
            f"in {time.perf_counter() - started:.1f} s"
        )
        store = open_store(path, tz=UTC)
        settings = store.study_settings()
        assert settings.interview is not None
        plan = current_plan(store, catalog, NOW, remember=False)
        assert plan is not None
        print(plan.summary())
        cards = store.cards()
        states = {qid: (c.stability, c.last_review) for qid, c in cards.items()}
        topics = plan_topics(catalog, settings)
        figures = {
            "plan (current_plan, readiness included)": lambda: current_plan(
                store, catalog, NOW, remember=False
            ),
            "readiness alone (1,000 questions)": lambda: readiness(
                states,
                topics,
                settings.interview,
                UTC,  # type: ignore[arg-type]
            ),
            "cap every due date (setting a date)": lambda: store.cap_due_dates(
                InterviewCap(settings.interview, UTC)  # type: ignore[arg-type]
            ),
        }
        for name, fn in figures.items():
            print(f"{name:<45} {timed(fn):8.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
