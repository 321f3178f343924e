"""Measure the progress database: recording an answer, and every progress query at scale.

Builds a database of 1,000,000 reviews over 10,000 questions (two years of
history, 20 topics, 200 mock interviews) in a temporary folder with
``executemany``, then prints:

- the time to open it: the first time (``PRAGMA quick_check`` reads every page) and
  again (the file is as quizapp left it: no check);
- the time to record one answer (review + card, one committed transaction,
  ``synchronous=FULL``), median and 95th percentile;
- the time of each progress-review query and of the whole review, on that
  database, opened fresh;
- the same queries with the per-day index dropped, to show what it buys.

Run: ``python benchmarks/store.py [--reviews N] [--questions N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.records import ReviewRecord
from quizapp.core.scheduling import (
    Rating,
    card_to_row,
    make_scheduler,
    new_card,
    review,
)
from quizapp.store import Store, open_store
from quizapp.store.progress import (
    due_forecast,
    mock_history,
    progress_review,
    reviews_per_day,
    streak,
    topic_mastery,
    total_reviews,
    weakest,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAYS = 730
TOPICS = 20


def build(path: Path, reviews: int, questions: int) -> None:
    """Fill a fresh database quickly (one transaction, executemany)."""
    rng = random.Random(1)
    store = open_store(path, tz=UTC)
    conn = store.db.conn
    ids = [f"q{i:05d}" for i in range(questions)]
    banks = {qid: f"topic-{i % TOPICS:02d}" for i, qid in enumerate(ids)}
    start = NOW - timedelta(days=DAYS)
    span = DAYS * 86400

    def rows() -> object:
        for _ in range(reviews):
            qid = ids[rng.randrange(questions)]
            at = start + timedelta(seconds=rng.randrange(span))
            rating = rng.choices((1, 2, 3, 4), (2, 2, 5, 1))[0]
            yield (
                qid,
                banks[qid],
                "flash",
                at.isoformat(),
                at.date().isoformat(),
                rating,
                int(rating > 1),
                rng.uniform(3, 90),
            )

    scheduler = make_scheduler()
    cards = []
    for qid in ids:
        at = NOW - timedelta(days=rng.randrange(1, 60))
        card = review(scheduler, new_card(qid, at), Rating(rng.choice((1, 3, 4))), at)
        row = card_to_row(card)
        cards.append(
            (
                qid,
                banks[qid],
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
            rows(),
        )
        conn.executemany("INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
        for m in range(200):
            at = start + timedelta(days=m * 3)
            conn.execute(
                "INSERT INTO mocks (started_at, finished_at, seed, budget_s, soft_limit_s,"
                " status, score) VALUES (?, ?, ?, 1200, 120, 'finished', ?)",
                [at.isoformat(), (at + timedelta(minutes=20)).isoformat(), m, rng.random()],
            )
            conn.executemany(
                "INSERT INTO mock_answers (mock_id, position, question_id, bank, difficulty,"
                " answer, time_s, skipped, score, verdict) VALUES (?, ?, ?, ?, 'easy', 'x', 60,"
                " 0, 0.5, 'partial')",
                [(m + 1, p, ids[p], banks[ids[p]]) for p in range(10)],
            )
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


def queries(store: Store) -> dict[str, Callable[[], object]]:
    return {
        "total reviews": lambda: total_reviews(store),
        "topic mastery + 30-day accuracy": lambda: topic_mastery(store, NOW),
        "reviews per day (30 days)": lambda: reviews_per_day(store, NOW),
        "streak (current, longest)": lambda: streak(store, NOW),
        "due forecast (7 days)": lambda: due_forecast(store, NOW),
        "ten weakest questions": lambda: weakest(store, NOW),
        "mock history": lambda: mock_history(store),
    }


def record_answer_times(store: Store, count: int = 200) -> list[float]:
    """Milliseconds to record one graded answer: read the card, write review + card, commit."""
    scheduler = make_scheduler()
    times = []
    for i in range(count):
        qid = f"q{i:05d}"
        at = NOW + timedelta(minutes=i)
        started = time.perf_counter()
        before = store.card(qid)
        card = review(scheduler, before or new_card(qid, at), Rating.Good, at)
        record = ReviewRecord(
            qid, "topic-00", "quiz", at, Rating.Good, True, "an answer", 0.8, "correct", 42.0
        )
        store.record_review(record, card, before)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.db"
        started = time.perf_counter()
        build(path, args.reviews, args.questions)
        size = path.stat().st_size / 1e6
        print(
            f"built {args.reviews:,} reviews over {args.questions:,} questions "
            f"in {time.perf_counter() - started:.1f} s ({size:.0f} MB)"
        )

        started = time.perf_counter()
        store = open_store(path, tz=UTC)  # built outside quizapp: PRAGMA quick_check runs
        first_ms = (time.perf_counter() - started) * 1000
        print(f"{'open, first time (quick_check)':<36} {first_ms:8.1f} ms")
        store.close()
        started = time.perf_counter()
        store = open_store(path, tz=UTC)
        again_ms = (time.perf_counter() - started) * 1000
        print(f"{'open again (known good, no check)':<36} {again_ms:8.1f} ms")

        times = record_answer_times(store)
        print(f"{'record one answer (commit), median':<36} {statistics.median(times):8.2f} ms")
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{'record one answer (commit), p95':<36} {p95:8.2f} ms")

        print()
        print(f"{'progress query':<36} {'best of 5':>11}")
        for name, fn in queries(store).items():
            print(f"{name:<36} {timed(fn):8.1f} ms")
        whole = timed(lambda: progress_review(store, NOW), repeat=3)
        print(f"{'whole progress review':<36} {whole:8.1f} ms")
        store.close()

        cold = open_store(path, tz=UTC)
        started = time.perf_counter()
        progress_review(cold, NOW)
        print(
            f"{'open + whole review, fresh connection':<36} "
            f"{(time.perf_counter() - started) * 1000:8.1f} ms"
        )

        print()
        # The streak's skip-scan needs the index too: without it, it is one full
        # scan per review day (about a minute here), so it is left out.
        print("without idx_reviews_day (day, bank, correct):")
        cold.db.execute("DROP INDEX idx_reviews_day")
        slow = queries(cold)
        for name in ("topic mastery + 30-day accuracy", "reviews per day (30 days)"):
            print(f"{name:<36} {timed(slow[name], repeat=1):8.1f} ms")
        cold.close()


if __name__ == "__main__":
    main()
