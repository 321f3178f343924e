"""Bytes typed into the terminal that are not UTF-8 become U+FFFD instead of a crash.

Textual's Linux driver decodes the keyboard with a strict UTF-8 decoder, so one byte
from a Latin-1 terminal or a pasted binary raises UnicodeDecodeError in its input
thread and ends the app. :func:`install` makes the decoder it creates replace what
it cannot decode (the driver looks the factory up when its input thread starts).
"""

from __future__ import annotations

import codecs
import functools
from typing import Any


def _lenient(encoding: str) -> Any:
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def install() -> bool:
    """Patch the Linux driver's decoder factory; whether there was one to patch."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - Windows
        return False
    if not hasattr(linux_driver, "getincrementaldecoder"):  # pragma: no cover - Textual changed
        return False
    linux_driver.getincrementaldecoder = _lenient  # type: ignore[attr-defined]
    return True
