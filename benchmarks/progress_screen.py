"""How fast the progress screen loads on a large history.

Builds (once, in a temp folder unless ``--db`` names a file) a progress database
of ``--reviews`` reviews (default 100,000) spread over the last year across every
bundled question, with an FSRS card per question and twenty finished mock
interviews, then prints, median of ``--runs``:

- **queries**: the worker's whole job, :func:`load_progress` (every figure);
- **first paint**: from pressing ``p`` on the home screen to the progress screen
  being on screen (its loading indicator up: the UI never waits for the queries);
- **loaded**: from pressing ``p`` to every figure drawn.

The app runs headless (``App.run_test``) at 80x24.
Run: ``python benchmarks/progress_screen.py [--reviews N] [--runs N] [--db PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.bank import load_catalog
from quizapp.core.clock import SystemClock
from quizapp.core.scheduling import Rating, card_to_row, make_scheduler, new_card, review
from quizapp.paths import bank_dirs
from quizapp.store import open_store


def build_database(path: Path, reviews: int, seed: int = 7) -> None:
    """Fill ``path`` with ``reviews`` reviews over the bundled questions, in bulk."""
    rng = random.Random(seed)
    catalog = load_catalog(bank_dirs([]))
    questions = list(catalog.questions)
    now = datetime.now(UTC)
    scheduler = make_scheduler()
    store = open_store(path, tz=UTC)
    rows = []
    cards: dict[str, object] = {}
    for index in range(reviews):
        question = questions[index % len(questions)]
        when = now - timedelta(days=rng.uniform(0, 365) ** 1.5 / 365**0.5)
        correct = rng.random() < 0.7
        rows.append(
            {
                "question_id": question.id,
                "bank": question.bank,
                "mode": rng.choice(["flash", "quiz", "mock"]),
                "reviewed_at": when.isoformat(),
                "day": when.date().isoformat(),
                "answer": None,
                "score": 1.0 if correct else 0.3,
                "verdict": "correct" if correct else "partial",
                "rating": int(Rating.Good if correct else Rating.Again),
                "correct": int(correct),
                "duration_s": rng.uniform(5, 120),
                "overridden": 0,
                "card_before": None,
            }
        )
    for question in questions:
        card = new_card(question.id, now - timedelta(days=60))
        for days_ago in (40, 20, rng.randint(1, 10)):
            rating = Rating.Good if rng.random() < 0.75 else Rating.Again
            card = review(scheduler, card, rating, now - timedelta(days=days_ago))
        cards[question.id] = card
    with store.transaction() as db:
        db["reviews"].insert_all(rows, batch_size=5000)
        db["cards"].insert_all(
            (
                {
                    "question_id": qid,
                    "bank": catalog.get(qid).bank,  # type: ignore[union-attr]
                    "reps": 3,
                    "lapses": 0,
                    "introduced_day": (now - timedelta(days=60)).date().isoformat(),
                }
                | card_to_row(card)  # type: ignore[arg-type]
                for qid, card in cards.items()
            ),
            batch_size=1000,
        )
        for number in range(20):
            started = now - timedelta(days=3 * (20 - number))
            db["mocks"].insert(
                {
                    "started_at": started.isoformat(),
                    "finished_at": (started + timedelta(minutes=18)).isoformat(),
                    "seed": number,
                    "budget_s": 1200.0,
                    "soft_limit_s": 120.0,
                    "status": "finished",
                    "score": min(1.0, 0.4 + number * 0.025 + rng.uniform(-0.05, 0.05)),
                    "report": None,
                }
            )
    store.close()


async def time_screen(db_path: Path) -> tuple[float, float, float]:
    """(queries, first paint, loaded) in seconds for one headless run."""
    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens.progress import ProgressScreen, load_progress

    app = QuizApp(db_path, bank_dirs([]), clock=SystemClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        context = app.study_context()
        assert context is not None
        started = time.perf_counter()
        load_progress(context)
        queries = time.perf_counter() - started

        started = time.perf_counter()
        await pilot.press("p")
        while not isinstance(app.screen, ProgressScreen):
            await asyncio.sleep(0.001)
        await pilot.pause()
        first_paint = time.perf_counter() - started
        screen = app.screen
        while screen.data is None:
            await asyncio.sleep(0.001)
        await pilot.pause()
        loaded = time.perf_counter() - started
    return queries, first_paint, loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="reuse or create this file")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quizapp-progress-"))
    db_path = options.db or folder / "progress.db"
    if not db_path.exists():
        started = time.perf_counter()
        build_database(db_path, options.reviews)
        took = time.perf_counter() - started
        print(f"built {db_path} ({options.reviews:,} reviews) in {took:.1f} s")
    runs = [asyncio.run(time_screen(db_path)) for _ in range(options.runs)]
    for name, values in zip(
        ("queries", "first paint", "loaded"), zip(*runs, strict=True), strict=True
    ):
        median = statistics.median(values)
        each = ", ".join(f"{v * 1000:.0f}" for v in values)
        print(f"{name:<12} median {median * 1000:7.1f} ms   (runs: {each} ms)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
