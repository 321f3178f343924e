"""The bank linter: each finding class, with file:line, and silence on a clean bank."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.bank import load_catalog
from quizapp.core.lint import lint_catalog

CLEAN = """\
bank: demo
title: Demo
questions:
  - id: pools
    prompt: What is an Airflow pool?
    answer: A pool limits how many tasks run at once against a shared resource, such as a
      database with few connections; each task takes pool slots.
    key_points:
      - limits how many tasks run at once
      - shared resource such as a database
      - each task takes pool slots
  - id: retries
    prompt: How do retries work?
    answer: The retries parameter sets how many extra tries a task gets, retry_delay sets
      the wait between them, and exponential backoff grows that wait.
    key_points:
      - retries parameter sets extra tries
      - retry_delay sets the wait between them
      - exponential backoff grows that wait
"""


def lint_text(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "demo.yaml").write_text(text, encoding="utf-8")
    catalog = load_catalog([tmp_path], known_sandboxes=frozenset())
    assert catalog.errors == ()
    return [str(f).replace(f"{tmp_path}/", "") for f in lint_catalog(catalog)]


def test_a_clean_bank_has_no_findings(tmp_path: Path) -> None:
    assert lint_text(tmp_path, CLEAN) == []


def test_fewer_than_three_key_points(tmp_path: Path) -> None:
    text = CLEAN.replace("      - each task takes pool slots\n", "")
    text = text.replace("      - shared resource such as a database\n", "")
    assert lint_text(tmp_path, text) == [
        "demo.yaml:4: question 'pools': only 1 key point(s); 3 or more make the verdict less fragile"
    ]


def test_key_point_not_in_the_model_answer(tmp_path: Path) -> None:
    text = CLEAN.replace("each task takes pool slots\n", "kubernetes pods autoscale\n", 1)
    findings = lint_text(tmp_path, text)
    assert len(findings) == 1
    assert findings[0].startswith(
        "demo.yaml:11: question 'pools': key point 'kubernetes pods autoscale' does not occur "
        "in the model answer"
    )


def test_key_point_matching_a_sibling_answer_better(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "      - each task takes pool slots\n", "      - sets the wait between them\n"
    )
    findings = lint_text(tmp_path, text)
    assert any(
        f.startswith(
            "demo.yaml:11: question 'pools': key point 'sets the wait between them' "
            "matches the answer of 'retries'"
        )
        and "grading will be ambiguous" in f
        for f in findings
    )


def test_colliding_aliases(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "      - limits how many tasks run at once\n      - shared resource such as a database\n",
        "      - text: limits how many tasks run at once\n        aliases: [caps concurrency]\n"
        "      - text: shared resource such as a database\n"
        "        aliases: [caps concurrency, Shared resource such as a database]\n",
    )
    findings = lint_text(tmp_path, text)
    assert any(
        "alias 'Shared resource such as a database' repeats its key point" in f for f in findings
    )
    assert any(
        "'caps concurrency' is a phrasing of both 'limits how many tasks run at once' "
        "and 'shared resource such as a database'" in f
        for f in findings
    )


def test_near_duplicate_prompts(tmp_path: Path) -> None:
    text = CLEAN.replace("How do retries work?", "What is an Airflow pool ?")
    findings = lint_text(tmp_path, text)
    assert any(
        f.startswith(
            "demo.yaml:12: question 'retries': prompt is a near-duplicate of 'pools' at demo.yaml:4"
        )
        for f in findings
    )


def test_text_cut_short_by_a_yaml_comment(tmp_path: Path) -> None:
    """``#`` stuck to a word, or ending text that runs over lines, is a comment to YAML:
    the rest of the line never reaches the learner. A spaced comment after one-line
    text is the author's own and is left alone."""
    text = CLEAN.replace(
        "    key_points:\n      - limits how many",
        "    note: Changed in Airflow 3.0 (PR #42953): moved per run.\n"
        "    key_points:\n      - limits how many",
        1,
    ).replace(
        "      - retries parameter sets extra tries\n",
        "      - retries parameter sets extra tries  # the usual first point\n",
    )
    text = text.replace(
        "the wait between them, and exponential backoff grows that wait.\n",
        "the wait between them, and exponential backoff grows that wait. # see the docs\n",
    )
    assert lint_text(tmp_path, text) == [
        "demo.yaml:8: text ends at 'Changed in Airflow 3.0 (PR': YAML reads '#42953): moved per "
        "run.' as a comment; quote the value or use a block scalar (|)",
        "demo.yaml:16: text ends at '…tial backoff grows that wait.': YAML reads '# see the "
        "docs' as a comment; quote the value or use a block scalar (|)",
    ]
