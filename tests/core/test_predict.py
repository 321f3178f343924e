"""Predict-the-run: the bank's DAGs run in the sandbox and agree with their model answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.models import Question
from quizapp.core.predict import (
    PredictError,
    check_prediction,
    expected_outcome,
    format_prediction,
    grade_prediction,
    parse_prediction,
    predict_tasks,
)

BANK = Path(__file__).resolve().parents[2] / "questions" / "airflow-predict.yaml"
CATALOG = load_catalog([BANK])
QUESTIONS = [q for q in CATALOG.questions if q.kind == "predict"]
ANSWER_LINE = re.compile(r"^- `([^`]+)`[^:\n]*: \*\*([^*]+)\*\*", re.MULTILINE)

TINY = Question(
    id="tiny",
    bank="test",
    prompt="?",
    answer="-",
    kind="predict",
    ask="state",
    dag=(
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, task\n"
        "with DAG(dag_id='tiny', start_date=datetime(2024, 1, 1), schedule=None):\n"
        "    @task\n"
        "    def boom():\n"
        "        raise ValueError('no')\n"
        "    @task\n"
        "    def after():\n"
        "        pass\n"
        "    @task(trigger_rule='all_done')\n"
        "    def tidy():\n"
        "        pass\n"
        "    b = boom()\n"
        "    b >> after()\n"
        "    b >> tidy()\n"
    ),
)


def test_the_bank_has_enough_predict_questions_of_both_kinds() -> None:
    assert not CATALOG.errors
    assert len(QUESTIONS) >= 12
    assert {q.ask for q in QUESTIONS} == {"state", "try_number"}
    for question in QUESTIONS:
        assert 3 <= len(predict_tasks(question)) <= 6, question.id


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_model_answer_matches_the_sandbox_run(question: Question) -> None:
    written = dict(ANSWER_LINE.findall(question.answer))
    assert written == expected_outcome(question)


def test_a_perfect_prediction_is_correct() -> None:
    result = check_prediction(
        TINY, {"boom": "Failed", "after": "upstream failed", "tidy": "success"}
    )
    assert [c.hit for c in result.checks] == [True, True, True]
    grade = result.to_grade()
    assert (grade.score, grade.verdict, grade.missed) == (1.0, "correct", [])


def test_misses_are_named_task_by_task() -> None:
    grade = grade_prediction(TINY, "boom: failed\nafter: failed\n")
    assert grade.verdict == "incorrect"
    assert grade.score == pytest.approx(1 / 3)
    assert grade.matched == ["boom: failed"]
    assert grade.missed == ["after: upstream_failed", "tidy: success"]
    assert grade.reason == "1 of 3 tasks predicted right"


def test_two_of_three_is_partial() -> None:
    grade = grade_prediction(TINY, "boom=failed, after=upstream_failed, tidy=skipped")
    assert (grade.verdict, round(grade.score, 2)) == ("partial", 0.67)


def test_try_numbers_are_compared_as_numbers_in_text() -> None:
    question = next(q for q in QUESTIONS if q.id == "predict-retries-third-try")
    assert grade_prediction(question, "get_token: 1\ncall_api: #3\nstore: 1").verdict == "correct"
    grade = grade_prediction(question, "get_token: 1\ncall_api: 4\nstore: 1")
    assert grade.missed == ["call_api: 3"]


def test_prediction_text_round_trips() -> None:
    prediction = {"extract": "success", "parse[1]": "failed", "load": ""}
    text = format_prediction(prediction)
    assert text == "extract: success\nparse[1]: failed"
    assert parse_prediction(text) == {"extract": "success", "parse[1]": "failed"}


def test_a_dag_that_cannot_load_is_a_clear_error() -> None:
    broken = Question(id="broken", bank="t", prompt="?", answer="-", kind="predict", dag="x = (")
    with pytest.raises(PredictError, match="question 'broken': the sandbox cannot run its DAG"):
        expected_outcome(broken)


def test_a_dag_that_never_ends_is_stopped_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import quizapp.core.predict as predict

    monkeypatch.setattr(predict, "TIME_LIMIT_S", 1.0)
    hanging = Question(
        id="hangs",
        bank="t",
        prompt="?",
        answer="-",
        kind="predict",
        dag=TINY.dag.replace("raise ValueError('no')", "while True: pass"),  # type: ignore[union-attr]
    )
    with pytest.raises(PredictError, match="time limit of 1 s exceeded"):
        expected_outcome(hanging)


def test_tasks_are_asked_in_the_dag_order_not_the_file_order() -> None:
    reordered = Question(
        id="reordered",
        bank="t",
        prompt="?",
        answer="-",
        kind="predict",
        dag=(
            "from datetime import datetime\n"
            "from airflow.sdk import DAG, task\n"
            "with DAG(dag_id='reordered', start_date=datetime(2024, 1, 1), schedule=None):\n"
            "    @task\n"
            "    def last():\n"
            "        pass\n"
            "    @task\n"
            "    def middle():\n"
            "        pass\n"
            "    @task\n"
            "    def first():\n"
            "        pass\n"
            "    l, m, f = last(), middle(), first()\n"
            "    f >> m >> l\n"
        ),
    )
    assert predict_tasks(reordered) == ["first", "middle", "last"]
