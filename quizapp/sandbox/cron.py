"""A small five-field cron evaluator (UTC): enough for schedules and data intervals.

Fields: minute, hour, day of month, month, day of week (0 or 7 = Sunday); each
``*``, ``*/n``, ``a``, ``a-b``, ``a-b/n`` or a comma list of those. Presets such as
``@daily`` map to their expressions. Day-of-month and day-of-week combine as in
cron: when both are restricted, a day matching either one matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

PRESETS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@quarterly": "0 0 1 */3 *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}
_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_SEARCH_DAYS = 366 * 5


def _field(text: str, low: int, high: int, name: str) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            step = int(step_text)
        if part == "*":
            start, stop = low, high
        elif "-" in part:
            start, stop = (int(x) for x in part.split("-", 1))
        else:
            start = stop = int(part)
            if step != 1:
                stop = high
        if not (low <= start <= high and low <= stop <= high) or step < 1:
            raise ValueError(f"cron {name} field {text!r} is out of range {low}-{high}")
        values.update(range(start, stop + 1, step))
    return frozenset(values)


@dataclass(frozen=True)
class Cron:
    """A parsed cron expression."""

    expression: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    any_day: bool
    any_weekday: bool

    @classmethod
    def parse(cls, expression: str) -> Cron:
        """Parse ``expression`` (five fields or a preset); ValueError names the problem."""
        text = PRESETS.get(expression.strip(), expression.strip())
        parts = text.split()
        if len(parts) != 5:
            raise ValueError(f"cron expression {expression!r} needs 5 fields, got {len(parts)}")
        names = ("minute", "hour", "day-of-month", "month", "day-of-week")
        try:
            fields = [
                _field(p, lo, hi, n) for p, (lo, hi), n in zip(parts, _RANGES, names, strict=False)
            ]
        except ValueError as exc:
            if "out of range" in str(exc):
                raise
            raise ValueError(f"cron expression {expression!r} is not valid: {exc}") from None
        weekdays = frozenset(d % 7 for d in fields[4])
        return cls(
            expression,
            tuple(sorted(fields[0])),
            tuple(sorted(fields[1])),
            fields[2],
            fields[3],
            weekdays,
            parts[2] == "*",
            parts[4] == "*",
        )

    def _day_matches(self, day: datetime) -> bool:
        if day.month not in self.months:
            return False
        dom = day.day in self.days
        dow = (day.isoweekday() % 7) in self.weekdays
        if self.any_day or self.any_weekday:
            return dom and dow
        return dom or dow

    def _times(self, day: datetime) -> list[datetime]:
        base = day.replace(hour=0, minute=0, second=0, microsecond=0)
        return [base.replace(hour=h, minute=m) for h in self.hours for m in self.minutes]

    def next_after(self, moment: datetime, inclusive: bool = False) -> datetime:
        """The first fire time after ``moment`` (or at it, when ``inclusive``)."""
        day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        for _ in range(_SEARCH_DAYS):
            if self._day_matches(day):
                for fire in self._times(day):
                    if fire > moment or (inclusive and fire == moment):
                        return fire
            day += timedelta(days=1)
        raise ValueError(f"cron expression {self.expression!r} never fires")

    def prev_before(self, moment: datetime, inclusive: bool = False) -> datetime:
        """The last fire time before ``moment`` (or at it, when ``inclusive``)."""
        day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        for _ in range(_SEARCH_DAYS):
            if self._day_matches(day):
                for fire in reversed(self._times(day)):
                    if fire < moment or (inclusive and fire == moment):
                        return fire
            day -= timedelta(days=1)
        raise ValueError(f"cron expression {self.expression!r} never fires")
