"""``quizapp tune``: FSRS parameters fitted to a review log generated from known parameters."""

from __future__ import annotations

import builtins
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from quizapp.core.tune import TuneUnavailable, build_items, tune

# A learner who forgets much faster than FSRS's defaults assume.
TRUE_PARAMETERS = (
    0.05,
    0.2,
    0.5,
    2.0,
    7.5,
    0.5,
    2.5,
    0.01,
    1.0,
    0.3,
    1.2,
    1.8,
    0.1,
    0.3,
    2.0,
    0.4,
    2.5,
    0.6,
    0.1,
    0.1,
    0.35,
)
START = datetime(2026, 1, 5, 9, tzinfo=UTC)


def synthetic_log(cards: int = 800, days: int = 60, seed: int = 3) -> list[tuple[str, date, int]]:
    """Reviews of a simulated learner whose memory follows ``TRUE_PARAMETERS``.

    The app schedules with the default parameters, each interval stretched or
    shrunk at random (as a learner who skips days does); whether a review
    succeeds is drawn from the true retrievability.
    """
    rng = random.Random(seed)
    truth = Scheduler(parameters=TRUE_PARAMETERS, enable_fuzzing=False, learning_steps=())
    app = Scheduler(enable_fuzzing=False, learning_steps=())
    log = []
    end = START + timedelta(days=days)
    for number in range(cards):
        qid = f"q{number}"
        moment = START + timedelta(days=rng.randrange(days // 2))
        true_card, app_card = Card(), Card()
        while moment < end:
            recall = (
                truth.get_card_retrievability(true_card, moment) if true_card.last_review else 0.0
            )
            if true_card.last_review is None:
                rating = rng.choice([Rating.Again, Rating.Hard, Rating.Good, Rating.Good])
            elif rng.random() < recall:
                rating = rng.choice([Rating.Hard, Rating.Good, Rating.Good, Rating.Easy])
            else:
                rating = Rating.Again
            log.append((qid, moment.date(), int(rating)))
            true_card, _ = truth.review_card(true_card, rating, moment)
            app_card, _ = app.review_card(app_card, rating, moment)
            interval = max(1, (app_card.due - moment).days)
            moment += timedelta(days=max(1, round(interval * rng.uniform(0.5, 2.0))))
    log.sort(key=lambda entry: entry[1])
    return log


def test_tune_fits_better_than_the_defaults_on_held_back_reviews() -> None:
    pytest.importorskip("fsrs_rs_python")
    log = synthetic_log()
    result = tune(log)
    assert result.parameters is not None, result.reason
    assert len(result.parameters) == 21
    assert result.fitted_log_loss is not None and result.default_log_loss is not None
    assert result.fitted_log_loss < result.default_log_loss
    assert result.improvement is not None and result.improvement > 0.01
    assert "better" in result.summary()
    # the fit moved towards the truth: first-day stability after Good far below the default 2.3
    assert result.parameters[2] < 1.5


def test_a_thin_history_keeps_the_defaults() -> None:
    pytest.importorskip("fsrs_rs_python")
    result = tune(synthetic_log(cards=5, days=10))
    assert result.parameters is None
    assert "too little history" in result.summary()


def test_items_predict_reviews_a_day_or_more_after_the_last() -> None:
    fsrs = pytest.importorskip("fsrs_rs_python")
    d = date(2026, 1, 1)
    log = [("a", d, 3), ("a", d, 3), ("a", d + timedelta(days=2), 3), ("b", d, 1)]
    items = build_items(log, fsrs)
    assert len(items) == 1 and len(items[0].reviews) == 3


def test_without_the_optimiser_tune_says_how_to_install_it(monkeypatch) -> None:
    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "fsrs_rs_python":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "fsrs_rs_python", raising=False)
    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(TuneUnavailable, match="pip install"):
        tune([])
