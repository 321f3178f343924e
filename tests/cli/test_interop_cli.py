"""`quizapp bank import`, `export anki|csv|progress|revlog` and `import progress`, end to end."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizapp.cli import main
from quizapp.core.scheduling import Rating, make_scheduler, new_card, review
from quizapp.store import ReviewRecord, open_store
from quizapp.store.migrations import SCHEMA_VERSION

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_notes.md"
BANK = """\
bank: interop-test
title: Interop test bank
questions:
  - id: it-xcom
    prompt: What is **XCom**?
    answer: |
      XCom passes *small* values between tasks.

      ```python
      ti.xcom_push(key="k", value=1)
      ```
    key_points:
      - passes small values between tasks
      - stored in the metadata database
    tags: [xcom, basics]
    note: In Airflow 3 tasks reach XCom through the Task SDK.
  - id: it-pool
    prompt: What is a pool?
    answer: A pool limits how many tasks run at once.
    key_points:
      - limits how many tasks run at once
"""
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "interop-test.yaml").write_text(BANK)
    return folder


def run(args: list[str], db: Path, banks: Path, text: str = "") -> Result:
    return CliRunner().invoke(
        main, [*args, "--db", str(db), "--banks", str(banks)], input=text, catch_exceptions=False
    )


def add_history(db: Path) -> None:
    """Three reviews of it-xcom and one of it-pool, a day apart, and a finished mock."""
    store = open_store(db, tz=UTC)
    scheduler = make_scheduler()
    for i, (qid, rating) in enumerate(
        [
            ("it-xcom", Rating.Good),
            ("it-pool", Rating.Again),
            ("it-xcom", Rating.Again),
            ("it-xcom", Rating.Good),
        ]
    ):
        at = T0 + timedelta(days=i)
        before = store.card(qid)
        card = review(scheduler, before or new_card(qid, at), rating, at)
        record = ReviewRecord(
            qid,
            "interop-test",
            "quiz",
            at,
            rating,
            rating != Rating.Again,
            answer="x",
            duration_s=12.5,
        )
        review_id = store.record_review(record, card, before)
    store.override_review(review_id, Rating.Good, card)
    mock_id = store.create_mock(T0, 7, 600.0, 300.0, [("it-xcom", "interop-test", "medium")])
    store.close()
    assert mock_id == 1


# --- bank import -------------------------------------------------------------


def test_import_of_the_seed_notes_validates_with_36_questions(tmp_path: Path, banks: Path) -> None:
    out = tmp_path / "mine" / "seed-notes.yaml"
    db = tmp_path / "p.db"
    result = run(["bank", "import", str(SEED), "-o", str(out)], db, banks)
    assert result.exit_code == 0, result.output
    assert "36 draft question(s)" in result.output
    check = run(["bank", "validate", str(out)], db, banks)
    assert check.exit_code == 0, check.output
    assert "ok: 36 question(s) in 1 bank(s)" in check.output
    lint = run(["bank", "lint", str(out)], db, banks)
    assert lint.exit_code == 0 and "key point" in lint.output  # lint has advice for the author
    # Again, over the same file: same ids (they are not counted as taken by the file itself).
    first = out.read_text()
    again = run(
        ["bank", "import", str(SEED), "-o", str(out), "--force", "--banks", str(out.parent)],
        db,
        banks,
    )
    assert again.exit_code == 0, again.output
    assert out.read_text() == first


def test_import_ids_are_unique_against_every_bank(tmp_path: Path, banks: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("1. What is XCom?\n- Small values between tasks\n2. What is XCom?\n- Again\n")
    (banks / "taken.yaml").write_text(
        BANK.replace("interop-test", "taken")
        .replace("it-xcom", "xcom")
        .replace("it-pool", "pool-x")
    )
    result = run(["bank", "import", str(notes)], tmp_path / "p.db", banks)
    assert result.exit_code == 0, result.output
    assert "- id: xcom-2\n" in result.output and "- id: xcom-3\n" in result.output


def test_import_refuses_notes_without_questions_and_an_existing_output(
    tmp_path: Path, banks: Path
) -> None:
    notes = tmp_path / "prose.md"
    notes.write_text("Some prose without a single question.\n")
    out = tmp_path / "out.yaml"
    result = run(["bank", "import", str(notes), "-o", str(out)], tmp_path / "p.db", banks)
    assert result.exit_code == 1
    assert "no questions found" in result.output and not out.exists()
    out.write_text("keep me")
    busy = run(["bank", "import", str(SEED), "-o", str(out)], tmp_path / "p.db", banks)
    assert busy.exit_code == 1 and "pass --force" in busy.output
    assert out.read_text() == "keep me"
    binary = tmp_path / "bad.md"
    binary.write_bytes(b"1. What?\n- \xff\xfe\n")
    bad = run(["bank", "import", str(binary)], tmp_path / "p.db", banks)
    assert bad.exit_code == 1 and "not UTF-8" in bad.output


# --- Anki ---------------------------------------------------------------------


def read_apkg(path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as package:
        data = package.read("collection.anki2")
    target = path.with_suffix(".anki2")
    target.write_bytes(data)
    return sqlite3.connect(target)


def test_anki_package_one_note_per_question_with_the_id_as_guid(
    tmp_path: Path, banks: Path
) -> None:
    out = tmp_path / "cards.apkg"
    result = run(["export", "anki", str(out), "--bank", "interop-test"], tmp_path / "p.db", banks)
    assert result.exit_code == 0, result.output
    conn = read_apkg(out)
    notes = {
        guid: (flds, tags)
        for guid, flds, tags in conn.execute("SELECT guid, flds, tags FROM notes")
    }
    assert set(notes) == {"it-xcom", "it-pool"}
    front, back, qid = notes["it-xcom"][0].split("\x1f")
    assert front == "<p>What is <strong>XCom</strong>?</p>" and qid == "it-xcom"
    assert "<em>small</em>" in back and '<pre><code class="language-python">' in back
    assert "<li>passes small values between tasks</li>" in back and "Task SDK" in back
    assert notes["it-xcom"][1].split() == ["interop-test", "xcom", "basics"]
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    assert "quizapp::Interop test bank" in {d["name"] for d in decks.values()}
    assert conn.execute("SELECT count(*) FROM revlog").fetchone()[0] == 0


def test_anki_export_again_after_an_edit_updates_the_same_notes(
    tmp_path: Path, banks: Path
) -> None:
    from anki import collection as anki  # the real Anki library (the test extra has it)

    from quizapp.core.bank import load_catalog
    from quizapp.interop.anki import export_apkg

    collection = anki.Collection(str(tmp_path / "collection.anki2"))
    titles = {"interop-test": "Interop test bank"}
    first = tmp_path / "first.apkg"
    export_apkg(load_catalog([banks]).questions, first, titles, now=T0)
    collection.import_anki_package(anki.ImportAnkiPackageRequest(package_path=str(first)))
    assert collection.note_count() == 2
    (banks / "interop-test.yaml").write_text(BANK.replace("A pool limits", "A pool caps"))
    second = tmp_path / "second.apkg"  # a day later, as a learner exports again after an edit
    export_apkg(load_catalog([banks]).questions, second, titles, now=T0 + timedelta(days=1))
    collection.import_anki_package(anki.ImportAnkiPackageRequest(package_path=str(second)))
    assert collection.note_count() == 2  # updated, not duplicated
    (note_id,) = collection.find_notes("Id:it-pool")
    note = collection.get_note(note_id)
    assert note.guid == "it-pool" and "A pool caps" in note["Back"]
    assert note.tags == ["interop-test"]
    collection.close()


def test_anki_package_with_history_carries_the_review_log(tmp_path: Path, banks: Path) -> None:
    db = tmp_path / "p.db"
    add_history(db)
    out = tmp_path / "history.apkg"
    result = run(["export", "anki", str(out), "--with-history"], db, banks)
    assert result.exit_code == 0, result.output
    assert "4 review(s)" in result.output
    conn = read_apkg(out)
    card_of = dict(conn.execute("SELECT n.guid, c.id FROM cards c JOIN notes n ON n.id = c.nid"))
    revlog = conn.execute(
        "SELECT id, cid, ease, ivl, time, type FROM revlog ORDER BY id"
    ).fetchall()
    assert [row[1] for row in revlog] == [
        card_of[q] for q in ("it-xcom", "it-pool", "it-xcom", "it-xcom")
    ]
    assert [row[2] for row in revlog] == [3, 1, 1, 3]  # the rating as applied (before the override)
    assert revlog[0][0] == int(T0.timestamp() * 1000) and revlog[0][4] == 12_500
    befores = sqlite3.connect(db).execute("SELECT card_before FROM reviews ORDER BY id").fetchall()
    states = [json.loads(b)["state"] if b else 0 for (b,) in befores]
    learn, review_, relearn = 0, 1, 2
    assert [row[5] for row in revlog] == [
        {0: learn, 1: learn, 2: review_, 3: relearn}[s] for s in states
    ]
    xcom = conn.execute(
        "SELECT type, queue, reps, lapses, data FROM cards WHERE id = ?", [card_of["it-xcom"]]
    ).fetchone()
    assert xcom[2] == 3 and xcom[0] in (1, 2, 3) and json.loads(xcom[4])["s"] > 0


def test_anki_csv_has_the_import_headers_and_one_row_per_question(
    tmp_path: Path, banks: Path
) -> None:
    result = run(["export", "csv", "-", "--bank", "interop-test"], tmp_path / "p.db", banks)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:5] == [
        "#separator:Comma",
        "#html:true",
        "#columns:Front,Back,Tags,GUID",
        "#tags column:3",
        "#guid column:4",
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                "\n".join(line for line in result.output.split("\n") if not line.startswith("#"))
            )
        )
    )
    rows = [r for r in rows if r]
    assert [r[3] for r in rows] == ["it-xcom", "it-pool"]
    assert rows[1][0] == "<p>What is a pool?</p>" and rows[0][2] == "interop-test xcom basics"


def test_an_unknown_bank_is_a_usage_error(tmp_path: Path, banks: Path) -> None:
    result = run(["export", "csv", "-", "--bank", "nope"], tmp_path / "p.db", banks)
    assert result.exit_code == 2 and "unknown bank(s): nope" in result.output


# --- progress ------------------------------------------------------------------


def stats(db: Path, banks: Path) -> dict[str, object]:
    result = run(["stats", "--json"], db, banks)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_progress_round_trip_into_an_empty_database_gives_the_same_figures(
    tmp_path: Path, banks: Path
) -> None:
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    add_history(source)
    dump = tmp_path / "progress.json"
    exported = run(["export", "progress", str(dump)], source, banks)
    assert exported.exit_code == 0, exported.output
    assert "4 reviews" in exported.output
    data = json.loads(dump.read_text())
    assert data["format"] == "quizapp-progress" and data["schema_version"] == SCHEMA_VERSION
    imported = run(["import", "progress", str(dump)], target, banks)
    assert imported.exit_code == 0, imported.output
    assert "added 4 reviews, 2 cards, 1 mocks, 1 mock_answers" in imported.output
    assert stats(target, banks) == stats(source, banks)
    source_rows = (
        sqlite3.connect(source)
        .execute("SELECT question_id, reviewed_at, overridden, rating FROM reviews ORDER BY id")
        .fetchall()
    )
    target_rows = (
        sqlite3.connect(target)
        .execute("SELECT question_id, reviewed_at, overridden, rating FROM reviews ORDER BY id")
        .fetchall()
    )
    assert target_rows == source_rows  # the override came along


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, banks: Path) -> None:
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    add_history(source)
    dump = tmp_path / "progress.json"
    run(["export", "progress", str(dump)], source, banks)
    run(["import", "progress", str(dump)], target, banks)
    before = sqlite3.connect(target).iterdump()
    snapshot = "\n".join(before)
    again = run(["import", "progress", str(dump)], target, banks)
    assert again.exit_code == 0
    assert "nothing new" in again.output
    assert "\n".join(sqlite3.connect(target).iterdump()) == snapshot
    # Into the source itself: also nothing new.
    same = run(["import", "progress", str(dump)], source, banks)
    assert "nothing new" in same.output


def test_import_merges_into_a_database_with_its_own_history(tmp_path: Path, banks: Path) -> None:
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    add_history(source)
    store = open_store(target, tz=UTC)
    at = T0 - timedelta(days=3)
    card = review(make_scheduler(), new_card("it-pool", at), Rating.Good, at)
    store.record_review(
        ReviewRecord("it-pool", "interop-test", "flash", at, Rating.Good, True), card, None
    )
    store.close()
    dump = tmp_path / "progress.json"
    run(["export", "progress", str(dump)], source, banks)
    result = run(["import", "progress", str(dump)], target, banks)
    assert result.exit_code == 0, result.output
    assert "the database before the import is at" in result.output
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 5
    # it-pool was reviewed later in the source, so its card is the source's.
    last = conn.execute("SELECT last_review FROM cards WHERE question_id = 'it-pool'").fetchone()[0]
    assert last.startswith((T0 + timedelta(days=1)).date().isoformat())
    backups = list(tmp_path.glob("target.db.*.bak"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("SELECT count(*) FROM reviews").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "quizapp-progress", "version": 1, "tab', "not valid JSON"),
        ('{"hello": 1}', "not a quizapp progress file"),
        (
            '{"format": "quizapp-progress", "version": 1, "schema_version": 999, "tables": {}}',
            "newer quizapp",
        ),
        (
            '{"format": "quizapp-progress", "version": 2, "schema_version": 1, "tables": {}}',
            "newer quizapp",
        ),
        (
            '{"format": "quizapp-progress", "version": 1, "schema_version": 1, "tables": {"reviews": 3}}',
            "lists of rows",
        ),
    ],
)
def test_a_bad_progress_file_gets_a_message_and_changes_nothing(
    tmp_path: Path, banks: Path, content: str, message: str
) -> None:
    db = tmp_path / "p.db"
    add_history(db)
    snapshot = "\n".join(sqlite3.connect(db).iterdump())
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = run(["import", "progress", str(bad)], db, banks)
    assert result.exit_code == 1
    assert message in result.output
    assert "\n".join(sqlite3.connect(db).iterdump()) == snapshot
    assert not list(tmp_path.glob("p.db.*.bak"))


def test_revlog_csv_for_the_fsrs_optimizer(tmp_path: Path, banks: Path) -> None:
    db = tmp_path / "p.db"
    add_history(db)
    result = run(["export", "revlog", "-"], db, banks)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == [
        "card_id",
        "review_time",
        "review_rating",
        "review_state",
        "review_duration",
    ]
    assert [r["review_rating"] for r in rows] == ["3", "1", "1", "3"]
    assert rows[0]["review_time"] == str(int(T0.timestamp() * 1000))
    assert rows[0]["review_state"] == "0" and rows[2]["review_state"] != "0"
    assert rows[0]["review_duration"] == "12500"
    assert rows[0]["card_id"] == rows[2]["card_id"] != rows[1]["card_id"]


@pytest.mark.parametrize(
    "command", [["export", "anki"], ["export", "csv"], ["export", "progress"], ["export", "revlog"]]
)
def test_an_export_that_cannot_be_written_says_so_without_a_traceback(
    tmp_path: Path, banks: Path, command: list[str]
) -> None:
    db = tmp_path / "p.db"
    add_history(db)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "out.file"
    result = CliRunner().invoke(main, [*command, str(out), "--db", str(db), "--banks", str(banks)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "cannot write" in result.output and str(out) in result.output
    assert blocker.read_text() == "not a folder"


def test_export_into_a_new_folder_creates_it(tmp_path: Path, banks: Path) -> None:
    db = tmp_path / "p.db"
    add_history(db)
    for command, name in (("csv", "c.csv"), ("revlog", "r.csv"), ("progress", "p.json")):
        out = tmp_path / "new" / command / name
        result = run(["export", command, str(out)], db, banks)
        assert result.exit_code == 0, result.output
        assert out.exists()


def test_import_of_notes_named_like_an_existing_bank_gets_a_bank_id_of_its_own(
    tmp_path: Path, banks: Path
) -> None:
    notes = tmp_path / "interop-test.md"
    notes.write_text(
        "1. What is consumer lag?\n- The gap between the newest offset and the committed one.\n"
    )
    out = banks / "mine.yaml"
    db = tmp_path / "p.db"
    result = run(["bank", "import", str(notes), "-o", str(out)], db, banks)
    assert result.exit_code == 0, result.output
    assert "bank: interop-test-notes" in out.read_text()
    check = run(["bank", "validate"], db, banks)
    assert check.exit_code == 0, check.output
    assert "error" not in check.output and "already used" not in check.output
    taken = CliRunner().invoke(
        main,
        [
            "bank",
            "import",
            str(notes),
            "--bank-id",
            "interop-test",
            "--db",
            str(db),
            "--banks",
            str(banks),
        ],
    )
    assert taken.exit_code == 1 and "already used by" in taken.output


def test_import_to_a_path_that_cannot_be_written_says_so(tmp_path: Path, banks: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = CliRunner().invoke(
        main,
        [
            "bank",
            "import",
            str(SEED),
            "-o",
            str(blocker / "b.yaml"),
            "--db",
            str(tmp_path / "p.db"),
            "--banks",
            str(banks),
        ],
    )
    assert result.exit_code == 1 and "cannot write" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_exporting_only_drills_says_they_are_not_cards_and_writes_nothing(
    tmp_path: Path, banks: Path
) -> None:
    out = tmp_path / "d.apkg"
    result = CliRunner().invoke(
        main, ["export", "anki", str(out), "--bank", "sql-drills", "--db", str(tmp_path / "p.db")]
    )
    assert result.exit_code == 1 and "no question to export" in result.output
    assert not out.exists()
    everything = CliRunner().invoke(
        main, ["export", "csv", str(tmp_path / "all.csv"), "--db", str(tmp_path / "p.db")]
    )
    assert everything.exit_code == 0 and "left out" in everything.output


def test_plain_file_command_with_a_wrong_path_asks_again(tmp_path: Path, banks: Path) -> None:
    fixed = tmp_path / "query.sql"
    fixed.write_text("SELECT order_id FROM orders WHERE coupon IS DISTINCT FROM 'SPRING'\n")
    result = run(
        ["quiz", "--plain", "--id", "drill-sql-null-comparison"],
        tmp_path / "p.db",
        banks,
        f"/file {tmp_path / 'nosuch.sql'}\n/file {fixed}\n",
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # plain mode wraps; the temp path's length varies
    assert "Cannot read" in said and "Give another path" in said
    assert "Verdict: correct" in result.output
    assert result.output.count("Verdict:") == 1  # the typo graded and recorded nothing
