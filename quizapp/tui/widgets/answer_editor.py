"""The answer box, set up for the question's kind: prose, a SQL query, or a DAG file to fix.

One place decides how a kind is typed: the quiz and the mock interview both call
:func:`editor_settings` and :func:`question_markdown`, so a new kind of question
changes this module, not each screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import TextArea

from quizapp.core.models import DRILL_KINDS, Question

LANGUAGES = {"sql": "sql", "debug": "python"}


@dataclass(frozen=True, slots=True)
class EditorSettings:
    """How the answer box behaves for one question."""

    language: str | None
    soft_wrap: bool
    tab_behavior: str  # "focus" (prose: Tab leaves the box) or "indent" (code)
    title: str


def editor_settings(question: Question) -> EditorSettings:
    """Prose for text questions; a code editor (highlighted, Tab indents) for drills."""
    if question.kind == "sql" and question.ask == "rows":
        return EditorSettings(None, False, "indent", "The rows: one per line, values by commas")
    if question.kind in DRILL_KINDS:
        what = "Your query" if question.kind == "sql" else "The DAG file: fix it"
        return EditorSettings(LANGUAGES[question.kind], False, "indent", what)
    return EditorSettings(None, True, "focus", "Your answer")


def prepare(area: TextArea, question: Question, text: str | None = None) -> None:
    """Set the answer box up for ``question``, holding ``text`` (default: the drill's starter)."""
    from quizapp.drills.render import starter_text

    settings = editor_settings(question)
    try:
        area.language = settings.language
    except Exception:  # no highlighter for it here: still a plain editor
        area.language = None
    area.soft_wrap = settings.soft_wrap
    area.tab_behavior = settings.tab_behavior  # type: ignore[assignment]
    area.show_line_numbers = question.kind in DRILL_KINDS
    area.border_title = settings.title
    area.text = text if text is not None else starter_text(question)


def question_markdown(question: Question) -> str:
    """The question as the screen shows it (a SQL drill's fixture tables included)."""
    if question.kind in DRILL_KINDS:
        from quizapp.drills.render import drill_prompt

        return drill_prompt(question)
    return question.prompt
