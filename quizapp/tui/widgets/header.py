"""A Header whose title survives a screen that goes away while it starts.

Textual's :class:`~textual.widgets.Header` watches the app's and its screen's
title and, on each change, looks up its title widget. When a screen is replaced
while it is still mounting (``quizapp --mock`` pushes the mock screen over the
home screen at once), a title change can reach a Header whose title widget is
not mounted yet or already removed: the lookup raises ``NoMatches`` and the app
crashes. This Header updates its title the same way and lets that moment pass:
the Header that stays on screen shows the title when it mounts.
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class StableHeader(Header):
    """:class:`Header` that skips a title update while its title widget is missing."""

    def _on_mount(self, event: Mount) -> None:
        # Replaces Header's own mount handler (which would register the unguarded
        # lookup): handlers further up the class chain are not called after this.
        event.prevent_default()

        async def set_title() -> None:
            # Mounting or removed: the next mount or change shows the title.
            with suppress(NoScreen, NoMatches):
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
