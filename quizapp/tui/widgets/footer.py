"""A Footer that shows new keys on the keys it has instead of rebuilding itself.

Textual's :class:`~textual.widgets.Footer` recomposes itself after the next
refresh on every bindings change: it removes each key and mounts a new one, and
a new key restyles itself twice as it mounts (its ``compact`` default, then the
Footer's). A screen that switches state (answering, then graded) shows other
keys in the same places, or the same keys enabled otherwise. This Footer gives
the keys it has their new text, action, tooltip and enabled state at once (a
key draws from nothing else, and the Footer styles every plain key alike),
removes the keys left over and mounts only those missing, so the frame that
shows a new state shows its keys too. Anything else (binding groups, the
palette's key coming or going) recomposes as Textual does, so the Footer always
shows what Textual's would; its new keys are born with the Footer's ``compact``
(one styling each, not three).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KeyShape = tuple[str, str, str, str, str]
"""What a key shows apart from its enabled state: key, key display, description, action, tooltip."""

WantedKey = tuple[KeyShape, bool, bool]
"""A key :meth:`Footer.compose` would yield: its shape, whether enabled, whether the palette's."""


class QuietFooter(Footer):
    """:class:`Footer` that relabels its keys in place instead of rebuilding when it can."""

    def __init__(self, *, keys_at_once: bool = False, **options: Any) -> None:
        """``keys_at_once``: compose the keys with the Footer, for the screen's first frame.

        Textual's Footer waits for the first bindings change after mounting, then
        recomposes (a layout pass after the first frame, the keys a frame late). A
        screen whose keys do not depend on widgets it has not mounted yet (no
        ``check_action`` that queries them) can ask for them at once; the focus
        that follows only relabels them in place.
        """
        super().__init__(**options)
        self._keys_at_once = keys_at_once

    def compose(self) -> ComposeResult:
        if self._keys_at_once and not self._bindings_ready:
            self.set_reactive(Footer._bindings_ready, True)
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                self._born_compact(widget)
            yield widget

    def _born_compact(self, key: FooterKey) -> None:
        # What its data binding would set on mount, set before: no restyles.
        # (The palette's key is not bound: it keeps FooterKey's own default.)
        key.set_reactive(FooterKey.compact, self.compact)
        key.set_class(self.compact, "-compact", update=False)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._relabel_keys():
            self.call_after_refresh(self._update_keys)

    def _wanted(self) -> list[WantedKey] | None:
        """Each key :meth:`Footer.compose` would yield (None: binding groups)."""
        active = self.screen.active_bindings
        first_by_action: dict[str, tuple[Any, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                if binding.group is not None:
                    return None  # grouped keys: Textual's own layout
                first_by_action.setdefault(binding.action, (binding, enabled, tooltip))
        wanted: list[WantedKey] = [
            (
                (
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    tooltip,
                ),
                enabled,
                False,
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
                        True,
                    )
                )
        return wanted

    def _relabel_keys(self) -> bool:
        """Show the wanted keys on the keys mounted, now; False when only a recompose can.

        Plain keys are relabelled in order; those left over are removed and those
        missing are mounted (before the palette's key, which stays where it is).
        """
        wanted = self._wanted()
        children = [child for child in self.children if not child._pruning]  # removed: gone
        keys = [child for child in children if isinstance(child, FooterKey)]
        if wanted is None or not keys or len(keys) != len(children):
            return False
        palette = [key for key in keys if key.has_class("-command-palette")]
        plain = [key for key in keys if not key.has_class("-command-palette")]
        wanted_palette = [entry for entry in wanted if entry[2]]
        wanted_plain = [entry for entry in wanted if not entry[2]]
        if (
            len(palette) != len(wanted_palette)
            or keys[: len(plain)] != plain  # the palette's key is not the last one
            or not plain
            or any(key.has_class("-grouped") for key in plain)
        ):
            return False
        for key, (shape, enabled, _palette) in zip(
            plain + palette, wanted_plain[: len(plain)] + wanted_palette, strict=False
        ):
            _relabel(key, shape, enabled)
        for key in plain[len(wanted_plain) :]:
            key.remove()
        missing = [
            self._new_key(shape, enabled) for shape, enabled, _ in wanted_plain[len(plain) :]
        ]
        if missing:
            if palette:
                self.mount(*missing, before=palette[0])
            else:
                self.mount(*missing)
        return True

    def _new_key(self, shape: KeyShape, enabled: bool) -> FooterKey:
        key, key_display, description, action, tooltip = shape
        widget = FooterKey(
            key, key_display, description, action, disabled=not enabled, tooltip=tooltip
        ).data_bind(compact=Footer.compact)
        self._born_compact(widget)
        return widget

    async def _update_keys(self) -> None:
        if self.is_attached and not self._relabel_keys():
            await self.recompose()


def _relabel(key: FooterKey, shape: KeyShape, enabled: bool) -> None:
    """Give ``key`` another binding's text and action (a width change at most)."""
    if _shape(key) != shape:
        key.key, key.key_display, key.description, key.action, tooltip = shape
        key.tooltip = tooltip or None
        key.refresh(layout=True)
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
