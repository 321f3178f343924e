"""A finished mock interview's report: score, each question, topics, time, what was missed.

``e`` writes the report as Markdown (``reports/mock-ID.md`` in the data
directory) and says where; ``f`` starts a "fix-it" quiz on every question that
was not answered correctly.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Markdown, Static

from quizapp.core.report import MockItem, MockReport, report_markdown
from quizapp.paths import data_dir
from quizapp.tui.context import StudyContext
from quizapp.tui.messages import ProgressChanged, StartMode
from quizapp.tui.widgets.footer import QuietFooter
from quizapp.tui.widgets.header import StableHeader


def clock(seconds: float) -> str:
    """``m:ss``."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def reports_dir() -> Path:
    """Where exported reports go (created on demand)."""
    folder = data_dir() / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def export_report(report: MockReport, folder: Path | None = None) -> Path:
    """Write the report as Markdown and return the file's path."""
    path = (folder or reports_dir()) / f"mock-{report.mock_id}.md"
    path.write_text(report_markdown(report), encoding="utf-8")
    return path


def summary_text(report: MockReport) -> Content:
    """Score, answered, time, and the topics on two lines."""
    answered = sum(1 for item in report.items if item.answer)
    parts: list[str | tuple[str, str]] = [
        ("Score ", "dim"),
        (f"{report.score:.0%}", "bold $text-primary"),
        ("   answered ", "dim"),
        (f"{answered} of {len(report.items)}", "bold"),
        ("   time ", "dim"),
        (f"{clock(report.seconds)} of {clock(report.budget_s)}", "bold"),
    ]
    if report.timed_out:
        parts.append(("   time ran out", "bold $text-warning"))
    if report.interrupted:
        parts.append(("   incomplete: quizapp ended before it did", "bold $text-warning"))
    parts.append(("\nTopics ", "dim"))
    parts.append("  ".join(f"{bank} {score:.0%}" for bank, score in report.topics.items()))
    over = report.over_limit
    if over:
        parts.append(("\nOver the soft limit ", "dim"))
        parts.append(
            (", ".join(f"Q{i.position + 1} ({clock(i.seconds)})" for i in over), "$text-warning")
        )
    return Content.assemble(*parts)


VERDICT_CELLS = {
    "correct": ("✓ Correct", "bold green"),
    "partial": ("~ Partly right", "bold yellow"),
    "incorrect": ("✗ Not yet", "bold red"),
}


def verdict_cell(item: MockItem) -> Text:
    """``✓ Correct`` / ``~ Partly right`` / ``✗ Not yet`` / ``– skipped``, for the table."""
    if not item.answer:
        return Text("– skipped", style="dim")
    label, style = VERDICT_CELLS.get(item.verdict, (item.verdict, ""))
    return Text(label, style=style)


def item_markdown(item: MockItem) -> str:
    """The detail of one question: the answer, the missed points, the model answer."""
    lines = [f"**Q{item.position + 1}. {item.prompt.strip()}**", ""]
    lines += ["*Your answer:*", "", item.answer.strip() if item.answer else "_(no answer)_", ""]
    if item.misconceptions:
        lines += [
            "*Wrong claims:*",
            "",
            *(f"- ✗ {text}: {correction}" for text, correction in item.misconceptions),
            "",
        ]
    if item.missed:
        lines += ["*Key points missed:*", "", *(f"- {point}" for point in item.missed), ""]
    lines += ["*Model answer:*", "", item.model_answer.strip()]
    return "\n".join(lines)


class MockReportScreen(Screen[None]):
    """The report of one finished mock interview."""

    HELP_TITLE = "Mock interview report"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export Markdown"),
        Binding("f", "fix_it", "Fix-it quiz"),
        Binding("escape", "close", "Done"),
    ]
    DEFAULT_CSS = """
    MockReportScreen #report-summary { height: auto; padding: 0 1; margin-bottom: 1; }
    MockReportScreen #report-items { height: auto; max-height: 9; }
    MockReportScreen #report-detail { height: 1fr; border: round $surface-lighten-2; }
    """

    def __init__(self, context: StudyContext, report: MockReport, note: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.report = report
        self.note = note
        self.exported: Path | None = None

    @classmethod
    def for_stored(cls, context: StudyContext, mock_id: int) -> MockReportScreen | None:
        """The screen for a mock interview saved in the store (None: not finished)."""
        saved = context.store.mock_report(mock_id)
        return cls(context, MockReport.from_json(saved)) if saved else None

    def compose(self) -> ComposeResult:
        yield StableHeader()
        with Vertical():
            yield Static(summary_text(self.report), id="report-summary")
            yield DataTable(id="report-items", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="report-detail"):
                yield Markdown(id="report-answer")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = f"Mock interview {self.report.mock_id}"
        table = self.query_one("#report-items", DataTable)
        table.add_columns("#", "verdict", "score", "time", "topic", "question")
        for item in self.report.items:
            time = clock(item.seconds)
            table.add_row(
                str(item.position + 1),
                verdict_cell(item),
                f"{item.score:.0%}",
                Text(f"{time} !", style="yellow") if item.over_limit else time,
                item.bank,
                item.prompt if len(item.prompt) <= 30 else item.prompt[:29] + "…",
                key=str(item.position),
            )
        table.focus()
        if self.report.items:
            self._show_item(self.report.items[0])
        if self.note:
            self.notify(self.note, title="Mock interview", timeout=6)
        self.post_message(ProgressChanged())

    @on(DataTable.RowHighlighted, "#report-items")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show_item(self.report.items[int(event.row_key.value)])

    def _show_item(self, item: MockItem) -> None:
        self.query_one("#report-answer", Markdown).update(item_markdown(item))

    # -- actions -------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the report as Markdown and say where."""
        try:
            self.exported = export_report(self.report)
        except OSError as error:
            self.notify(f"Could not write the report: {error}", severity="error")
            return
        self.notify(f"Report written to {self.exported}", title="Exported", timeout=10)

    def action_fix_it(self) -> None:
        """Quiz the questions that were not answered correctly."""
        ids = tuple(i for i in self.report.to_fix if i in self.context.catalog)
        if not ids:
            self.notify("Nothing to fix: every question was answered correctly.")
            return
        self.post_message(StartMode("quiz", {"question_ids": ids}))

    def action_close(self) -> None:
        """Back to where the interview was started from."""
        self.app.pop_screen()
