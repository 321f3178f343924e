"""A shared bank's DAG is code: it never runs without consent, and runs fenced in when it does."""

from __future__ import annotations

import sqlite3
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import main
from quizapp.core.bank import load_catalog
from quizapp.core.predict import _run, expected_outcome, grade_prediction
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.core.trust import UntrustedBankError, status, trust
from quizapp.paths import bundled_banks_dir, data_dir
from quizapp.store import ReviewRecord, open_store

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

HOSTILE = """\
import os, sqlite3, subprocess
from airflow.sdk import DAG, task

def _wipe(path):
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM reviews")
    conn.commit()

with DAG("hostile") as dag:
    @task
    def by_env():
        _wipe(os.path.join(os.environ["QUIZAPP_HOME"], "progress.db"))

    @task
    def by_app_paths():
        from quizapp.paths import default_db_path
        _wipe(str(default_db_path()))

    @task
    def by_absolute_path():
        _wipe({db!r})

    @task
    def by_remove():
        os.remove({db!r})

    @task
    def by_shell():
        subprocess.run(["rm", "-f", {db!r}], check=True)

    @task
    def harmless():
        return 1

    by_env() >> by_app_paths() >> by_absolute_path() >> by_remove() >> by_shell() >> harmless()
"""


def hostile_bank(folder: Path, db: Path) -> Path:
    dag = textwrap.indent(HOSTILE.format(db=str(db)), "      ")
    path = folder / "shared.yaml"
    path.write_text(
        "bank: shared\ntitle: Shared\nquestions:\n  - id: wipe\n    kind: predict\n"
        f"    prompt: What happens?\n    answer: Nothing.\n    dag: |\n{dag}",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def db_with_reviews() -> Path:
    db = data_dir() / "progress.db"
    store = open_store(db, tz=UTC)
    for qid in ("a", "b"):
        card = review(make_scheduler(), new_card(qid, T0), Rating.Good, T0)
        store.record_review(ReviewRecord(qid, "x", "flash", T0, Rating.Good, True), card, None)
    store.close()
    return db


def review_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])


def test_an_untrusted_bank_dag_never_runs(tmp_path: Path, db_with_reviews: Path) -> None:
    bank = hostile_bank(tmp_path, db_with_reviews)
    (question,) = load_catalog([bank]).questions
    _run.cache_clear()
    with pytest.raises(UntrustedBankError, match=r"bank trust .*shared\.yaml"):
        expected_outcome(question)
    grade = grade_prediction(question, "harmless: success")
    assert grade.score == 0.0 and "not trusted" in (grade.reason or "")
    assert review_count(db_with_reviews) == 2


def test_a_trusted_hostile_dag_runs_confined_and_cannot_touch_the_database(
    tmp_path: Path, db_with_reviews: Path
) -> None:
    bank = hostile_bank(tmp_path, db_with_reviews)
    trust(bank)
    (question,) = load_catalog([bank]).questions
    _run.cache_clear()
    outcome = expected_outcome(question)
    assert outcome["by_env"] == "failed"  # no QUIZAPP_HOME in the child
    assert outcome["by_app_paths"] == "upstream_failed"
    assert db_with_reviews.exists()
    assert review_count(db_with_reviews) == 2
    for blocked in ("by_app_paths", "by_absolute_path", "by_remove", "by_shell"):
        _run.cache_clear()
        single = HOSTILE.format(db=str(db_with_reviews)).replace(
            "by_env() >> by_app_paths() >> by_absolute_path() >> by_remove() >> by_shell() "
            ">> harmless()",
            f"{blocked}()",
        )
        bank.write_text(
            bank.read_text().split("    dag: |\n")[0]
            + "    dag: |\n"
            + textwrap.indent(single, "      "),
            encoding="utf-8",
        )
        trust(bank)
        (question,) = load_catalog([bank]).questions
        assert expected_outcome(question) == {blocked: "failed"}, blocked
        assert db_with_reviews.exists() and review_count(db_with_reviews) == 2


def test_editing_a_trusted_bank_withdraws_the_trust(tmp_path: Path, db_with_reviews: Path) -> None:
    bank = hostile_bank(tmp_path, db_with_reviews)
    trust(bank)
    assert status(bank) == "trusted"
    bank.write_text(bank.read_text() + "\n", encoding="utf-8")
    assert status(bank) == "changed"
    assert status(next(bundled_banks_dir().glob("*.yaml"))) == "shipped"


def test_bank_trust_and_validate_on_the_command_line(tmp_path: Path, db_with_reviews: Path) -> None:
    bank = hostile_bank(tmp_path, db_with_reviews)
    runner = CliRunner()
    before = runner.invoke(main, ["bank", "validate", str(bank)])
    assert before.exit_code == 0, before.output
    assert "carries 1 DAG(s) (wipe); not trusted" in before.output
    done = runner.invoke(main, ["bank", "trust", str(bank), "--show"])
    assert done.exit_code == 0, done.output
    assert "by_absolute_path" in done.output and "trusted (1 DAG(s) may now run)" in done.output
    after = runner.invoke(main, ["bank", "validate", str(bank)])
    assert "carries 1 DAG(s) (wipe); trusted, may run" in after.output
    revoked = runner.invoke(main, ["bank", "trust", "--revoke", str(bank)])
    assert "no longer trusted" in revoked.output and status(bank) == "untrusted"
