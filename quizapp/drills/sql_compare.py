"""Comparing a query's result with the reference result: rows, not text.

Rows compare as a multiset (in order only when the drill asks for an order).
Numbers compare with a tolerance (``1`` equals ``1.0``; sums of floats need not
match to the last digit), NULL equals only NULL, and text is compared exactly.
Column names count only when the drill says so; when the learner returns the
right columns in another order, they are matched by name.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

DIGITS = 6
"""Numbers are compared rounded to this many decimal places."""

Row = tuple[Any, ...]


_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def canonical(value: Any) -> Any:
    """A value as compared: numbers rounded (ints and floats alike), a timestamp at midnight
    as its date, ``T`` or a space between date and time alike; everything else as is."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and _DATETIME.match(value):
        moment = _dt.datetime.fromisoformat(value)
        return moment.date().isoformat() if moment.time() == _dt.time() else moment.isoformat()
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return str(value)
        number = round(float(value), DIGITS)
        return 0.0 if number == 0 else number
    return value


def canonical_row(row: Sequence[Any]) -> Row:
    """A row as compared."""
    return tuple(canonical(v) for v in row)


@dataclass(frozen=True, slots=True)
class RowsCheck:
    """How a result compares with the expected one."""

    missing: tuple[Row, ...]
    extra: tuple[Row, ...]
    columns_ok: bool
    order_ok: bool
    matched: int
    expected_count: int
    got_count: int

    @property
    def rows_ok(self) -> bool:
        """The same rows (as a multiset)."""
        return not self.missing and not self.extra

    @property
    def exact(self) -> bool:
        """Everything the drill asks for is right."""
        return self.rows_ok and self.columns_ok and self.order_ok

    @property
    def score(self) -> float:
        """The share of rows right, over the larger of the two results."""
        if self.exact:
            return 1.0
        largest = max(self.expected_count, self.got_count)
        share = self.matched / largest if largest else 0.0
        return min(share, 0.99)


def _reorder_by_name(
    columns: Sequence[str], rows: Sequence[Row], wanted: Sequence[str]
) -> list[Row] | None:
    """The rows with their columns in ``wanted``'s order, when the names are the same set."""
    names = [c.lower() for c in columns]
    target = [c.lower() for c in wanted]
    if sorted(names) != sorted(target) or len(set(names)) != len(names) or names == target:
        return None
    index = [names.index(c) for c in target]
    return [tuple(row[i] for i in index) for row in rows]


def compare_rows(
    expected_columns: Sequence[str],
    expected_rows: Sequence[Sequence[Any]],
    got_columns: Sequence[str],
    got_rows: Sequence[Sequence[Any]],
    *,
    ordered: bool = False,
    check_columns: bool = False,
) -> RowsCheck:
    """Compare two results (see the module doc for the rules)."""
    want = [canonical_row(r) for r in expected_rows]
    got = [canonical_row(r) for r in got_rows]
    columns_ok = not check_columns or [c.lower() for c in got_columns] == [
        c.lower() for c in expected_columns
    ]
    if Counter(got) != Counter(want):
        reordered = _reorder_by_name(got_columns, got, expected_columns)
        if reordered is not None and Counter(reordered) == Counter(want):
            got = reordered
            columns_ok = not check_columns  # right columns, in the wrong order
    missing = Counter(want) - Counter(got)
    extra = Counter(got) - Counter(want)
    matched = sum((Counter(want) & Counter(got)).values())
    order_ok = not ordered or got == want
    # Shown as the rows were (2, not 2.0): the first original row of each compared one.
    shown = {canonical_row(r): tuple(r) for r in reversed(list(expected_rows))}
    shown_got = {canonical_row(r): tuple(r) for r in reversed(list(got_rows))}
    return RowsCheck(
        missing=tuple(shown.get(r, r) for r in missing.elements()),
        extra=tuple(shown_got.get(r, r) for r in extra.elements()),
        columns_ok=columns_ok,
        order_ok=order_ok,
        matched=matched,
        expected_count=len(want),
        got_count=len(got),
    )


def parse_rows(text: str, width: int, columns: Sequence[str] = ()) -> tuple[list[Row], list[str]]:
    """Rows a learner wrote (the "predict the rows" variant), and the lines it could not read.

    One row per line; values separated by ``,``, ``|`` or tabs; ``NULL`` (any case)
    or an empty value is NULL; numbers become numbers; quotes around text are
    dropped. A first line naming the columns is skipped, and so are table
    borders (``+---+``, ``|---|``).
    """
    rows: list[Row] = []
    unreadable: list[str] = []
    names = [c.lower() for c in columns]
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or set(line) <= set("+-|=: "):
            continue
        sep = "\t" if "\t" in line else ("|" if "|" in line else ",")
        cells = [c.strip() for c in line.strip("|").split(sep)]
        if not rows and names and [c.lower().strip("\"'") for c in cells] == names:
            continue
        if len(cells) != width:
            unreadable.append(f"line {number}: {len(cells)} value(s), expected {width}")
            continue
        rows.append(tuple(_cell(c) for c in cells))
    return rows, unreadable


def _cell(text: str) -> Any:
    if not text or text.upper() == "NULL":
        return None
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        pass
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text
