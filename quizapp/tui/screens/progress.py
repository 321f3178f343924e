"""The progress review: mastery, activity, streak, due forecast, weakest questions, mocks.

Every figure comes from :func:`quizapp.store.progress.progress_review`, read in
a thread worker: the screen draws at once with a loading indicator and fills
in when the queries return, however long the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)
from textual_plotext import PlotextPlot

from quizapp.core.models import Catalog
from quizapp.store.progress import (
    DayStat,
    DueDay,
    MockSummary,
    ProgressReview,
    leech_count,
    progress_review,
    questions_by_topic,
    reviews_per_day,
)
from quizapp.tui.context import StudyContext
from quizapp.tui.messages import StartMode
from quizapp.tui.screen_state import BindingsOnChange, KeptStyles
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader
from quizapp.tui.widgets.mastery_bars import MasteryBars
from quizapp.tui.widgets.streak_heatmap import StreakHeatmap

HEATMAP_WEEKS = 12


@dataclass(frozen=True)
class ProgressData:
    """What the worker loads: the review and the heatmap's days."""

    review: ProgressReview
    calendar: list[DayStat]
    leeches: int = 0
    """Questions with 8 lapses or more (see :mod:`quizapp.core.leeches`)."""


TUNE_OFFER_REVIEWS = 200
"""Reviews in the log before the screen offers to fit FSRS to the learner (``quizapp tune``)."""


def load_progress(context: StudyContext) -> ProgressData:
    """Run every progress query (blocking: call it from a thread)."""
    from quizapp.core.study_plan import current_plan

    now = context.clock.now()
    catalog = context.catalog
    known = {q.id for q in catalog.questions}
    review = progress_review(
        context.store,
        now,
        topics=[bank.id for bank in catalog.banks],
        known=known,
        plan=current_plan(context.store, catalog, now, remember=False),
        topic_questions=questions_by_topic(catalog.questions),
    )
    from quizapp.core.leeches import LEECH_LAPSES

    today = context.store.today(now)
    days = HEATMAP_WEEKS * 7 - (6 - today.weekday())
    leeches = leech_count(context.store, LEECH_LAPSES, known)
    return ProgressData(review, reviews_per_day(context.store, now, days=days), leeches)


def readiness_text(review: ProgressReview, leeches: int = 0) -> Content:
    """The interview plan's readiness per topic, leeches, the tune offer (empty when none)."""
    plan = review.plan
    lines: list[Content] = []
    if plan is not None and plan.days_left >= 0:
        head = f"Ready for {plan.interview.isoformat()}"
        left = plan.days_left
        head += " (today)" if left == 0 else f" ({left} {'day' if left == 1 else 'days'} to go)"
        lines.append(Content.styled(head + ": predicted recall on the day", "bold"))
        for topic, recall in sorted(plan.readiness.items()):
            width = round(20 * recall)
            lines.append(
                Content.assemble(
                    f"{topic:<24}",
                    ("█" * width, "$text-success"),
                    ("░" * (20 - width), "$text-muted"),
                    (f" {recall:.0%}", "bold"),
                )
            )
        if not plan.feasible:
            lines.append(Content.styled(plan.warning(), "$text-warning"))
    if leeches:
        lines.append(
            Content.styled(
                f"{leeches} leech(es), failed again and again: press l to see what was missed.",
                "$text-warning",
            )
        )
    if review.reviews >= TUNE_OFFER_REVIEWS:
        lines.append(
            Content.styled(
                f"{review.reviews:,} reviews: press f to fit the scheduler to your memory.",
                "$text-muted",
            )
        )
    return Content("\n").join(lines)


def due_text(due: Sequence[DueDay]) -> Content:
    """One line per day: ``Mon 05  ████ 12``."""
    busiest = max((d.count for d in due), default=0)
    lines = [Content.styled("Due in the next 7 days", "bold")]
    for index, day in enumerate(due):
        when = date.fromisoformat(day.day)
        label = "today" if index == 0 else when.strftime("%a %d")
        width = round(12 * day.count / busiest) if busiest else 0
        lines.append(
            Content.assemble(
                f"{label:<7}", ("█" * width, "$text-primary"), (f" {day.count}", "bold")
            )
        )
    return Content("\n").join(lines)


class ProgressScreen(BindingsOnChange, KeptStyles, Screen[None]):
    """Where the learner looks back: what is known, what is slipping, what is due."""

    HELP_TITLE = "Progress review"
    HELP_NOTES = (
        "Mastery is the share of a topic's questions you would recall today: each "
        "question counts its FSRS chance of recall now if your latest answer to it was "
        "recalled (Hard, Good or Easy, or a correct or nearly correct answer), and 0 if "
        "it was missed or you have never seen it. 40% of 10 questions: about 4 would come "
        "back today. 'right' is the share of your reviews in the last 30 days that were "
        "recalled."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        # The tabs are on screen; 1-4 are listed under ? so the footer fits 80 columns.
        Binding("1", "tab('overview')", "Overview", show=False),
        Binding("2", "tab('activity')", "Activity", show=False),
        Binding("3", "tab('weakest')", "Weakest", show=False),
        Binding("4", "tab('mocks')", "Mocks", show=False),
        Binding("w", "quiz_weakest", "Quiz weakest"),
        Binding("f", "tune", "Fit to me", show=False),
        Binding("l", "leeches", "Leeches", show=False),
        Binding("r", "reload", "Reload"),
    ]
    DEFAULT_CSS = """
    ProgressScreen #progress-overview { padding: 0 1; }
    ProgressScreen #progress-totals { height: auto; margin-bottom: 1; }
    ProgressScreen MasteryBars { height: auto; margin-bottom: 1; }
    ProgressScreen #progress-readiness { height: auto; display: none; }
    ProgressScreen #progress-readiness.shown { display: block; margin-bottom: 1; }
    ProgressScreen #progress-calendar { height: auto; }
    ProgressScreen StreakHeatmap { width: auto; height: auto; margin-right: 4; }
    ProgressScreen #progress-due { width: auto; height: auto; }
    ProgressScreen #progress-plot { height: 1fr; min-height: 10; }
    ProgressScreen #progress-weakest, ProgressScreen #progress-mocks { height: 1fr; }
    ProgressScreen #progress-mock-trend { height: 3; margin: 0 1 1 1; }
    ProgressScreen .progress-note { color: $text-muted; padding: 0 1; height: auto; }
    """

    def __init__(self, context: StudyContext, **_arguments: object) -> None:
        super().__init__()
        self.context = context
        self.data: ProgressData | None = None
        self._shown_before = False

    @property
    def catalog(self) -> Catalog:
        """The banks the questions come from."""
        return self.context.catalog

    def compose(self) -> ComposeResult:
        yield StableHeader()
        with TabbedContent(initial="overview", id="progress-tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll(id="progress-overview"):
                yield Static(id="progress-totals")
                yield MasteryBars(id="progress-mastery")
                yield Static(id="progress-readiness")
                with Horizontal(id="progress-calendar"):
                    yield StreakHeatmap(id="progress-heatmap")
                    yield Static(id="progress-due")
            with TabPane("Activity", id="activity"):
                yield PlotextPlot(id="progress-plot")
            with TabPane("Weakest", id="weakest"), Vertical():
                yield Static(
                    "The ten questions you are least likely to recall a week from now. "
                    "w: quiz them.",
                    classes="progress-note",
                )
                yield DataTable(id="progress-weakest", cursor_type="row", zebra_stripes=True)
            with TabPane("Mocks", id="mocks"), Vertical():
                yield Static("Mock interview scores, oldest first", classes="progress-note")
                yield Sparkline([], id="progress-mock-trend")
                yield DataTable(id="progress-mocks", cursor_type="row", zebra_stripes=True)
        yield QuietFooter()

    def on_mount(self) -> None:
        weakest = self.query_one("#progress-weakest", DataTable)
        weakest.add_columns("question", "topic", "recall in 7 d", "accuracy", "lapses")
        mocks = self.query_one("#progress-mocks", DataTable)
        mocks.add_columns("mock", "date", "questions", "score")
        self.action_reload()

    def on_screen_resume(self) -> None:
        """Shown again (the app keeps this screen between visits): read the figures anew.

        The last figures stay up meanwhile; the parts that changed are redrawn. The
        queries start after the screen's first frame, which they would slow (one GIL).
        """
        if self._shown_before:
            self.call_after_refresh(self._load)
        self._shown_before = True

    def warmed(self) -> None:
        """Built ahead (:mod:`quizapp.tui.warmup`): the first visit reads the figures anew."""
        super().warmed()
        self._shown_before = True

    # -- loading -----------------------------------------------------------------

    def action_reload(self) -> None:
        """Read the figures again."""
        self.query_one("#progress-tabs", TabbedContent).loading = True
        self._load()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _load(self) -> None:
        data = load_progress(self.context)
        self.app.call_from_thread(self._show, data)

    def _show(self, data: ProgressData) -> None:
        if not self.is_attached:  # the learner left before the figures arrived
            return
        before = self.data.review if self.data is not None else None
        self.data = data
        review = data.review
        self.query_one("#progress-totals", Static).update(
            Content.assemble(
                ("Reviews ", "dim"),
                (f"{review.reviews:,}", "bold"),
                ("   topics ", "dim"),
                (str(len(review.topics)), "bold"),
                ("   mocks ", "dim"),
                (str(len(review.mocks)), "bold"),
            )
        )
        self.query_one(MasteryBars).show(review.topics)
        ready = readiness_text(review, data.leeches)
        box = self.query_one("#progress-readiness", Static)
        box.update(ready)
        box.set_class(bool(ready.plain), "shown")
        self.query_one(StreakHeatmap).show(data.calendar, review.streak)
        self.query_one("#progress-due", Static).update(due_text(review.due))
        # The plot and the tables are the costly parts: redrawn only when they change.
        if before is None or before.days != review.days:
            self._draw_plot(review.days)
        if before is None or before.weakest != review.weakest:
            self._fill_weakest(review)
        if before is None or before.mocks != review.mocks:
            self._fill_mocks(review.mocks)
        self.query_one("#progress-tabs", TabbedContent).loading = False

    def _draw_plot(self, days: Sequence[DayStat]) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        xs = list(range(1, len(days) + 1))
        plt.bar(xs, [d.reviews for d in days], label="reviews", color="blue")
        accuracy = [round(100 * d.accuracy) if d.accuracy is not None else 0 for d in days]
        plt.plot(xs, accuracy, label="accuracy %", yside="right", color="green", marker="dot")
        ticks = xs[:: max(1, len(xs) // 5)]
        labels = [date.fromisoformat(days[i - 1].day).strftime("%m-%d") for i in ticks]
        plt.xticks(cast(list[float], ticks), labels)
        plt.ylim(0, 100, yside="right")  # type: ignore[arg-type]
        plt.title("Reviews and accuracy, last 30 days")
        plot.refresh()

    def _fill_weakest(self, review: ProgressReview) -> None:
        table = self.query_one("#progress-weakest", DataTable)
        table.clear()
        for weak in review.weakest:
            question = self.catalog.get(weak.question_id)
            prompt = question.prompt if question else weak.question_id
            accuracy = "—" if weak.accuracy is None else f"{weak.accuracy:.0%}"
            table.add_row(
                prompt if len(prompt) <= 36 else prompt[:35] + "…",
                weak.bank,
                f"{weak.recall_in_week:.0%}",
                accuracy,
                str(weak.lapses),
                key=weak.question_id,
            )

    def _fill_mocks(self, mocks: Sequence[MockSummary]) -> None:
        table = self.query_one("#progress-mocks", DataTable)
        table.clear()
        scores = [100 * (m.score or 0.0) for m in mocks]
        self.query_one(Sparkline).data = scores
        for mock in reversed(mocks):
            table.add_row(
                f"#{mock.id}",
                f"{mock.started_at:%Y-%m-%d %H:%M}",
                str(mock.questions),
                ("—" if mock.score is None else f"{mock.score:.0%}")
                + (" (incomplete)" if mock.interrupted else ""),
                key=str(mock.id),
            )

    # -- actions -------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        """Show one tab."""
        self.query_one("#progress-tabs", TabbedContent).active = tab

    def action_quiz_weakest(self) -> None:
        """Start a quiz on the ten weakest questions."""
        if self.data is None:
            self.notify("Still loading your progress…")
            return
        ids = tuple(
            w.question_id for w in self.data.review.weakest if w.question_id in self.catalog
        )
        if not ids:
            self.notify("Nothing reviewed yet: there are no weak questions to quiz.")
            return
        self.post_message(StartMode("quiz", {"question_ids": ids}))

    def action_leeches(self) -> None:
        """Open the leeches: what was missed each time, drill or suspend."""
        from quizapp.tui.screens.leeches import LeechesScreen

        self.app.push_screen(LeechesScreen(self.context))

    def action_tune(self) -> None:
        """Fit the FSRS parameters to the review log (``quizapp tune``), in a thread."""
        if self.data is None or self.data.review.reviews < TUNE_OFFER_REVIEWS:
            self.notify(f"Fitting needs at least {TUNE_OFFER_REVIEWS} reviews.")
            return
        self.notify("Fitting FSRS to your reviews…", timeout=2)
        self._tune()

    @work(thread=True, exclusive=True, group="tune", exit_on_error=False)
    def _tune(self) -> None:
        from quizapp.core.tune import TuneUnavailable, tune

        store = self.context.store
        try:
            result = tune(store.review_log())
        except TuneUnavailable as error:
            self.app.call_from_thread(self.notify, str(error), severity="warning", timeout=10)
            return
        if result.parameters is not None:
            settings = store.study_settings().with_changes(parameters=result.parameters)
            store.save_study_settings(settings)
        self.app.call_from_thread(self.notify, result.summary(), timeout=12)
        self.app.call_from_thread(self.action_reload)

    @on(DataTable.RowSelected, "#progress-mocks")
    def _open_mock(self, event: DataTable.RowSelected) -> None:
        """Open the report of the chosen mock interview."""
        from quizapp.tui.screens.mock_report import MockReportScreen

        if event.row_key.value is None:
            return
        screen = MockReportScreen.for_stored(self.context, int(event.row_key.value))
        if screen is None:
            self.notify("That interview has no saved report.")
            return
        self.app.push_screen(screen)
