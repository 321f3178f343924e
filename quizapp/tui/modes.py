"""The study modes the home screen offers, and the screen each one opens.

To add a mode's screen: write ``quizapp/tui/screens/<name>.py`` with a
``Screen`` subclass whose constructor takes ``(context: StudyContext,
**arguments)``, and put its ``"module:Class"`` path in the mode's ``screen``
field below. Screens are imported only when first opened, so the home screen
starts without them. A mode whose ``screen`` is None says "coming soon".
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Mode:
    """One entry of the home menu."""

    name: str
    title: str
    key: str
    blurb: str
    screen: str | None = None

    @property
    def available(self) -> bool:
        """True once the mode has a screen."""
        return self.screen is not None

    def screen_class(self) -> type[Screen[Any]]:
        """Import and return the mode's screen class."""
        if self.screen is None:
            raise LookupError(f"{self.title} is not built yet")
        module_name, _, class_name = self.screen.partition(":")
        cls: type[Screen[Any]] = getattr(import_module(module_name), class_name)
        return cls


MODES: tuple[Mode, ...] = (
    Mode(
        "flash",
        "Flashcards",
        "f",
        "recall, reveal, rate: spaced repetition",
        "quizapp.tui.screens.flashcards:FlashcardScreen",
    ),
    Mode(
        "quiz",
        "Quiz",
        "q",
        "type your answer, graded on its key points",
        "quizapp.tui.screens.quiz:QuizScreen",
    ),
    Mode(
        "predict",
        "Predict the run",
        "r",
        "read a DAG, predict each task's outcome",
        "quizapp.tui.screens.predict:PredictScreen",
    ),
    Mode(
        "mock",
        "Mock interview",
        "m",
        "timed questions, graded at the end",
        "quizapp.tui.screens.mock_setup:MockSetupScreen",
    ),
    Mode(
        "stats",
        "Progress",
        "p",
        "mastery, streak, due forecast",
        "quizapp.tui.screens.progress:ProgressScreen",
    ),
    Mode(
        "sandbox",
        "Sandbox",
        "s",
        "run the Airflow examples",
        "quizapp.tui.screens.sandbox:SandboxScreen",
    ),
)


def get_mode(name: str) -> Mode:
    """The mode called ``name`` (raises KeyError for an unknown one)."""
    for mode in MODES:
        if mode.name == name:
            return mode
    raise KeyError(name)
