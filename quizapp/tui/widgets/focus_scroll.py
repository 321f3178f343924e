"""A scrolling container whose focus restyles the container alone, not all it holds."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


def focus_rules_match(widget: Widget) -> bool:
    """Could any rule with ``:focus`` (or ``:blur``) style ``widget`` itself?

    Conservative: a rule counts when its last selector could pick the widget by
    type, id, class or ``*`` and any of its selectors tests focus. Without such
    a rule, gaining or losing focus changes none of the widget's styles.
    """
    rules_map = widget.app.stylesheet.rules_map
    names = rules_map.keys() & widget._selector_names
    return any(
        not rule.pseudo_classes.isdisjoint(("focus", "blur"))
        for name in names
        for rule in rules_map[name]
    )


def hidden(widget: Widget) -> bool:
    """Is ``widget`` or one of its ancestors ``display: none``?"""
    node: object = widget
    while isinstance(node, Widget):
        if not node.display:
            return True
        node = node.parent
    return False


class FocusScroll(VerticalScroll):
    """A :class:`VerticalScroll` for long content nothing inside styles by focus.

    Textual restyles a widget and every descendant when it gains or loses focus;
    for a verdict with a Markdown model answer that is a hundred nodes, a good
    part of the frame after ctrl+s. Use it only where no rule selects on this
    container's ``:focus`` for a descendant. When no rule styles the container
    itself by focus either, nothing is restyled at all.
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        if focus_rules_match(self):
            self.app.stylesheet.update_nodes([self], animate=True)
