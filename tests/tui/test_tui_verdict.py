"""Drawing a grade: verdict line, key points, and the learner's answer highlighted."""

from __future__ import annotations

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade
from quizapp.core.models import Question
from quizapp.tui.widgets.note import CODE_STYLE, note_content
from quizapp.tui.widgets.verdict import (
    HIT_STYLE,
    NEGATED_STYLE,
    highlighted_answer,
    point_line,
    verdict_line,
)
from tests.tui.conftest import FIXTURE_BANKS


def _question(question_id: str) -> Question:
    question = load_catalog([FIXTURE_BANKS]).get(question_id)
    assert question is not None
    return question


def test_matched_words_are_highlighted_where_the_grader_found_them() -> None:
    answer = "A directed acyclic graph: tasks are the nodes and there are no cycles."
    result = grade(_question("fx-dag"), answer)
    content = highlighted_answer(answer, result)
    assert content.plain == answer
    highlighted = sorted(
        answer[span.start : span.end] for span in content.spans if span.style == HIT_STYLE
    )
    expected = sorted(p.matched_text for p in result.points if p.hit)
    assert highlighted == expected and "directed acyclic graph" in highlighted


def test_a_negated_point_is_struck_and_explained() -> None:
    answer = "It is not a directed acyclic graph"
    result = grade(_question("fx-dag"), answer)
    negated = [p for p in result.points if p.negated]
    assert negated, "the grader should report the negation"
    content = highlighted_answer(answer, result)
    assert any(span.style == NEGATED_STYLE for span in content.spans)
    assert "you said the opposite" in point_line(negated[0]).plain
    assert verdict_line(result).plain.startswith("✗ Not yet  0%")


def test_verdict_line_counts_points_and_shows_the_override() -> None:
    answer = "A directed acyclic graph: tasks are the nodes and there are no cycles."
    result = grade(_question("fx-dag"), answer)
    line = verdict_line(result, overridden=True).plain
    assert line.startswith("✓ Correct  75%")
    assert "3 of 4 key points" in line and "you marked it right" in line
    assert [point_line(p).plain[0] for p in result.points] == ["✓", "✓", "✗", "✓"]


def test_a_nearly_said_point_is_shown_as_nearly_not_as_missed() -> None:
    """A near miss earns a little toward ``partial``; the screen says which point did."""
    answer = "values between tasks"
    result = grade(_question("fx-xcom"), answer)
    assert result.verdict == "partial" and not result.matched
    assert verdict_line(result).plain.endswith("0 of 2 key points, 1 nearly")
    lines = [point_line(p).plain for p in result.points]
    assert lines[0] == "~ passes small values between tasks  (nearly: “values between tasks”)"
    assert lines[1].startswith("✗ ")


def test_a_note_draws_its_code_as_code_not_as_backticks() -> None:
    note = note_content("Airflow 2's `airflow webserver` became `airflow api-server` in 3.0.")
    assert note.plain == "Note: Airflow 2's airflow webserver became airflow api-server in 3.0."
    code = sorted(note.plain[s.start : s.end] for s in note.spans if s.style == CODE_STYLE)
    assert code == ["airflow api-server", "airflow webserver"]
    assert note_content("an odd ` backtick").plain == "Note: an odd ` backtick"
