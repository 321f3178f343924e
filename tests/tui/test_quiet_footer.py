"""The quiet Footer shows exactly what Textual's Footer shows, whatever the keys do."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from quizapp.tui.widgets.answer_area import AnswerArea
from quizapp.tui.widgets.footer import QuietFooter


class Keys(Screen[None]):
    """A screen whose keys are enabled, disabled (shown dim) or hidden by ``state``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "one", "One"),
        Binding("b", "two", "Two"),
        Binding("c", "three", "Three"),
        Binding("d", "four", "Four"),
        Binding("e", "five", "Five"),
    ]
    state = "all"

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.state == "dim" and action == "two":
            return None  # shown, disabled
        if action in ("four", "five"):  # other keys in the same places ("swap"), or more
            return self.state in ("swap", "more") and (action == "four" or self.state == "more")
        if self.state in ("swap", "more") and action in ("one", "two"):
            return False
        return not (self.state == "hide" and action == "three")  # False: not shown


def shown(screen: Screen[Any]) -> list[tuple[str, str, bool, frozenset[str]]]:
    return [
        (key.key, key.description, key._disabled, frozenset(key.classes))
        for key in screen.query(FooterKey)
    ]


async def footer_after(footer: type[Footer], states: list[str]) -> list[list[Any]]:
    app: App[None] = App()
    seen: list[list[Any]] = []
    async with app.run_test() as pilot:
        screen = Keys(footer)
        await app.push_screen(screen)
        await pilot.pause()
        for state in states:
            screen.state = state
            screen.refresh_bindings()
            await pilot.pause()
            await pilot.pause()
            seen.append(shown(screen))
    return seen


async def test_the_quiet_footer_shows_what_textuals_footer_shows() -> None:
    states = ["dim", "all", "hide", "dim", "all", "swap", "more", "hide", "swap", "all"]
    ours = await footer_after(QuietFooter, states)
    theirs = await footer_after(Footer, states)
    assert ours == theirs
    assert any(disabled for _k, _d, disabled, _c in ours[0])  # "Two" dimmed
    assert [k for k, *_ in ours[2]].count("c") == 0  # "Three" hidden
    assert [k for k, *_ in ours[5]][:2] == ["c", "d"]  # other keys where "One" and "Two" were
    assert "e" in [k for k, *_ in ours[6]]


async def test_a_frozen_answer_box_takes_no_keys_and_a_thawed_one_does() -> None:
    class Box(App[None]):
        def compose(self) -> ComposeResult:
            yield AnswerArea()

    app = Box()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerArea)
        box.focus()
        await pilot.press("a")
        box.frozen = True
        await pilot.press("b", "backspace")
        box.frozen = False
        await pilot.press("c")
        assert box.text == "ac"
