"""Building the heavy screens while the learner reads the home screen.

The progress screen and the sandbox are kept between visits (``KEPT_MODES``):
their second visit only shows widgets that are already mounted, laid out and
drawn. :func:`prebuild` does that work ahead, off screen, so their first visit
is such a return too. It runs in steps on the event loop (mounting, a layout or
two, one drawing): a key pressed meanwhile is handled between two steps, and a
screen the learner opens while it is being built is simply shown (the steps
left are then Textual's own, as for any screen pushed).

Textual has no public call for this; what it uses (``_load_screen_css``,
``_register``, ``_refresh_layout`` and the compositor) is what ``push_screen``
and a screen's first refresh call.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.widget import AwaitMount

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

WARM_MODES: tuple[str, ...] = ("stats", "sandbox")
"""The kept modes built ahead, most visited first (the quiz is cheap to build)."""
WARM_DELAY_S = 0.1
"""How long the home screen stays idle before the warm-up starts (a first key goes first)."""
LAYOUT_ROUNDS = 4
"""Layouts at most: the first one's resize handlers may ask for another."""
SETTLE_S = 0.005
"""The pause before each layout, for the messages the last step posted."""


def prime_highlighter() -> None:
    """Compile the Python lexer's rules now: the sandbox's first source otherwise pays for it.

    Run in a thread (nothing of the app's is touched).
    """
    from rich.syntax import Syntax

    source = "def task(x: int) -> None:\n    return None  # a\n"
    Syntax(source, "python").highlight(source)


def _interrupted(app: App[Any], screen: Screen[Any], behind: Screen[Any]) -> bool:
    """The learner opened a screen (this one or another), or the app is closing."""
    return screen in app.screen_stack or app.screen is not behind or not app.is_running


async def prebuild(app: App[Any], screen: Screen[Any]) -> None:
    """Compose, mount, lay out and draw ``screen`` (installed, not shown) as its first frame would.

    Stops early when the learner opens a screen meanwhile (or the app closes). The
    screen's ``warmed()``, when it has one, is called once it is mounted: the
    first visit is then a return (see :class:`~quizapp.tui.screen_state.KeptStyles`).
    """
    behind = app.screen
    if _interrupted(app, screen, behind) or screen.is_running:
        return
    app._load_screen_css(screen)
    await AwaitMount(screen, app._register(app, screen))
    warmed = getattr(screen, "warmed", None)
    if warmed is not None:
        warmed()
    for _ in range(LAYOUT_ROUNDS):
        await asyncio.sleep(SETTLE_S)  # what the mount or the last layout posted runs first
        if _interrupted(app, screen, behind):
            return
        if not (screen._layout_required or screen.size != app.size):
            break
        screen._layout_required = False
        screen._refresh_layout(app.size)  # as the screen's refresh timer would, were it shown
    if _interrupted(app, screen, behind):
        return
    screen._compositor.update_widgets(screen._dirty_widgets)
    screen._compositor.render_update(full=True)  # fills every widget's line cache
    screen._dirty_widgets.clear()
