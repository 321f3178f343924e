"""SQL drills on DuckDB and fix-the-DAG drills: every shipped drill's reference solution grades
correct and its planted fault (or a typical wrong query) grades incorrect; limits and rules."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from quizapp.core.bank import load_catalog, parse_bank
from quizapp.core.models import Question, SqlTable
from quizapp.drills.debug_grade import grade_debug
from quizapp.drills.render import details_text, drill_prompt, starter_text
from quizapp.drills.sql_compare import compare_rows, parse_rows
from quizapp.drills.sql_grade import grade_sql
from quizapp.drills.sql_runner import SqlRunner

QUESTIONS = Path(__file__).resolve().parents[2] / "questions"
CATALOG = load_catalog([QUESTIONS / "sql-drills.yaml", QUESTIONS / "dag-debug.yaml"])
SQL = [q for q in CATALOG.questions if q.kind == "sql"]
DEBUG = [q for q in CATALOG.questions if q.kind == "debug"]

TYPICAL_WRONG = {
    "drill-sql-latest-row-per-key": "SELECT customer_id, email, MAX(updated_at) FROM customer_updates GROUP BY customer_id, email",
    "drill-sql-dedup-events": "SELECT DISTINCT event_id, user_id, loaded_at FROM events",
    "drill-sql-running-total": "SELECT account_id, tx_day, amount, SUM(amount) OVER (ORDER BY tx_day) AS balance FROM transactions ORDER BY account_id, tx_day",
    "drill-sql-moving-average": "SELECT day, revenue, AVG(revenue) OVER () FROM daily_revenue ORDER BY day",
    "drill-sql-top-n-per-group": "SELECT category, product, revenue FROM product_sales ORDER BY revenue DESC LIMIT 2",
    "drill-sql-gaps-and-islands": "SELECT user_id, MIN(login_day), MAX(login_day), COUNT(*) FROM logins GROUP BY user_id",
    "drill-sql-sessionisation": "SELECT user_id, MIN(ts), COUNT(*) FROM clicks GROUP BY user_id",
    "drill-sql-day1-retention": "SELECT u.signup_day, COUNT(DISTINCT u.user_id), COUNT(DISTINCT a.user_id) / COUNT(DISTINCT u.user_id) FROM users u JOIN activity a ON a.user_id = u.user_id AND a.active_day = u.signup_day + INTERVAL 1 DAY GROUP BY u.signup_day",
    "drill-sql-funnel": "SELECT COUNT(*) FILTER (WHERE step = 'view'), COUNT(*) FILTER (WHERE step = 'cart'), COUNT(*) FILTER (WHERE step = 'purchase') FROM funnel_events",
    "drill-sql-scd2-as-of-join": "SELECT o.order_id, t.tier FROM orders o JOIN customer_tiers t ON t.customer_id = o.customer_id",
    "drill-sql-merge-upsert": "INSERT INTO dim_product SELECT * FROM staging; SELECT product_id, name, price FROM dim_product",
    "drill-sql-join-fan-out": "SELECT o.customer_id, SUM(o.amount) FROM orders o JOIN payments p ON p.order_id = o.order_id GROUP BY o.customer_id",
    "drill-sql-anti-join-null-trap": "SELECT customer_id, name FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders)",
    "drill-sql-null-comparison": "SELECT order_id FROM orders WHERE coupon <> 'SPRING'",
    "drill-sql-pivot": "SELECT region, SUM(amount) FILTER (WHERE quarter = 1) AS q1, SUM(amount) FILTER (WHERE quarter = 2) AS q2 FROM sales GROUP BY region",
    "drill-sql-second-highest": "SELECT department, salary FROM employees QUALIFY ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC) = 2",
    "drill-sql-day-over-day": "SELECT day, signups, LAG(signups) OVER (ORDER BY day) - signups FROM daily_signups ORDER BY day",
    "drill-sql-cohort-sizes": "SELECT DATE_TRUNC('month', purchased_at), COUNT(DISTINCT user_id) FROM purchases GROUP BY 1",
    "drill-sql-duplicate-keys": "SELECT email, COUNT(*) FROM accounts GROUP BY email HAVING COUNT(*) > 1",
    "drill-sql-left-join-filter-trap": "SELECT c.customer_id, COUNT(o.order_id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE o.ordered_at >= DATE '2024-01-01' GROUP BY c.customer_id",
    "drill-sql-build-scd2": "SELECT customer_id, city, changed_on AS valid_from, NULL AS valid_to FROM address_changes",
    "drill-sql-share-of-total": "SELECT category, SUM(amount) AS revenue, SUM(amount) / COUNT(*) AS share FROM sales GROUP BY category",
    "drill-sql-median-per-group": "SELECT store, AVG(order_value) FROM orders GROUP BY store",
    "drill-sql-year-to-date": "SELECT region, month, revenue, SUM(revenue) OVER (PARTITION BY region ORDER BY month) FROM monthly_revenue ORDER BY region, month",
    "drill-sql-incremental-window": "SELECT event_id FROM events WHERE event_time BETWEEN TIMESTAMP '2024-05-02 00:00:00' AND TIMESTAMP '2024-05-03 00:00:00'",
    "drill-sql-predict-count-nulls": "5, 5, 3",
    "drill-sql-predict-ranking-ties": "a, 1, 1, 1\nb, 2, 2, 2\nc, 3, 3, 3\nd, 4, 4, 4",
    "drill-sql-predict-left-join-rows": "data, ana\ndata, ben",
}
PREDICTED_RIGHT = {
    "drill-sql-predict-count-nulls": "all_rows, assigned, people\n5, 3, 2",
    "drill-sql-predict-ranking-ties": "a, 1, 1, 1\nb, 2, 2, 2\nc, 3, 2, 2\nd, 4, 4, 3",
    "drill-sql-predict-left-join-rows": "data | ana\nops | NULL\ndata | ben",
}


def fixed_file(question: Question) -> str:
    """The fixed DAG file that a debug drill's model answer shows."""
    match = re.search(r"```python\n(.*?)```", question.answer, re.S)
    assert match, f"{question.id}: the answer shows no fixed file"
    return match.group(1)


def test_the_banks_carry_enough_drills() -> None:
    assert CATALOG.errors == ()
    assert len([q for q in SQL if q.ask == "query"]) >= 25
    assert any(q.ask == "rows" for q in SQL)
    assert len(DEBUG) >= 12
    assert set(TYPICAL_WRONG) == {q.id for q in SQL}  # every drill has its wrong answer here


@pytest.mark.parametrize("question", SQL, ids=lambda q: q.id)
def test_sql_reference_is_correct_and_the_typical_mistake_is_not(question: Question) -> None:
    assert question.sql is not None
    right = question.sql.reference if question.ask == "query" else PREDICTED_RIGHT[question.id]
    assert grade_sql(question, right).verdict == "correct"
    if question.ask == "query":
        assert question.sql.reference.strip() in question.answer  # the model answer shows it
    wrong = grade_sql(question, TYPICAL_WRONG[question.id])
    assert wrong.verdict == "incorrect", wrong.reason
    assert wrong.details is not None
    rows = wrong.details["rows"]
    assert isinstance(rows, dict) and (rows["missing"] or rows["extra"])


@pytest.mark.parametrize("question", DEBUG, ids=lambda q: q.id)
def test_debug_fixed_file_is_correct_and_the_planted_fault_is_not(question: Question) -> None:
    fixed = grade_debug(question, fixed_file(question))
    assert fixed.verdict == "correct", fixed.reason
    assert fixed.details is not None and fixed.details["tasks"] == {}
    broken = grade_debug(question, starter_text(question))
    assert broken.verdict == "incorrect", broken.reason
    assert "Tasks that still differ" in details_text(broken.details or {})


def test_debug_verdict_names_the_tasks_that_still_differ() -> None:
    question = next(q for q in DEBUG if q.id == "drill-dag-cleanup-trigger-rule")
    grade = grade_debug(question, question.dag or "")
    assert grade.details is not None
    assert grade.details["tasks"] == {
        "delete_cluster": {"expected": "success", "got": "upstream_failed"}
    }
    assert "delete_cluster" in (grade.reason or "")
    assert grade.to_json()["tasks"] == grade.details["tasks"]


def test_a_dag_that_never_ends_is_stopped_with_a_message() -> None:
    question = next(q for q in DEBUG if q.id == "drill-dag-xcom-key-mismatch")
    looping = (question.dag or "").replace("count = ti.xcom_pull", "while True:\n            pass\n        count = ti.xcom_pull")
    import quizapp.drills.debug_grade as debug_grade

    original = debug_grade.TIME_LIMIT_S
    debug_grade.TIME_LIMIT_S = 2.0
    try:
        grade = grade_debug(question, looping)
    finally:
        debug_grade.TIME_LIMIT_S = original
    assert grade.verdict == "incorrect"
    assert "limit" in (grade.reason or "").lower()


def test_sql_errors_come_back_with_duckdbs_message_and_line() -> None:
    question = SQL[0]
    grade = grade_sql(question, "SELECT customer_id\nFROM no_such_table")
    assert grade.verdict == "incorrect"
    assert "no_such_table" in (grade.reason or "") and "LINE 2" in (grade.reason or "")
    assert grade.to_json()["error"]
    assert grade_sql(question, "   ").reason == "no query given"


def test_runaway_and_forbidden_queries_are_stopped() -> None:
    runner = SqlRunner(time_limit=1.5)
    tables = (SqlTable("t", ("x",), ((1,),)),)
    try:
        started = time.monotonic()
        endless = runner.run(tables, "SELECT count(*) FROM range(1000000000000) a")
        assert endless.error is not None and "1.5 s limit" in endless.error
        assert time.monotonic() - started < 10
        assert runner.run(tables, "SELECT x FROM t").rows == ((1,),)  # a new worker took over
        assert "disabled" in (runner.run(tables, "SELECT * FROM read_csv('/etc/passwd')").error or "")
        for statement in ("INSTALL httpfs", "ATTACH 'other.db'", "COPY t TO 'out.csv'"):
            error = runner.run(tables, statement).error or ""
            assert "not allowed" in error, statement
        assert "last statement must be a SELECT" in (runner.run(tables, "DELETE FROM t").error or "")
    finally:
        runner.close()


def test_rows_compare_as_a_multiset_with_tolerance_and_nulls() -> None:
    check = compare_rows(("a", "b"), [(1, None), (2, 0.1 + 0.2)], ("x", "y"), [(2, 0.3), (1.0, None)])
    assert check.exact
    assert not compare_rows(("a",), [(None,)], ("a",), [(0,)]).exact  # NULL is not 0
    ordered = compare_rows(("a",), [(1,), (2,)], ("a",), [(2,), (1,)], ordered=True)
    assert ordered.rows_ok and not ordered.order_ok and not ordered.exact
    # The right columns in another order are matched by name.
    swapped = compare_rows(("k", "v"), [(1, "x")], ("v", "k"), [("x", 1)])
    assert swapped.exact
    named = compare_rows(("k",), [(1,)], ("key",), [(1,)], check_columns=True)
    assert named.rows_ok and not named.columns_ok
    fan_out = compare_rows(("a",), [(1,)], ("a",), [(1,), (1,)])
    assert fan_out.extra == ((1,),) and not fan_out.missing  # shown as written, not as compared


def test_predicted_rows_are_read_leniently_and_bad_lines_are_named() -> None:
    rows, bad = parse_rows("name, n\n+---+\n'a', 1\nb | NULL\nc\n", 2, ("name", "n"))
    assert rows == [("a", 1), ("b", None)]
    assert bad == ["line 5: 1 value(s), expected 2"]


def test_the_prompt_shows_the_fixture_tables_and_the_editor_starts_from_the_broken_dag() -> None:
    question = next(q for q in SQL if q.id == "drill-sql-anti-join-null-trap")
    prompt = drill_prompt(question)
    assert "```text\ncustomers\n  customer_id  name\n" in prompt
    assert "101       NULL" in prompt
    rows_question = next(q for q in SQL if q.ask == "rows")
    assert "```sql" in drill_prompt(rows_question)
    debug = DEBUG[0]
    assert starter_text(debug).startswith("from datetime import datetime")


DRILL_BANK = """\
bank: drills-test
title: Drills
questions:
  - id: bad-sql
    kind: sql
    prompt: Q?
    answer: A.
    tables:
      t:
        columns: [a, b]
        rows:
          - [1]
    ordered: maybe
  - id: bad-debug
    kind: debug
    prompt: Q?
    answer: A.
    dag: "x = 1"
    target:
      tasks:
        t1: finished
  - id: text-with-tables
    prompt: Q?
    answer: A.
    key_points: [a]
    reference: SELECT 1
"""


def test_drill_fields_are_validated_with_file_and_line() -> None:
    bank, issues = parse_bank(DRILL_BANK, "drills.yaml")
    messages = [str(i) for i in issues]
    assert "drills.yaml:12: question 'bad-sql': table 't': a row has 1 value(s) for 2 column(s)" in messages
    assert any("drills.yaml:4:" in m and "needs 'reference'" in m for m in messages)
    assert "drills.yaml:13: question 'bad-sql': 'ordered' must be true or false, got 'maybe'" in messages
    assert any(m.startswith("drills.yaml:21: question 'bad-debug': target task 't1'") for m in messages)
    assert "drills.yaml:26: question 'text-with-tables': 'reference' is only for kind: sql" in messages
    assert bank is not None and bank.questions == ()


def test_a_sql_score_is_the_share_of_checks_the_verdict_line_counts() -> None:
    question = next(q for q in SQL if q.id == "drill-sql-pivot")
    grade = grade_sql(question, TYPICAL_WRONG[question.id])
    hits = sum(p.hit for p in grade.points)
    assert grade.score == hits / len(grade.points)
    assert "1 of 3 expected rows" in (grade.reason or "")


def test_a_mock_report_shows_a_drills_code_and_its_result() -> None:
    from datetime import UTC, datetime

    from quizapp.core.report import MockItem, MockReport, report_markdown

    question = next(q for q in SQL if q.id == "drill-sql-null-comparison")
    grade = grade_sql(question, "SELECT order_id\nFROM nowhere")
    from quizapp.drills.render import details_text

    item = MockItem(
        position=0, question_id=question.id, bank=question.bank, difficulty="easy",
        prompt=question.prompt, model_answer=question.answer, answer="SELECT order_id\nFROM nowhere",
        skipped=False, verdict=grade.verdict, score=grade.score, seconds=30.0, soft_limit_s=120.0,
        kind="sql", reason=grade.reason or "", result=details_text(grade.details or {}),
    )  # fmt: skip
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    report = MockReport(1, moment, moment, 600.0, 120.0, grade.score, False, (item,))
    text = report_markdown(report)
    assert "```sql\nSELECT order_id\nFROM nowhere\n```" in text
    assert "Result: the query does not run" in text and "nowhere" in text
    assert "Expected (3 row(s)):" in text
    assert MockReport.from_json(report.to_json()).items[0].result == item.result
