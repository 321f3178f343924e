"""The catalog digest: what the home screen reads of the catalog, under the cache's key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizapp.core.bank import load_catalog
from quizapp.core.bank_cache import load_catalog_cached
from quizapp.core.catalog_digest import (
    DIGEST_NAME,
    cache_key,
    decode,
    digest_of,
    encode,
    read_digest,
)
from quizapp.core.study import Filters, study_questions

FIXTURES = Path(__file__).parents[1] / "tui" / "banks"


@pytest.fixture
def banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_the_digest_says_what_the_catalog_says(banks: Path, tmp_path: Path) -> None:
    catalog = load_catalog_cached([banks], tmp_path, with_digest=True)
    digest = read_digest([banks], tmp_path)
    assert digest is not None
    assert len(digest) == len(catalog)
    assert [str(e) for e in digest.errors] == [str(e) for e in catalog.errors]
    assert [e.severity for e in digest.errors] == [e.severity for e in catalog.errors]
    for filters in (Filters(), Filters(banks=frozenset({catalog.banks[0].id}))):
        assert [q.id for q in study_questions(digest.questions, filters, ("text",))] == [
            q.id for q in study_questions(catalog.questions, filters, ("text",))
        ]
    tags = frozenset({next(t for q in catalog.questions for t in q.tags)})
    assert sum(Filters(tags=tags).matches(q) for q in digest.questions) == sum(
        Filters(tags=tags).matches(q) for q in catalog.questions
    )


def test_a_digest_is_written_only_when_asked_and_read_only_under_its_key(
    banks: Path, tmp_path: Path
) -> None:
    load_catalog_cached([banks], tmp_path)
    assert not (tmp_path / DIGEST_NAME).exists()
    load_catalog_cached([banks], tmp_path, with_digest=True)
    assert read_digest([banks], tmp_path) is not None

    bank = next(banks.glob("*.yaml"))
    bank.write_text(bank.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_digest([banks], tmp_path) is None  # a bank changed: the key did


def test_anything_but_a_digest_of_this_key_gives_none(banks: Path) -> None:
    key = cache_key([banks])
    text = encode(key, digest_of(load_catalog([banks])))
    assert decode(text, key) is not None
    assert decode(text, (*key[:-1], ("other",))) is None
    for broken in ("", "[]", "{}", text[: len(text) // 2], text.replace('"questions"', '"q"')):
        assert decode(broken, key) is None
