"""The catalog cache gives what the loader gives, and notices every change to the banks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quizapp.core import bank
from quizapp.core.bank import load_catalog
from quizapp.core.bank_cache import CACHE_NAME, load_catalog_cached

FIXTURES = Path(__file__).parents[1] / "tui" / "banks"


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    shutil.copytree(FIXTURES, folder)
    return folder


def forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the banks were parsed again")

    monkeypatch.setattr(bank, "load_catalog", fail)


def test_second_load_comes_from_the_cache(
    banks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_catalog_cached([banks], tmp_path)
    assert first == load_catalog([banks])
    assert first.errors  # the broken fixture bank: its problems are cached too
    forbid_loading(monkeypatch)
    again = load_catalog_cached([banks], tmp_path)
    assert again == first
    assert [str(e) for e in again.errors] == [str(e) for e in first.errors]


def test_an_edited_bank_is_parsed_again(banks: Path, tmp_path: Path) -> None:
    load_catalog_cached([banks], tmp_path)
    file = next(banks.glob("*.yaml"))
    stat = file.stat()
    file.write_text(file.read_text().replace("prompt:", "prompt: Edited.", 1))
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    assert load_catalog_cached([banks], tmp_path) == load_catalog([banks])


def test_a_new_bank_file_is_seen(banks: Path, tmp_path: Path) -> None:
    load_catalog_cached([banks], tmp_path)
    (banks / "zz-extra.yaml").write_text("bank: zz\ntitle: Z\nquestions: []\n")
    assert load_catalog_cached([banks], tmp_path) == load_catalog([banks])


def test_a_broken_cache_is_ignored_and_replaced(
    banks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / CACHE_NAME).write_bytes(b"\x80\x05garbage")
    assert load_catalog_cached([banks], tmp_path) == load_catalog([banks])
    forbid_loading(monkeypatch)
    assert load_catalog_cached([banks], tmp_path) == load_catalog_cached([banks], tmp_path)


def test_a_crafted_cache_never_runs_code(banks: Path, tmp_path: Path) -> None:
    """The cache is JSON: a pickle planted in its place (or any other bytes) is just ignored."""
    import pickle

    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    expected = load_catalog([banks])
    for planted in (
        pickle.dumps(Payload()),
        pickle.dumps((("key",), Payload())),
        b'{"format": "quizapp-catalog-json-1", "key": [], "catalog": [[["x"]], []]}',
        b"\xff\xfe not even text",
    ):
        (tmp_path / CACHE_NAME).write_bytes(planted)
        assert load_catalog_cached([banks], tmp_path) == expected
        assert not marker.exists()
    import json

    stored = json.loads((tmp_path / CACHE_NAME).read_bytes())  # rewritten as JSON data
    assert stored["format"] == "quizapp-catalog-json-1"


def test_a_cache_row_of_the_wrong_shape_is_rejected(banks: Path, tmp_path: Path) -> None:
    import json

    load_catalog_cached([banks], tmp_path)
    cache = tmp_path / CACHE_NAME
    stored = json.loads(cache.read_bytes())
    stored["catalog"][0][0][3][0].append("one field too many")  # first question of first bank
    cache.write_text(json.dumps(stored))
    assert load_catalog_cached([banks], tmp_path) == load_catalog([banks])


def test_the_shipped_banks_round_trip_through_the_cache_dates_and_all(tmp_path: Path) -> None:
    """SQL fixtures hold YAML timestamps and debug targets hold XCom values: kept exactly."""
    from quizapp.core.bank_cache import cache_key, decode, encode
    from quizapp.paths import bundled_banks_dir

    catalog = load_catalog([bundled_banks_dir()])
    assert any(q.sql for q in catalog.questions) and any(q.target for q in catalog.questions)
    back = decode(encode(cache_key([bundled_banks_dir()]), catalog))["catalog"]
    assert back == catalog
    cells = {
        type(v) for q in back.questions if q.sql for t in q.sql.tables for r in t.rows for v in r
    }
    assert {"date", "datetime"} <= {c.__name__ for c in cells}
