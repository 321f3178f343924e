"""Airflow's task-state colours (the UI's legend) as styled chips."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

#: Airflow's UI colours per task state (``airflow/ui`` state legend).
STATE_COLOURS: dict[str, str] = {
    "success": "#008000",
    "failed": "#ff0000",
    "running": "#00ff00",
    "queued": "#808080",
    "scheduled": "#d2b48c",
    "up_for_retry": "#ffd700",
    "up_for_reschedule": "#40e0d0",
    "upstream_failed": "#ffa500",
    "skipped": "#ff69b4",
    "removed": "#d3d3d3",
    "deferred": "#9370db",
    "timed_out": "#ff0000",
    "none": "#ffffff",
}
#: A symbol per state, so the grid reads the same without colour.
STATE_SYMBOLS: dict[str, str] = {
    "success": "✓",
    "failed": "✗",
    "running": "▶",
    "queued": "…",
    "scheduled": "…",
    "up_for_retry": "↻",
    "up_for_reschedule": "⏲",
    "upstream_failed": "⤓",
    "skipped": "»",
    "removed": "-",
    "timed_out": "⌛",
    "none": "·",
}
DARK_TEXT = {"success", "failed", "timed_out"}


def state_chip(state: str | None, width: int = 0) -> Text:
    """``✓ success`` on the state's colour (``width`` pads the chip), for table cells."""
    name = state or "none"
    colour = STATE_COLOURS.get(name, STATE_COLOURS["none"])
    text = f" {STATE_SYMBOLS.get(name, '?')} {name} "
    if width:
        text = text.ljust(width)
    ink = "#ffffff" if name in DARK_TEXT else "#000000"
    return Text(text, style=f"{ink} on {colour}")


def state_text(state: str | None) -> Content:
    """``✓ success`` in the state's colour (no background)."""
    name = state or "none"
    colour = STATE_COLOURS.get(name, STATE_COLOURS["none"])
    return Content.styled(f"{STATE_SYMBOLS.get(name, '?')} {name}", f"bold {colour}")
