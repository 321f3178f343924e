"""The answer editor: a TextArea that never takes in more than an answer can be.

A paste longer than :data:`~quizapp.core.answers.MAX_ANSWER_CHARS` (a log file, a
whole document) is cut to what still fits, with a notification, so the editor stays
responsive and the session never grades or stores megabytes.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from quizapp.core.answers import MAX_ANSWER_CHARS, cap_message


class AnswerArea(TextArea):
    """A TextArea whose pastes are capped at the longest answer kept."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the whole paste
        if self.read_only:
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
