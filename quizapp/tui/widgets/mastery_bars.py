"""Per-topic mastery as horizontal bars, with the last 30 days' accuracy beside them."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from quizapp.store.progress import TopicMastery

BAR_WIDTH = 20
NAME_WIDTH = 22


def mastery_style(mastery: float) -> str:
    """The bar's colour: error below 50%, warning below 80%, success above."""
    if mastery < 0.5:
        return "$text-error"
    if mastery < 0.8:
        return "$text-warning"
    return "$text-success"


def mastery_line(topic: TopicMastery, width: int = BAR_WIDTH) -> Content:
    """``airflow-basics  ██████████░░░░  72%  right 80% of 45`` (reviews in 30 days)."""
    name = topic.topic if len(topic.topic) <= NAME_WIDTH else topic.topic[: NAME_WIDTH - 1] + "…"
    parts: list[str | tuple[str, str]] = [(f"{name:<{NAME_WIDTH}} ", "bold")]
    if topic.mastery is None:
        parts += [("░" * width, "dim"), "   —  "]
    else:
        filled = round(topic.mastery * width)
        parts += [
            ("█" * filled, mastery_style(topic.mastery)),
            ("░" * (width - filled), "dim"),
            f" {topic.mastery:>4.0%} ",
        ]
    if topic.accuracy_30d is None:
        parts.append((" no reviews in 30 days", "dim"))
    else:
        parts.append((f" right {topic.accuracy_30d:.0%} of {topic.reviews_30d}", "dim"))
    return Content.assemble(*parts)


class MasteryBars(Static):
    """One bar per topic: the share of its questions recalled today (see the progress help)."""

    def show(self, topics: Sequence[TopicMastery]) -> None:
        """Draw the topics (a note when there are none)."""
        if not topics:
            self.update(Content.styled("No topic reviewed yet.", "dim"))
            return
        self.update(Content("\n").join(mastery_line(t) for t in topics))
