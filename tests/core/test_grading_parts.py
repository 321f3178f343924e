"""Prompt parts: key points may say which part of a several-part prompt they answer, and
an answer that leaves a part out is at most partial, whatever its score."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from quizapp.core.bank import load_catalog
from quizapp.core.grading import grade, near_miss
from quizapp.core.models import KeyPoint, Question

EXECUTORS = Question(
    id="executors",
    bank="test",
    prompt="When would you choose the CeleryExecutor over the KubernetesExecutor, and the other way round?",
    answer="Celery: warm workers and a broker. Kubernetes: a pod per task, its own image.",
    key_points=(
        KeyPoint("always-running workers start tasks at once", weight=2.0, part="when Celery"),
        KeyPoint("needs a broker such as Redis or RabbitMQ", part="when Celery"),
        KeyPoint("the same Python environment on every worker", part="when Celery"),
        KeyPoint("each task gets its own pod", weight=2.0, part="when Kubernetes"),
        KeyPoint("its own image and resources", part="when Kubernetes"),
        KeyPoint("you can configure several executors at once"),
    ),
)

ONE_SIDE = (
    "Celery has always-running workers, so tasks start at once. It needs a broker such as "
    "Redis or RabbitMQ, and every worker has the same Python environment."
)
BOTH_SIDES = (
    "Celery: always-running workers start tasks at once, with a broker like Redis. "
    "Kubernetes: each task gets its own pod, with its own image and resources."
)


def test_an_answer_to_one_part_only_is_partial_and_says_which_part_is_missing() -> None:
    result = grade(EXECUTORS, ONE_SIDE)
    assert sum(p.hit for p in result.points) >= 3  # enough points for correct without parts
    assert result.verdict == "partial"
    assert "leaves out part of the question (when Kubernetes)" in result.reason


def test_the_grade_json_lists_the_parts_left_out_and_each_points_part() -> None:
    data = json.loads(json.dumps(grade(EXECUTORS, ONE_SIDE).to_json()))
    assert data["parts_left_out"] == ["when Kubernetes"]
    assert [p["part"] for p in data["points"]][-2:] == ["when Kubernetes", None]


def test_an_answer_to_every_part_is_correct() -> None:
    result = grade(EXECUTORS, BOTH_SIDES)
    assert result.verdict == "correct"
    assert result.parts_left_out == ()


def test_a_part_named_in_words_no_alias_has_is_not_left_out() -> None:
    """A right answer may address a part without a matched point: naming its own subject
    ("Kubernetes", a word of no other part) is enough, so recall misses cost no part."""
    result = grade(EXECUTORS, ONE_SIDE + " Kubernetes suits spiky loads that need isolation.")
    assert result.parts_left_out == ()
    assert result.verdict == "correct"
    # "Celery" is the other part's word, so naming it there addresses nothing new.
    assert grade(EXECUTORS, ONE_SIDE + " Celery is simple.").parts_left_out == (
        "when Kubernetes",
    )


def test_a_part_nearly_said_is_not_left_out() -> None:
    """A near miss on a part's point (the grader's own half-credit level) addresses it: the
    part is there, in words the matcher only half sees."""
    result = grade(EXECUTORS, ONE_SIDE + " The other one gives each job a pod.")
    pod = next(p for p in result.points if p.point.text == "each task gets its own pod")
    assert not pod.hit and near_miss(pod)
    assert result.parts_left_out == ()
    far = grade(EXECUTORS, ONE_SIDE + " The other starts a pod per task.")
    assert far.parts_left_out == ("when Kubernetes",)


def test_a_near_miss_in_another_parts_sentence_does_not_address_its_part() -> None:
    """The words of one part's sentence that half match another part's point ("type 3
    keeps the previous value" for type 0's "keeps the first value") do not answer it."""
    scd = Question(
        id="scd",
        bank="test",
        prompt="Explain slowly changing dimension types 0 and 3.",
        answer="Type 0 keeps the first value forever; type 3 adds a column for the previous value.",
        key_points=(
            KeyPoint("type 0 keeps the first value forever", part="type 0"),
            KeyPoint("type 3 adds a column for the previous value", part="type 3"),
        ),
    )
    result = grade(scd, "Type 3 adds a column that keeps the previous value.")
    type0 = result.points[0]
    assert not type0.hit and near_miss(type0)
    assert result.parts_left_out == ("type 0",)


def test_without_parts_the_one_sided_answer_is_correct() -> None:
    """The rule comes from the bank's labels, not from the wording of the prompt."""
    plain = tuple(KeyPoint(p.text, p.aliases, p.weight) for p in EXECUTORS.key_points)
    unlabelled = Question(EXECUTORS.id, EXECUTORS.bank, EXECUTORS.prompt, EXECUTORS.answer, plain)
    assert grade(unlabelled, ONE_SIDE).verdict == "correct"


def test_one_part_label_is_no_parts_and_unlabelled_points_are_side_details() -> None:
    single = tuple(KeyPoint(p.text, p.aliases, p.weight, part="all") for p in EXECUTORS.key_points)
    one = Question(EXECUTORS.id, EXECUTORS.bank, EXECUTORS.prompt, EXECUTORS.answer, single)
    assert grade(one, ONE_SIDE).parts_left_out == ()
    # The unlabelled "several executors" point is missed by both answers and asked of neither.
    assert "several executors" not in grade(EXECUTORS, BOTH_SIDES).reason.split(";")[0]


BANK = """\
bank: demo
title: Demo
questions:
  - id: q1
    prompt: What does ref() do, and what does source() do?
    answer: ref points at a model; source at a raw table.
    key_points:
      - text: ref points at another model
        part: ref
      - text: source points at a raw table
        part: source
      - a side detail
"""


def test_the_bank_format_carries_part_into_the_question_and_its_json(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(BANK, encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert catalog.errors == ()
    question = catalog.get("q1")
    assert question is not None
    assert [p.part for p in question.key_points] == ["ref", "source", ""]
    listed = json.loads(json.dumps(question.to_json()))["key_points"]
    assert [p["part"] for p in listed] == ["ref", "source", None]


def test_an_empty_or_non_text_part_is_an_error_with_its_line(tmp_path: Path) -> None:
    bad = BANK.replace("part: source", "part: ''").replace("part: ref", "part: [ref]")
    (tmp_path / "demo.yaml").write_text(textwrap.dedent(bad), encoding="utf-8")
    errors = [str(e) for e in load_catalog([tmp_path]).errors]
    assert any("demo.yaml:9" in e and "'part' must be text" in e for e in errors), errors
    assert any("demo.yaml:11" in e and "'part' must not be empty" in e for e in errors), errors


def _lint(tmp_path: Path, bank: str) -> list[str]:
    from quizapp.core.lint import lint_catalog

    (tmp_path / "demo.yaml").write_text(bank, encoding="utf-8")
    return [str(f).replace(f"{tmp_path}/", "") for f in lint_catalog(load_catalog([tmp_path]))]


def test_lint_warns_of_a_lone_part_and_of_a_part_the_model_answer_leaves_out(
    tmp_path: Path,
) -> None:
    assert not [f for f in _lint(tmp_path, BANK) if "part" in f]
    lone = _lint(tmp_path, BANK.replace("        part: source\n", ""))
    assert any("demo.yaml:8" in f and "only one part ('ref')" in f for f in lone), lone
    unsaid = _lint(tmp_path, BANK.replace("source at a raw table", "the other is for loaded data"))
    assert any("demo.yaml:10" in f and "part 'source'" in f for f in unsaid), unsaid


def test_an_empty_part_or_aliases_key_is_an_error_not_silently_nothing(tmp_path: Path) -> None:
    """``aliases:`` with its entries indented too little makes them key points of their own;
    the loader says so instead of dropping the aliases without a word."""
    bad = BANK.replace("        part: source\n", "        part:\n").replace(
        "      - text: ref points at another model\n",
        "      - text: ref points at another model\n        aliases:\n",
    )
    (tmp_path / "demo.yaml").write_text(bad, encoding="utf-8")
    errors = [str(e) for e in load_catalog([tmp_path]).errors]
    assert any("demo.yaml:9" in e and "'aliases' is empty" in e for e in errors), errors
    assert any("demo.yaml:12" in e and "'part' must be text, got nothing" in e for e in errors)
