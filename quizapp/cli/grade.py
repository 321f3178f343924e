"""`quizapp grade`: grade free-text answers from the command line.

``quizapp grade ID --answer TEXT [--json]`` grades one answer (read from stdin
when ``--answer`` is absent). ``quizapp grade --batch FILE.jsonl`` reads lines
``{"id": ..., "answer": ...}`` and writes one JSON line per input line, in
order; a line that cannot be graded (not JSON, not UTF-8, a lone surrogate
in its text, an unknown id) gets ``{"line": n, "error": ...}`` and the rest go on.
An answer longer than :data:`~quizapp.core.answers.MAX_ANSWER_CHARS` is graded on
its first characters, and its grade says ``"truncated": true``. Exit codes: 0 all
graded, 1 invalid input (unknown id, bad line), 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from quizapp.cli.common import app_context, common_options

if TYPE_CHECKING:
    from quizapp.core.models import Catalog, Grade, Question

_MARKS = {"hit": "✓", "negated": "!", "missed": "✗"}


@click.command()
@click.argument("question_id", required=False)
@click.option("--answer", "answer", help="The answer text (default: read stdin).")
@click.option(
    "--answer-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the answer from a file (a query, a fixed DAG file).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the grade as JSON.")
@click.option(
    "--batch",
    type=click.File("rb"),
    help='Grade every line {"id": ..., "answer": ...} of a JSONL file (- for stdin).',
)
@common_options
def grade(
    question_id: str | None,
    answer: str | None,
    answer_file: Path | None,
    as_json: bool,
    batch: BinaryIO | None,
) -> None:
    """Grade an answer to question ID: key points for text; a run for SQL and debug drills."""
    if answer_file is not None:
        if answer is not None:
            raise click.UsageError("give --answer or --answer-file, not both")
        try:
            answer = answer_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{answer_file}: cannot read it: {exc}") from None
    if batch is not None:
        if question_id or answer is not None:
            raise click.UsageError("--batch takes no question ID and no --answer")
        sys.exit(_grade_batch(batch, app_context().catalog()))
    if not question_id:
        raise click.UsageError("give a question ID (or --batch FILE)")
    catalog = app_context().catalog()
    question = catalog.get(question_id)
    problem = _problem(question_id, question)
    if problem or question is None:
        raise click.ClickException(problem or "")
    if answer is None and sys.stdin.isatty():
        click.echo(f"{question.prompt}\n(type the answer, then Ctrl-D)", err=True)
    from quizapp.core.answers import MAX_ANSWER_CHARS, cap_answer, cap_message

    if answer is None:
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    text = answer if answer is not None else sys.stdin.read()
    if len(text) > MAX_ANSWER_CHARS:
        click.echo(cap_message(len(text)), err=True)
    text = cap_answer(text)
    result = _grade(question, text, catalog)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        click.echo(render(result, text))


def _problem(question_id: str, question: Question | None) -> str | None:
    if question is None:
        return f"unknown question id {question_id!r} (see `quizapp bank list`)"
    if question.kind == "predict":
        return f"question {question_id!r} is a predict question: use `quizapp predict`"
    return None


def _others(catalog: Catalog) -> Sequence[Question]:
    return [q for q in catalog.questions if q.kind == "text"]


def _grade(question: Question, text: str, catalog: Catalog) -> Grade:
    return grade_any(question, text, _others(catalog))


def grade_any(question: Question, text: str, others: Sequence[Question]) -> Grade:
    """Grade with the question's kind's grader (the drills' run in a child process)."""
    if question.kind == "text":
        from quizapp.core.grading import grade as grade_answer

        return grade_answer(question, text, others)
    from quizapp.drills import drill_graders

    return drill_graders()[question.kind](question, text)


def _grade_batch(lines: Iterable[bytes], catalog: Catalog) -> int:
    grade_answer = grade_any
    others = _others(catalog)
    failed = False
    for number, line in enumerate(lines, start=1):
        out = _batch_line(number, line, catalog, others, grade_answer)
        failed = failed or "error" in out
        click.echo(json.dumps(out, ensure_ascii=False))
    return 1 if failed else 0


def _batch_line(
    number: int,
    raw: bytes,
    catalog: Catalog,
    others: Sequence[Question],
    grade_answer: Callable[[Question, str, Sequence[Question]], Grade],
) -> dict[str, object]:
    from quizapp.core.answers import MAX_ANSWER_CHARS, cap_answer, clean_text

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {"line": number, "error": f"not UTF-8: byte 0x{raw[exc.start]:02x} at {exc.start}"}
    try:
        row = json.loads(line)
    except ValueError as exc:
        return {"line": number, "error": f"not JSON: {exc}"}
    if not isinstance(row, dict):
        return {"line": number, "error": "expected an object with 'id' and 'answer'"}
    qid, text = row.get("id"), row.get("answer")
    if not isinstance(qid, str) or not isinstance(text, str):
        shown = clean_text(qid) if isinstance(qid, str) else qid
        return {"line": number, "id": shown, "error": "'id' and 'answer' must both be strings"}
    if clean_text(qid) != qid or clean_text(text) != text:
        return {
            "line": number,
            "id": clean_text(qid),
            "error": "a lone surrogate escape (such as \\ud800) is not text",
        }
    question = catalog.get(qid)
    problem = _problem(qid, question)
    if problem or question is None:
        return {"line": number, "id": qid, "error": problem}
    try:
        result = grade_answer(question, cap_answer(text), others).to_json()
    except Exception as exc:  # one answer the grader chokes on must not lose the others
        return {"line": number, "id": qid, "error": f"could not grade: {exc}"}
    if len(text) > MAX_ANSWER_CHARS:
        result["truncated"] = True
    return result


def render(result: Grade, answer: str) -> str:
    """The grade for a person: verdict, score, reason, and every key point with its span."""
    colour = {"correct": "green", "partial": "yellow", "incorrect": "red"}[result.verdict]
    lines = [
        f"{click.style(result.verdict.upper(), fg=colour, bold=True)}  "
        f"score {result.score:.0%}  ({result.reason})"
    ]
    if result.details:
        from quizapp.drills.render import details_text

        lines.append(details_text(result.details))
    for point in result.points:
        state = "hit" if point.hit else "negated" if point.negated else "missed"
        line = f"  {_MARKS[state]} {point.point.text}"
        if point.span and (point.hit or point.negated):
            start, end = point.span
            line += f'  <- "{answer[start:end]}" [{start}:{end}]'
        if point.negated:
            line += "  (said the opposite)"
        lines.append(line)
    return "\n".join(lines)
