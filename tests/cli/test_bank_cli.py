"""`quizapp bank ...` as a user runs it: exit codes, file:line output, JSON fields."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizapp.cli import main

BROKEN = "bank: broken\ntitle: B\nquestions:\n  - id: x\n    prompt: P\n    key_points: [k]\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_bundled_banks_is_clean() -> None:
    code, out, err = run("bank", "validate")
    assert code == 0, out
    assert out == ""
    assert err.startswith("ok: ")


def test_validate_reports_file_line_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = run("bank", "validate", str(path))
    assert code == 1
    assert out.splitlines() == [f"{path}:4: question 'x': missing required field 'answer'"]


def test_usage_error_exits_2() -> None:
    code, _, err = run("bank", "validate", "--no-such-flag")
    assert code == 2
    assert "No such option" in err


def test_list_json_has_the_contract_fields() -> None:
    code, out, _ = run("bank", "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows, "the bundled banks are not empty"
    required = {
        "id",
        "bank",
        "kind",
        "prompt",
        "answer",
        "key_points",
        "difficulty",
        "tags",
        "sandbox",
        "source",
    }
    for row in rows:
        assert required <= row.keys()
    assert len({r["id"] for r in rows}) == len(rows)


def test_extra_banks_from_option_and_environment(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "bank: mine\ntitle: Mine\nquestions:\n  - id: mine-one\n    prompt: P\n    answer: A\n"
        "    key_points: [k]\n",
        encoding="utf-8",
    )
    _, out, _ = run("bank", "list", "--json", "--banks", str(folder))
    assert "mine-one" in {r["id"] for r in json.loads(out)}
    monkeypatch.setenv("QUIZAPP_BANKS", str(folder))
    _, out, _ = run("bank", "list", "--json")
    assert "mine-one" in {r["id"] for r in json.loads(out)}


def test_user_banks_folder_is_loaded(isolated_home: Path) -> None:
    folder = isolated_home / "banks"
    folder.mkdir()
    (folder / "own.yaml").write_text(
        "bank: own\ntitle: Own\nquestions:\n  - id: own-one\n    prompt: P\n    answer: A\n"
        "    key_points: [k]\n",
        encoding="utf-8",
    )
    _, out, _ = run("bank", "list", "--json")
    assert any(r["id"] == "own-one" and r["bank"] == "own" for r in json.loads(out))


def test_broken_extra_bank_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    code, out, err = run("bank", "list", "--json", "--banks", str(tmp_path))
    assert code == 0
    assert json.loads(out)
    assert "missing required field 'answer'" in err


def test_lint_strict_turns_findings_into_errors(tmp_path: Path) -> None:
    (tmp_path / "thin.yaml").write_text(
        "bank: thin\ntitle: Thin\nquestions:\n  - id: thin-one\n    prompt: What is X?\n"
        "    answer: X is a thing.\n    key_points: [x is a thing]\n",
        encoding="utf-8",
    )
    code, out, _ = run("bank", "lint", str(tmp_path))
    assert code == 0
    assert "only 1 key point(s)" in out and out.rstrip().endswith("[warning]")
    code, out, _ = run("bank", "lint", "--strict", str(tmp_path))
    assert code == 1
    assert out.rstrip().endswith("[error]")


def test_version_and_help() -> None:
    from quizapp import __version__

    assert run("--version")[1].strip() == f"quizapp, version {__version__}"
    code, out, _ = run("--help")
    assert code == 0 and "bank" in out


def test_wheel_ships_the_banks(tmp_path: Path) -> None:
    """A wheel built from the repo carries questions/ and finds it without the checkout."""
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("quizapp-*.whl")
    unpacked = tmp_path / "site"
    import zipfile

    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(unpacked)
    assert "quizapp/questions/schema.json" in names
    assert any(n.startswith("quizapp/questions/") and n.endswith(".yaml") for n in names)
    assert any(n.startswith("quizapp/sandbox/examples/") for n in names)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import quizapp.paths as p; "
        "from quizapp.core.bank import load_catalog; c = load_catalog(p.bank_dirs()); "
        "print(p.bundled_banks_dir().is_relative_to(sys.argv[1]), len(c) > 0, len(c.errors))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(unpacked)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout.split() == ["True", "True", "0"]
