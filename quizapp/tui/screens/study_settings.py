"""Study settings: the interview date, minutes a day, desired retention, new questions a day.

Kept in the progress database (see :mod:`quizapp.core.plan`), so ``quizapp
plan`` and this screen show the same plan. The retention field says what it
costs: how often a question comes back in its first year, and the reviews a
day that means for the questions studied so far.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from quizapp.core.plan import (
    MAX_RETENTION,
    MIN_RETENTION,
    SettingsError,
    StudySettings,
    parse_interview_date,
    seconds_per_review,
)
from quizapp.core.study_plan import current_plan, set_interview, yearly_reviews
from quizapp.tui.context import StudyContext
from quizapp.tui.messages import ProgressChanged
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader

_FIELDS: tuple[tuple[str, str, type], ...] = (
    ("#settings-minutes", "minutes_per_day", int),
    ("#settings-retention", "desired_retention", float),
    ("#settings-new", "new_per_day", int),
)
"""The numeric fields: widget id, setting, type."""


class StudySettingsScreen(Screen[None]):
    """A small form; Save (ctrl+s) stores it, Escape leaves without saving."""

    HELP_TITLE = "Study settings"
    HELP_NOTES = (
        "With an interview date no review is scheduled past the day, the last three days "
        "sweep every question you studied, and new questions come at the rate that covers "
        "your topics in time (as far as the minutes a day allow). Leave the date empty for "
        "ordinary spaced repetition. A higher desired retention means more reviews. "
        "Enter in a field (or ctrl+s) saves; Tab moves between the fields."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "back", "Back"),
    ]
    DEFAULT_CSS = """
    StudySettingsScreen #settings-form { padding: 0 2; height: auto; }
    StudySettingsScreen .settings-row { height: auto; }
    StudySettingsScreen .settings-row Label { width: 26; padding-top: 1; }
    StudySettingsScreen .settings-row Input { width: 18; }
    StudySettingsScreen .settings-hint { color: $text-muted; padding: 1 0 0 1; width: 1fr; }
    StudySettingsScreen #settings-error { color: $error; height: auto; }
    StudySettingsScreen #settings-plan { height: auto; padding: 1 2; }
    StudySettingsScreen #settings-buttons { height: auto; }
    StudySettingsScreen Button { margin-right: 1; }
    """

    def __init__(self, context: StudyContext, **_arguments: Any) -> None:
        super().__init__()
        self.context = context
        self.settings = context.store.study_settings()
        self._bad_field = "#settings-interview"
        self._saved_values: tuple[str, ...] = ()
        self._warned = False

    def compose(self) -> ComposeResult:
        s = self.settings
        yield StableHeader()
        with VerticalScroll():
            yield Static(id="settings-plan")
            with Vertical(id="settings-form"):
                yield self._row(
                    "Interview date",
                    Input(
                        s.interview.isoformat() if s.interview else "",
                        placeholder="YYYY-MM-DD",
                        id="settings-interview",
                    ),
                    "empty: no date",
                )
                yield self._row(
                    "Minutes a day",
                    Input(str(s.minutes_per_day), type="integer", id="settings-minutes"),
                    "the plan fits new questions into this",
                )
                yield self._row(
                    "Desired retention",
                    Input(f"{s.desired_retention:.2f}", type="number", id="settings-retention"),
                    "",
                    hint_id="settings-workload",
                )
                yield self._row(
                    "New questions a day",
                    Input(str(s.new_per_day), type="integer", id="settings-new"),
                    "without an interview date (with one, the plan sets the rate)",
                )
                yield Static(id="settings-error")
                with Horizontal(id="settings-buttons"):
                    yield Button("Save (ctrl+s)", id="settings-save", variant="primary")
                    yield Button("Back (esc)", id="settings-back")
        yield QuietFooter()

    @staticmethod
    def _row(label: str, field: Input, hint: str, hint_id: str | None = None) -> Horizontal:
        return Horizontal(
            Label(label),
            field,
            Static(hint, classes="settings-hint", id=hint_id),
            classes="settings-row",
        )

    def _form_values(self) -> tuple[str, ...]:
        ids = ("#settings-interview", *(field for field, _key, _kind in _FIELDS))
        return tuple(self.query_one(i, Input).value.strip() for i in ids)

    def action_back(self) -> None:
        """Leave; with unsaved edits, the first Escape says so and a second one leaves."""
        if self._form_values() != self._saved_values and not self._warned:
            self._warned = True
            self.notify(
                "Unsaved changes: ctrl+s (or Enter) saves them; Escape again leaves without.",
                severity="warning",
                timeout=5,
            )
            return
        self.app.pop_screen()

    def on_mount(self) -> None:
        self._saved_values = self._form_values()
        self._warned = False
        self.query_one("#settings-interview", Input).focus()
        self._show_workload(self.settings.desired_retention)
        self._show_plan(self.settings)

    # -- drawing -------------------------------------------------------------------

    def _show_workload(self, retention: float | None) -> None:
        hint = self.query_one("#settings-workload", Static)
        if retention is None or not MIN_RETENTION <= retention <= MAX_RETENTION:
            hint.update(f"between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f}")
            return
        parameters = self.settings.parameters
        per_year = yearly_reviews(retention, parameters)
        base = yearly_reviews(0.9, parameters)
        studied = len(self.context.store.cards())
        seconds = seconds_per_review(self.context.store.recent_durations())
        daily = per_year * studied / 365
        text = f"a question comes back ~{per_year:.0f}x in its first year (0.90: ~{base:.0f}x)"
        if studied:
            text += (
                f"; your {studied} studied: ~{daily:.0f} reviews a day, "
                f"~{daily * seconds / 60:.0f} min"
            )
        hint.update(text)

    def _show_plan(self, settings: StudySettings) -> None:
        plan = current_plan(
            self.context.store, self.context.catalog, self.context.clock.now(), settings
        )
        box = self.query_one("#settings-plan", Static)
        box.update(plan.summary() if plan is not None else "No interview date set.")

    # -- input ---------------------------------------------------------------------

    @on(Input.Changed, "#settings-retention")
    def _retention_changed(self, event: Input.Changed) -> None:
        try:
            value: float | None = float(event.value)
        except ValueError:
            value = None
        self._show_workload(value)

    def _read_form(self) -> tuple[StudySettings, date | None]:
        """The settings the form holds (raises SettingsError naming the bad field).

        ``self._bad_field`` is left at the field the error is about, to focus it.
        """
        today = self.context.store.today(self.context.clock.now())
        self._bad_field = "#settings-interview"
        text = self.query_one("#settings-interview", Input).value.strip()
        interview = parse_interview_date(text, today) if text else None
        changes: dict[str, object] = {}
        for field, key, kind in _FIELDS:
            self._bad_field = field
            raw = self.query_one(field, Input).value.strip()
            try:
                changes[key] = kind(raw)
            except ValueError:
                label = key.replace("_", " ")
                raise SettingsError(f"{label}: {raw!r} is not a number") from None
            self.settings.with_changes(**changes)  # check this field before the next
        return self.settings.with_changes(**changes), interview

    @on(Button.Pressed, "#settings-save")
    def action_save(self) -> None:
        """Check and store the form; the plan below is redrawn."""
        error = self.query_one("#settings-error", Static)
        try:
            settings, interview = self._read_form()
        except SettingsError as problem:
            # The form is taller than 24 lines with a plan shown: say it where it is seen.
            error.update(str(problem))
            self.query_one(self._bad_field, Input).focus()
            self.notify(str(problem), title="Not saved", severity="error", timeout=6)
            return
        error.update("")
        store = self.context.store
        store.save_study_settings(settings)
        self.settings = set_interview(store, interview)
        self._saved_values, self._warned = self._form_values(), False
        self._show_plan(self.settings)
        self.notify("Study settings saved.", timeout=3)
        self.post_message(ProgressChanged())

    @on(Input.Submitted)
    def _submitted(self) -> None:
        """Enter in a field saves the form, as ctrl+s does."""
        self.action_save()

    @on(Button.Pressed, "#settings-back")
    def _back(self) -> None:
        self.action_back()
