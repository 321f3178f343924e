"""A scrolling container whose focus restyles the container alone, not all it holds."""

from __future__ import annotations

from textual.containers import VerticalScroll


class FocusScroll(VerticalScroll):
    """A :class:`VerticalScroll` for long content nothing inside styles by focus.

    Textual restyles a widget and every descendant when it gains or loses focus;
    for a verdict with a Markdown model answer that is a hundred nodes, a good
    part of the frame after ctrl+s. Use it only where no rule selects on this
    container's ``:focus`` for a descendant.
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)
