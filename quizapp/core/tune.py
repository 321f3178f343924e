"""``quizapp tune``: fit the FSRS parameters to the learner's own review log.

The optimiser is the Rust one of ``fsrs-rs`` through ``fsrs-rs-python`` (an
optional extra, ``pip install 'quizapp[tune]'``, imported only here and only
when tuning): a few hundred kilobytes, no torch. The log becomes one FSRS item
per review that comes a day or more after the previous one (the history up to
it, as ``fsrs-rs`` wants), ordered by date. The latest :data:`HOLD_OUT` of those
items are held back: the parameters fitted on the rest are scored against the
defaults by log loss on them, and kept only when they do better. The
parameters then stored are fitted on the whole log.

Too thin a history (fewer than :data:`MIN_ITEMS` such items) keeps the defaults.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MIN_ITEMS = 100
"""Fewest long-term reviews (a day or more after the previous one) worth fitting."""
HOLD_OUT = 0.2
"""The share of the latest items held back to score the fit."""
EXTRA = "pip install 'quizapp[tune]'  (or: pip install fsrs-rs-python)"


class TuneUnavailable(RuntimeError):
    """The optimiser package is not installed (the message says how to install it)."""


LogEntry = tuple[str, date, int]
"""One review: ``(question_id, local day, rating 1-4)``, oldest first."""


@dataclass(frozen=True, slots=True)
class TuneResult:
    """What tuning found: the parameters to use (None: keep the defaults) and why."""

    reviews: int
    items: int
    parameters: tuple[float, ...] | None
    default_log_loss: float | None = None
    fitted_log_loss: float | None = None
    reason: str = ""

    @property
    def improvement(self) -> float | None:
        """The relative drop in held-back log loss (0.1 = 10% lower), when measured."""
        if self.default_log_loss is None or self.fitted_log_loss is None:
            return None
        if self.default_log_loss <= 0:
            return None
        return 1.0 - self.fitted_log_loss / self.default_log_loss

    def summary(self) -> str:
        """One paragraph for the learner."""
        head = f"{self.reviews} review(s), {self.items} usable for fitting."
        if self.parameters is None:
            return f"{head} Kept the default FSRS parameters: {self.reason}"
        assert self.default_log_loss is not None and self.fitted_log_loss is not None
        return (
            f"{head} Fitted FSRS parameters to your reviews: log loss on the "
            f"{HOLD_OUT:.0%} most recent reviews held back {self.default_log_loss:.4f} "
            f"(defaults) -> {self.fitted_log_loss:.4f} (fitted), "
            f"{(self.improvement or 0.0):.1%} better. Scheduling now uses them."
        )


def load_optimizer() -> Any:
    """The ``fsrs_rs_python`` module, or :class:`TuneUnavailable` saying how to install it."""
    try:
        import fsrs_rs_python
    except ImportError:
        raise TuneUnavailable(f"quizapp tune needs the optional FSRS optimiser: {EXTRA}") from None
    return fsrs_rs_python


def build_items(log: Iterable[LogEntry], fsrs: Any) -> list[Any]:
    """FSRS items from the log, ordered by the date of the review each one predicts."""
    histories: dict[str, list[tuple[date, int]]] = {}
    for question_id, day, rating in log:
        if 1 <= rating <= 4:
            histories.setdefault(question_id, []).append((day, rating))
    dated: list[tuple[date, int, Any]] = []
    for number, history in enumerate(histories.values()):
        reviews: list[Any] = []
        previous = history[0][0]
        for day, rating in history:
            delta = (day - previous).days
            reviews.append(fsrs.FSRSReview(rating, delta))
            if delta > 0:
                dated.append((day, number, fsrs.FSRSItem(list(reviews))))
            previous = day
    dated.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _day, _n, item in dated if item.long_term_review_cnt() > 0]


def log_loss(fsrs: Any, parameters: Sequence[float], items: Sequence[Any]) -> float:
    """The log loss of ``parameters`` predicting the last review of each item."""
    return float(fsrs.FSRS(list(parameters)).evaluate(list(items)).log_loss)


def tune(log: Sequence[LogEntry], *, min_items: int = MIN_ITEMS) -> TuneResult:
    """Fit FSRS parameters to ``log`` (raises :class:`TuneUnavailable` without the optimiser)."""
    fsrs = load_optimizer()
    items = build_items(log, fsrs)
    if len(items) < min_items:
        return TuneResult(
            len(log),
            len(items),
            None,
            reason=(
                f"too little history yet (needs {min_items} reviews made a day or more "
                f"after the previous one of the same question; you have {len(items)})."
            ),
        )
    defaults = list(fsrs.DEFAULT_PARAMETERS)
    cut = int(len(items) * (1 - HOLD_OUT))
    train, held = items[:cut], items[cut:]
    try:
        fitted = fsrs.FSRS(defaults).compute_parameters(train)
    except Exception as error:  # the optimiser refuses odd data with a plain error
        return TuneResult(len(log), len(items), None, reason=f"the optimiser failed: {error}")
    before = log_loss(fsrs, defaults, held)
    after = log_loss(fsrs, fitted, held)
    if not after < before:
        return TuneResult(
            len(log),
            len(items),
            None,
            before,
            after,
            reason=(
                f"the fit did not predict your recent reviews better (log loss "
                f"{before:.4f} with the defaults, {after:.4f} fitted)."
            ),
        )
    final = fsrs.FSRS(defaults).compute_parameters(items)
    return TuneResult(len(log), len(items), tuple(float(v) for v in final), before, after)
