"""`quizapp plan` and `quizapp tune` on the command line, and the plan block of `stats --json`."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main


def today() -> date:
    return datetime.now().astimezone().date()


def run(db: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--db", str(db)], catch_exceptions=False)


def test_plan_stores_the_date_and_stats_json_reports_readiness(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    day = today() + timedelta(days=21)
    result = run(db, "plan", "--interview", day.isoformat(), "--minutes", "600")
    assert result.exit_code == 0, result.output
    assert f"Interview on {day.isoformat()}: 21 day(s) to go." in result.output
    assert "Readiness on" in result.output
    shown = run(db, "plan")
    assert f"Interview on {day.isoformat()}" in shown.output
    stats = json.loads(run(db, "stats", "--json").output)
    plan = stats["plan"]
    assert plan["interview"] == day.isoformat() and plan["days_left"] == 21
    assert plan["topics"] and all(t["recall_on_day"] == 0.0 for t in plan["topics"].values())
    assert plan["feasible"] is True and plan["message"] is None
    text = run(db, "stats", "--plain").output
    assert f"Readiness on {day.isoformat()}" in text


def test_plan_explains_an_impossible_load(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    day = today() + timedelta(days=7)
    result = run(db, "plan", "--interview", day.isoformat(), "--minutes", "1")
    assert result.exit_code == 0
    assert "At 1 min/day you will not see" in result.output
    assert "raise it to" in result.output and "narrow the topics" in result.output
    narrowed = run(db, "plan", "--bank", "astronomer", "--json")
    assert set(json.loads(narrowed.output)["topics"]) == {"astronomer"}


def test_plan_clear_and_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    assert "No interview date set" in run(db, "plan").output
    bad = run(db, "plan", "--interview", "someday")
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output and "Traceback" not in bad.output
    past = run(db, "plan", "--interview", (today() - timedelta(days=1)).isoformat())
    assert past.exit_code == 1 and "in the past" in past.output
    retention = run(db, "plan", "--retention", "0.5")
    assert retention.exit_code == 1 and "between 0.80 and 0.97" in retention.output
    unknown = run(db, "plan", "--bank", "nope")
    assert unknown.exit_code == 2 and "no bank 'nope'" in unknown.output
    run(db, "plan", "--interview", (today() + timedelta(days=3)).isoformat())
    cleared = run(db, "plan", "--clear")
    assert "cleared" in cleared.output
    assert json.loads(run(db, "stats", "--json").output)["plan"] is None


def test_tune_keeps_the_defaults_on_a_thin_history(tmp_path: Path) -> None:
    result = run(tmp_path / "p.db", "tune")
    assert result.exit_code in (0, 1)
    assert "too little history" in result.output or "pip install" in result.output


def test_tune_fits_a_long_log_and_scheduling_uses_the_fit(tmp_path: Path) -> None:
    pytest.importorskip("fsrs_rs_python")
    from quizapp.core.clock import SystemClock
    from quizapp.core.study_plan import store_scheduler
    from quizapp.store import open_store
    from tests.core.test_tune import synthetic_log

    db = tmp_path / "p.db"
    store = open_store(db)
    with store.transaction() as conn:
        conn.conn.executemany(
            "INSERT INTO reviews (question_id, bank, mode, reviewed_at, day, rating, correct,"
            " overridden) VALUES (?, 'b', 'flash', ?, ?, ?, ?, 0)",
            [
                (qid, f"{day.isoformat()}T09:00:00+00:00", day.isoformat(), r, int(r > 1))
                for qid, day, r in synthetic_log()
            ],
        )
    store.close()
    result = run(db, "tune")
    assert result.exit_code == 0, result.output
    assert "Fitted FSRS parameters" in result.output and "better" in result.output
    store = open_store(db)
    fitted = store.study_settings().parameters
    assert fitted is not None
    assert tuple(store_scheduler(store, SystemClock().now()).parameters) == fitted
    store.close()
    assert "default FSRS parameters" in run(db, "tune", "--reset").output
    store = open_store(db)
    assert store.study_settings().parameters is None
    store.close()


def test_leeches_lists_the_misses_and_suspends(tmp_path: Path) -> None:
    from quizapp.core.bank import load_catalog
    from quizapp.core.clock import FakeClock
    from quizapp.core.sessions import QuizSession, text_grader
    from quizapp.paths import bank_dirs
    from quizapp.store import open_store

    db = tmp_path / "p.db"
    assert "No leeches" in run(db, "leeches").output
    catalog = load_catalog(bank_dirs([]))
    target = next(q for q in catalog.questions if q.kind == "text")
    store = open_store(db)
    clock = FakeClock(datetime(2026, 1, 5, 9).astimezone())
    for _ in range(8):
        quiz = QuizSession(store, [target], clock=clock, graders={"text": text_grader()})
        quiz.submit("no idea")
        clock.advance(days=1)
    store.close()
    listed = run(db, "leeches").output
    assert f"{target.id}: 8 lapses" in listed
    assert f"missed {target.key_points[0].text}" in listed
    suspended = run(db, "leeches", "--suspend", target.id).output
    assert "suspended until you take it back" in suspended
    assert "(suspended until the final sweep)" in suspended
    assert run(db, "leeches", "--suspend", "nope").exit_code == 2


def test_a_past_interview_says_what_to_do_next_without_readiness_figures(tmp_path: Path) -> None:
    from datetime import UTC

    from quizapp.core.plan import StudySettings
    from quizapp.store import open_store

    db = tmp_path / "p.db"
    store = open_store(db, tz=UTC)
    store.save_study_settings(StudySettings(interview=today() - timedelta(days=12)))
    store.close()
    result = run(db, "plan")
    assert result.exit_code == 0, result.output
    assert "(12 days ago)" in result.output
    assert "--clear" in result.output and "--interview" in result.output
    assert "Readiness on" not in result.output


def test_planning_for_a_bank_of_drills_only_explains_what_the_plan_covers(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    day = today() + timedelta(days=21)
    result = CliRunner().invoke(
        main, ["plan", "--interview", day.isoformat(), "--bank", "sql-drills", "--db", str(db)]
    )
    assert result.exit_code == 2
    assert "'sql-drills' has no question the plan covers" in result.output
    assert "drills and predictions are scheduled" in result.output
    assert "Interview on" not in run(db, "plan").output  # nothing was stored
