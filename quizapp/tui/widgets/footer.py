"""A Footer that updates its keys in place when only their enabled state changes.

Textual's :class:`~textual.widgets.Footer` recomposes itself on every bindings
change: it removes each key and mounts a new one, and a new key restyles
itself twice as it mounts (its ``compact`` default, then the Footer's). A screen
that switches state (answering, then graded) changes only which of the same
keys are enabled, or shows a few others: the keys that stay are kept and the
``-disabled`` class moves instead. Anything else (other keys, binding groups)
recomposes as Textual does, so the Footer always shows what Textual's would;
its new keys are born with the Footer's ``compact`` (one styling each, not three).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KeyShape = tuple[str, str, str, str, str]
"""What a key shows apart from its enabled state: key, key display, description, action, tooltip."""


class QuietFooter(Footer):
    """:class:`Footer` that moves ``-disabled`` instead of rebuilding when it can."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # What its data binding would set on mount, set before: no restyles.
                # (The palette's key is not bound: it keeps FooterKey's own default.)
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    def _wanted(self) -> list[tuple[KeyShape, bool]] | None:
        """Each key :meth:`Footer.compose` would yield, with its enabled state (None: groups)."""
        active = self.screen.active_bindings
        first_by_action: dict[str, tuple[Any, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                if binding.group is not None:
                    return None  # grouped keys: Textual's own layout
                first_by_action.setdefault(binding.action, (binding, enabled, tooltip))
        wanted = [
            (
                (
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    tooltip,
                ),
                enabled,
            )
            for binding, enabled, tooltip in first_by_action.values()
        ]
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = active.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _node, binding, enabled, tooltip = entry
                wanted.append(
                    (
                        (
                            binding.key,
                            self.app.get_key_display(binding),
                            binding.description,
                            binding.action,
                            binding.tooltip or binding.description,
                        ),
                        enabled,
                    )
                )
        return wanted

    async def _update_keys(self) -> None:
        if not self.is_attached:
            return
        wanted = self._wanted()
        keys = [child for child in self.children if isinstance(child, FooterKey)]
        if (
            wanted is None
            or not keys
            or len(keys) != len(self.children)
            or [shape for shape, _ in wanted] != [_shape(key) for key in keys]
        ):
            await self.recompose()
            return
        for key, (_shape_of, enabled) in zip(keys, wanted, strict=True):
            if key._disabled == enabled:
                key._disabled = not enabled
                key.set_class(not enabled, "-disabled")


def _shape(key: FooterKey) -> KeyShape:
    tooltip = key.tooltip
    return (
        key.key,
        key.key_display,
        key.description,
        key.action,
        tooltip if isinstance(tooltip, str) else "",
    )
