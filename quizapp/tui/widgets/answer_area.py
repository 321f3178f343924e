"""The answer editor: a TextArea that never takes in more than an answer can be.

A paste longer than :data:`~quizapp.core.answers.MAX_ANSWER_CHARS` (a log file, a
whole document) is cut to what still fits, with a notification, so the editor stays
responsive and the session never grades or stores megabytes.

While an answer is being graded the box is ``frozen``: it takes no edit, as
``read_only`` would, without what ``read_only`` costs on the frame that matters
(a class toggle restyling the box, its theme rebuilt, every line drawn again).

Losing focus while hidden (the verdict takes the focus as it hides the answering
part) does not restyle the box either: a TextArea's restyle is a dozen component
styles, for a box nobody sees. The box is restyled when it is shown again, if it
has not taken the focus back by then (which restyles it anyway).
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from quizapp.core.answers import MAX_ANSWER_CHARS, cap_message
from quizapp.tui.widgets.focus_scroll import hidden


class AnswerArea(TextArea):
    """A TextArea whose pastes are capped at the longest answer kept."""

    frozen = False
    """No edit is taken (keys, pastes) while True: the answer is being graded."""

    _focus_style_stale = False
    """Focus was lost while hidden and the box not restyled for it yet."""

    def watch_has_focus(self, has_focus: bool) -> None:
        if not has_focus and hidden(self):
            self._focus_style_stale = True
            return
        self._focus_style_stale = False
        super().watch_has_focus(has_focus)

    def on_show(self) -> None:
        if self._focus_style_stale:
            self._focus_style_stale = False
            if not self.has_focus:
                self.update_node_styles()

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return not self.frozen and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if not self.frozen:
            await super()._on_key(event)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        return None if self.frozen else super()._replace_via_keyboard(insert, start, end)

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        return None if self.frozen else super()._delete_via_keyboard(start, end)

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the whole paste
        if self.read_only or self.frozen:
            return
        start, end = sorted(self.selection)
        kept = len(self.text) - len(self.get_text_range(start, end))
        room = max(0, MAX_ANSWER_CHARS - kept)
        text = event.text
        if len(text) > room:
            self.notify(cap_message(kept + len(text)), severity="warning")
            text = text[:room]
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()
