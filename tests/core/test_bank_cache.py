"""The catalog cache gives what the loader gives, and notices every change to the banks."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from quizapp.core import bank
from quizapp.core.bank import load_catalog
from quizapp.core.bank_cache import (
    CACHE_NAME,
    FORMAT,
    cache_key,
    decode,
    encode,
    load_catalog_cached,
)
from quizapp.core.models import Catalog

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
    """The cache is MessagePack data: a pickle planted in its place (or any other bytes) is ignored."""
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
        msgspec.msgpack.encode([FORMAT, [], msgspec.msgpack.Ext(1, b"x")]),
        b"\xff\xfe not even text",
    ):
        (tmp_path / CACHE_NAME).write_bytes(planted)
        assert load_catalog_cached([banks], tmp_path) == expected
        assert not marker.exists()
    stored = msgspec.msgpack.decode((tmp_path / CACHE_NAME).read_bytes())  # rewritten as data
    assert stored[0] == FORMAT


def _tamper(cache: Path, change: Callable[[list[Any]], None]) -> None:
    """Decode the cache as plain data, let ``change`` edit its catalog, write it back."""
    keep = msgspec.msgpack.Ext  # timestamps stay extensions
    stored = msgspec.msgpack.decode(cache.read_bytes(), ext_hook=keep)
    change(stored[2])
    cache.write_bytes(msgspec.msgpack.encode(stored))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda c: c[0][0]["questions"][0].update(line="five"), id="wrong-type"),
        pytest.param(lambda c: c[0][0]["questions"][0].pop("prompt"), id="missing-field"),
        pytest.param(lambda c: c[0][0].update(questions=[[1, 2, 3]]), id="row-not-object"),
        pytest.param(
            lambda c: c[1].append({"path": "x", "line": 1, "message": "m", "severity": "fatal"}),
            id="bad-literal",
        ),
        pytest.param(lambda c: c.append("one item too many"), id="extra-item"),
    ],
)
def test_a_cache_of_the_wrong_shape_is_rejected(
    banks: Path, tmp_path: Path, change: Callable[[list[Any]], None]
) -> None:
    load_catalog_cached([banks], tmp_path)
    whole = (tmp_path / CACHE_NAME).read_bytes()
    _tamper(tmp_path / CACHE_NAME, change)
    assert (tmp_path / CACHE_NAME).read_bytes() != whole
    assert load_catalog_cached([banks], tmp_path) == load_catalog([banks])
    assert (tmp_path / CACHE_NAME).read_bytes() == whole  # loaded again, and replaced


def test_an_untouched_cache_survives_the_tampering_helper(
    banks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So the rejections above are the changes' doing, not the helper's."""
    expected = load_catalog_cached([banks], tmp_path)
    _tamper(tmp_path / CACHE_NAME, lambda _catalog: None)
    forbid_loading(monkeypatch)
    assert load_catalog_cached([banks], tmp_path) == expected


def test_a_truncated_cache_is_rejected(
    banks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog_cached([banks], tmp_path)
    cache = tmp_path / CACHE_NAME
    whole = cache.read_bytes()
    expected = load_catalog([banks])
    for size in (0, 1, len(whole) // 2, len(whole) - 1):
        cache.write_bytes(whole[:size])
        assert load_catalog_cached([banks], tmp_path) == expected
        assert cache.read_bytes() == whole  # replaced by a whole one
    forbid_loading(monkeypatch)
    assert load_catalog_cached([banks], tmp_path) == expected


def test_a_cache_of_other_banks_is_not_used(banks: Path, tmp_path: Path) -> None:
    """A cache copied from elsewhere (another key) is never decoded as these banks."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.yaml").write_text(
        "bank: o\ntitle: O\nquestions:\n  - id: o1\n    prompt: P?\n    answer: A.\n"
        "    key_points: [a]\n"
    )
    load_catalog_cached([other], tmp_path / "elsewhere")
    shutil.copy(tmp_path / "elsewhere" / CACHE_NAME, tmp_path / CACHE_NAME)
    assert load_catalog_cached([banks], tmp_path) == load_catalog([banks])


def test_the_shipped_banks_round_trip_through_the_cache_dates_and_all(tmp_path: Path) -> None:
    """SQL fixtures hold YAML timestamps and debug targets hold XCom values: kept exactly."""
    from quizapp.paths import bundled_banks_dir

    key = cache_key([bundled_banks_dir()])
    catalog = load_catalog([bundled_banks_dir()])
    assert any(q.sql for q in catalog.questions) and any(q.target for q in catalog.questions)
    back = decode(encode(key, catalog), key)
    assert back == catalog
    assert [q.id for q in back.questions] == [q.id for q in catalog.questions]
    assert all(back.get(q.id) == q for q in catalog.questions)
    cells = {
        type(v) for q in back.questions if q.sql for t in q.sql.tables for r in t.rows for v in r
    }
    assert {"date", "datetime"} <= {c.__name__ for c in cells}
    for q in catalog.questions:  # the types of untyped values too (1 == 1.0 == True in Python)
        if q.target:
            assert repr(back.get(q.id).target) == repr(q.target)  # type: ignore[union-attr]
        if q.sql:
            assert repr(back.get(q.id).sql) == repr(q.sql)  # type: ignore[union-attr]


def test_a_generated_bank_round_trips_through_the_cache(tmp_path: Path) -> None:
    """A large bank with every kind of field: the catalog from the cache is the loader's."""
    folder = tmp_path / "banks"
    folder.mkdir()
    lines = ["bank: gen", "title: Generated", "description: Many questions.", "questions:"]
    for i in range(300):
        lines += [
            f"  - id: g-{i}",
            f"    prompt: Question {i}?",
            "    answer: |",
            f"      Answer {i}, é and ✓.",
            "    key_points:",
            "      - first point",
            "      - text: second point",
            "        aliases: [other words, more words]",
            f"        weight: {1 + i % 3}",
            f"    difficulty: {('easy', 'medium', 'hard')[i % 3]}",
            f"    tags: [t{i % 7}, shared]",
            f"    note: note {i}" if i % 2 else f"    source: generated {i}",
            "    misconceptions:",
            "      - text: a wrong claim",
            "        correction: the truth",
        ]
    (folder / "gen.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = load_catalog_cached([folder], tmp_path)
    expected = load_catalog([folder])
    assert len(expected) == 300 and not expected.errors
    assert first == expected
    again = load_catalog_cached([folder], tmp_path)
    assert again == expected and again is not first
    assert again.questions[5].misconceptions == expected.questions[5].misconceptions
    assert again.get("g-299") == expected.get("g-299")


def test_a_value_the_cache_cannot_hold_keeps_no_cache(tmp_path: Path) -> None:
    """An untyped value that would not come back as it went (a tuple) is not cached."""
    from quizapp.core.models import Bank, DebugTarget, Question

    question = Question(
        "d", "b", "P?", "A.", kind="debug", target=DebugTarget((), (("t", (1, 2)),))
    )
    catalog = Catalog((Bank("b", "B", "b.yaml", (question,)),))
    with pytest.raises(TypeError):
        encode(("k",), catalog)
