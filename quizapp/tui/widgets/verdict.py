"""How a graded answer is drawn: the verdict, each key point, the highlighted answer.

Matching is the grader's work (``PointResult.span`` is an offset range into the
learner's own text); these helpers only turn a :class:`Grade` into styled text.
Every mark has a symbol as well as a colour, so it reads the same under NO_COLOR.
"""

from __future__ import annotations

from textual.content import Content

from quizapp.core.grading import MISCONCEPTION_REASON_END, near_miss
from quizapp.core.models import Grade, MisconceptionHit, PointResult

HIT_STYLE = "bold underline $text-success"
NEGATED_STYLE = "strike $text-warning"
WRONG_CLAIM_STYLE = "bold strike $text-error"
VERDICT_STYLES = {
    "correct": ("✓ Correct", "bold $text-success"),
    "partial": ("~ Partly right", "bold $text-warning"),
    "incorrect": ("✗ Not yet", "bold $text-error"),
}


def verdict_line(grade: Grade, overridden: bool = False) -> Content:
    """``✓ Correct  75%  3 of 4 key points`` (and the override, when there was one)."""
    label, style = VERDICT_STYLES[grade.verdict]
    hits = sum(1 for p in grade.points if p.hit)
    parts: list[str | tuple[str, str]] = [
        (label, style),
        f"  {grade.score:.0%}  ·  {hits} of {len(grade.points)} key points",
    ]
    nearly = sum(1 for p in grade.points if near_miss(p))
    if nearly:
        parts.append((f", {nearly} nearly", "$text-warning"))
    if overridden:
        parts.append(("  ·  you marked it right", "bold $text-success"))
    return Content.assemble(*parts)


def reason_text(grade: Grade) -> str:
    """The grader's reason, without the hit count the verdict line already shows, nor the
    wrong claims (listed with their corrections above the key points)."""
    hits = sum(1 for p in grade.points if p.hit)
    count = f"{hits} of {len(grade.points)} key points matched"
    reason = grade.reason or ""
    if grade.misconceptions:
        reason = reason.rpartition(MISCONCEPTION_REASON_END)[2]
    # The count may follow what a rule adds ("it leaves out ...; 3 of 6 key points matched").
    head, sep, tail = reason.rpartition(count)
    if not sep:
        return reason.strip()
    return "; ".join(p for p in (head.rstrip("; "), tail.removeprefix(", ").strip()) if p)


def point_line(result: PointResult) -> Content:
    """One key point: ``✓ text  “what matched”``, ``~ text  (nearly: …)`` or ``✗ text``."""
    if result.hit:
        parts: list[str | tuple[str, str]] = [("✓ ", "bold $text-success"), result.point.text]
        if result.matched_text:
            parts.append((f"  “{result.matched_text}”", "dim"))
    elif result.negated:
        parts = [
            ("✗ ", "bold $text-error"),
            result.point.text,
            (f"  (you said the opposite: “{result.matched_text}”)", "$text-warning"),
        ]
    elif near_miss(result) and result.matched_text:
        parts = [
            ("~ ", "bold $text-warning"),
            result.point.text,
            (f"  (nearly: “{result.matched_text}”)", "dim"),
        ]
    else:
        parts = [("✗ ", "bold $text-error"), (result.point.text, "")]
    return Content.assemble(*parts)


def misconception_line(hit: MisconceptionHit) -> Content:
    """A wrong claim the answer made: ``✗ Wrong: claim  “what you said”`` and what is true."""
    parts: list[str | tuple[str, str]] = [
        ("✗ Wrong: ", "bold $text-error"),
        hit.misconception.text,
    ]
    if hit.matched_text:
        parts.append((f"  “{hit.matched_text}”", "dim"))
    parts += ["\n  ", ("In fact: ", "bold"), hit.misconception.correction]
    return Content.assemble(*parts)


def verdict_details(grade: Grade) -> Content:
    """The misconceptions the answer made, then each key point, one per line."""
    lines = [misconception_line(m) for m in grade.misconceptions]
    lines += [point_line(p) for p in grade.points]
    if grade.details:  # a drill: both results side by side, or the tasks that still differ
        from quizapp.drills.render import details_text

        lines += [Content(""), Content(details_text(grade.details))]
    return Content("\n").join(lines)


def highlighted_answer(answer: str, grade: Grade) -> Content:
    """The learner's answer with each matched span underlined (negated ones struck out)."""
    content = Content(answer)
    for result in grade.points:
        if result.span is None:
            continue
        start, end = result.span
        if result.hit:
            content = content.stylize(HIT_STYLE, start, end)
        elif result.negated:
            content = content.stylize(NEGATED_STYLE, start, end)
    for hit in grade.misconceptions:
        if hit.span is not None:
            content = content.stylize(WRONG_CLAIM_STYLE, *hit.span)
    return content
