"""A finished mock interview's report, and its Markdown form.

The report is self-contained (prompts, model answers, missed points are copied
in), so it still prints after a question has been edited or removed from its
bank. It is saved as JSON with the interview (``to_json``/``from_json``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class MockItem:
    """One question of the interview, as answered and graded."""

    position: int
    question_id: str
    bank: str
    difficulty: str
    prompt: str
    model_answer: str
    answer: str | None
    skipped: bool
    verdict: str
    score: float
    seconds: float
    soft_limit_s: float
    matched: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    misconceptions: tuple[tuple[str, str], ...] = ()
    """(wrong claim, correction) for each misconception the answer made."""
    kind: str = "text"
    reason: str = ""
    """The grader's reason (for a drill: DuckDB's error, the time limit, the rows matched)."""
    result: str = ""
    """A drill's results as text: both result sets, or the tasks that still differ."""

    @property
    def over_limit(self) -> bool:
        """Whether the learner spent longer than the per-question soft limit."""
        return self.seconds > self.soft_limit_s


@dataclass(frozen=True, slots=True)
class MockReport:
    """The whole report: overall score, each question, each topic."""

    mock_id: int
    started_at: datetime
    finished_at: datetime
    budget_s: float
    soft_limit_s: float
    score: float
    timed_out: bool
    items: tuple[MockItem, ...]
    interrupted: bool = False
    """Closed unfinished: its process ended early and it could not be resumed."""
    active_s: float | None = None
    """Time spent answering (the budget used); a resumed interview's pause is not in it."""
    interview: str | None = None
    """The interview date set when this mock ended (ISO), if any."""
    readiness: dict[str, float] | None = None
    """Per topic, the predicted recall on the interview day, after this mock's answers."""

    @property
    def topics(self) -> dict[str, float]:
        """Mean score per topic (bank), by name."""
        scores: dict[str, list[float]] = defaultdict(list)
        for item in self.items:
            scores[item.bank].append(item.score)
        return {bank: sum(values) / len(values) for bank, values in sorted(scores.items())}

    @property
    def over_limit(self) -> list[MockItem]:
        """The questions that ran over their soft time limit."""
        return [item for item in self.items if item.over_limit]

    @property
    def to_fix(self) -> list[str]:
        """Ids of the questions not answered correctly (for a "fix-it" quiz)."""
        return [item.question_id for item in self.items if item.verdict != "correct"]

    @property
    def seconds(self) -> float:
        """How long the interview took (time spent answering, when recorded)."""
        if self.active_s is not None:
            return self.active_s
        return (self.finished_at - self.started_at).total_seconds()

    def to_json(self) -> dict[str, Any]:
        """The report as saved (and as ``quizapp mock --report ID --json`` would give it)."""
        return {
            "id": self.mock_id,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "budget_s": self.budget_s,
            "soft_limit_s": self.soft_limit_s,
            "score": self.score,
            "timed_out": self.timed_out,
            "interrupted": self.interrupted,
            "active_s": self.active_s,
            "interview": self.interview,
            "readiness": self.readiness,
            "topics": self.topics,
            "items": [
                asdict(item)
                | {
                    "matched": list(item.matched),
                    "missed": list(item.missed),
                    "misconceptions": [list(pair) for pair in item.misconceptions],
                }
                for item in self.items
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MockReport:
        """Rebuild a report saved with :meth:`to_json`."""
        return cls(
            mock_id=int(data["id"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            finished_at=datetime.fromisoformat(data["finished_at"]),
            budget_s=float(data["budget_s"]),
            soft_limit_s=float(data["soft_limit_s"]),
            score=float(data["score"]),
            timed_out=bool(data["timed_out"]),
            items=tuple(
                MockItem(
                    **(
                        item
                        | {
                            "matched": tuple(item["matched"]),
                            "missed": tuple(item["missed"]),
                            "misconceptions": tuple(
                                (str(text), str(correction))
                                for text, correction in item.get("misconceptions", ())
                            ),
                        }
                    )
                )
                for item in data["items"]
            ),
            interrupted=bool(data.get("interrupted", False)),
            active_s=None if data.get("active_s") is None else float(data["active_s"]),
            interview=data.get("interview") if isinstance(data.get("interview"), str) else None,
            readiness=_readiness(data.get("readiness")),
        )


def _readiness(value: Any) -> dict[str, float] | None:
    if not isinstance(value, dict):
        return None
    return {str(k): float(v) for k, v in value.items() if isinstance(v, int | float)}


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())


_CODE_LANGUAGE = {"sql": "sql", "debug": "python"}


def _answer_block(item: MockItem) -> str:
    """A drill's answer as a code block; prose as a quote."""
    language = _CODE_LANGUAGE.get(item.kind)
    if language is None or item.answer is None:
        return _quote(item.answer or "")
    return f"```{language}\n{item.answer.rstrip()}\n```"


def report_markdown(report: MockReport) -> str:
    """The report as a Markdown document."""
    answered = sum(1 for item in report.items if not item.skipped and item.answer)
    lines = [
        f"# Mock interview {report.mock_id}",
        "",
        f"- Date: {report.started_at:%Y-%m-%d %H:%M} UTC",
        f"- Score: **{_percent(report.score)}**",
        f"- Questions: {len(report.items)} ({answered} answered)",
        f"- Time: {_duration(report.seconds)} of {_duration(report.budget_s)}"
        + (" (time ran out)" if report.timed_out else ""),
        f"- Soft limit per question: {_duration(report.soft_limit_s)}",
        *(
            [
                "- Incomplete: quizapp ended before the interview did; graded on the answers "
                "saved, the rest count as not answered"
            ]
            if report.interrupted
            else []
        ),
        "",
        "## Topics",
        "",
        "| Topic | Score |",
        "| --- | --- |",
        *(f"| {bank} | {_percent(score)} |" for bank, score in report.topics.items()),
        "",
    ]
    if report.interview and report.readiness is not None:
        lines += [
            f"## Readiness for the interview on {report.interview}",
            "",
            "Predicted recall on the day if you stopped now (questions never seen count "
            "as not known).",
            "",
            "| Topic | Recall on the day |",
            "| --- | --- |",
            *(f"| {bank} | {_percent(r)} |" for bank, r in sorted(report.readiness.items())),
            "",
        ]
    over = report.over_limit
    if over:
        lines += ["## Over the soft limit", ""]
        lines += [
            f"- Q{item.position + 1} `{item.question_id}`: {_duration(item.seconds)}"
            for item in over
        ]
        lines.append("")
    lines += ["## Questions", ""]
    for item in report.items:
        verdict = "skipped" if item.skipped or not item.answer else item.verdict
        lines += [
            f"### Q{item.position + 1}. {item.prompt.strip()}",
            "",
            f"`{item.question_id}` · {item.bank} · {item.difficulty} · **{verdict}**"
            f" · score {_percent(item.score)} · {_duration(item.seconds)}"
            + (" (over the soft limit)" if item.over_limit else ""),
            "",
            "Your answer:",
            "",
            _answer_block(item) if item.answer else "_(no answer)_",
            "",
        ]
        if item.result or (item.kind in _CODE_LANGUAGE and item.reason):
            lines += [f"Result: {item.reason}", ""] if item.reason else []
            lines += ["```text", item.result.rstrip(), "```", ""] if item.result else []
        if item.misconceptions:
            lines += [
                "Wrong claims:",
                "",
                *(f"- {text}: {correction}" for text, correction in item.misconceptions),
                "",
            ]
        if item.missed:
            lines += ["Missed points:", "", *(f"- {point}" for point in item.missed), ""]
        lines += ["Model answer:", "", item.model_answer.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"
