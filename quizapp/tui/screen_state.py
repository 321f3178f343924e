"""Cheap screen state changes: one restyle per change, a Footer rebuild only when keys change.

Textual restyles a node and all its descendants on every ``add_class`` /
``remove_class``, and every ``refresh_bindings()`` (also sent on each focus
change) makes the Footer recompose itself. A screen that switches state by
flipping four classes and refreshing its bindings pays for four restyles of
its whole tree and a Footer rebuild, even when the keys shown are the same.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from textual import events
from textual.screen import Screen


def set_state_classes(
    screen: Screen[Any], state: str, states: Iterable[str], *, update: bool = True
) -> None:
    """Give ``screen`` the class ``state`` and none of the other ``states``.

    One restyle at most (none with ``update=False``: for a screen that shows
    the state's parts itself and keeps the classes for its stylesheet and tests).
    """
    others = set(states) - {state}
    if screen.has_class(state) and not any(screen.has_class(name) for name in others):
        return
    screen.remove_class(*others, update=False)
    screen.add_class(state, update=False)
    if update:
        screen.update_node_styles()


def bindings_signature(screen: Screen[Any]) -> Hashable:
    """What the Footer draws from: each active binding, whether it is enabled, its tooltip."""
    return tuple(
        (key, binding.action, binding.description, binding.show, enabled, tooltip)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
    )


class BindingsOnChange:
    """A :class:`Screen` mix-in: ``refresh_bindings()`` tells the Footer only when keys change.

    Put it before ``Screen`` in the bases. The first refresh always goes out (the
    Footer draws nothing until it has one).
    """

    _bindings_shown: Hashable | None = None

    def refresh_bindings(self) -> None:
        """Publish the bindings only if what the Footer would show has changed."""
        screen: Any = self
        signature = bindings_signature(screen)
        if signature == self._bindings_shown:
            return
        # Without the app's focus the Footer ignores the news: send it again later.
        self._bindings_shown = signature if screen.app.app_focus else None
        super().refresh_bindings()  # type: ignore[misc]


class KeptStyles:
    """A :class:`Screen` mix-in (put it before ``Screen``): restyle on showing only when needed.

    Textual restyles a whole screen each time it is shown: the first time, just
    after every widget was styled as it mounted, and on every return, in case
    the CSS changed while it was away. For a kept screen of 60 widgets that is
    most of the frame. The CSS changes only with the theme, so the restyle is
    kept for a return under another theme.
    """

    _styled_theme: str | None = None

    def warmed(self) -> None:
        """Built ahead and styled under the current theme (see :mod:`quizapp.tui.warmup`)."""
        self._styled_theme = self.app.theme  # type: ignore[attr-defined]

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        theme = self.app.theme  # type: ignore[attr-defined]
        if self._styled_theme in (None, theme):  # just mounted, or the same theme
            event.refresh_styles = False  # read by Screen's own handler, which runs next
        self._styled_theme = theme
