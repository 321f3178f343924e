"""fold() and the tokenizer's fast paths say what the plain per-character versions say."""

from __future__ import annotations

import unicodedata

import pytest

from quizapp.core.normalise import fold, tokenize

SAMPLES = [
    "It’s the scheduler’s job — not the worker’s.",
    "“Smart quotes” and ‘single ones’, an en dash – and an ellipsis…",
    "Les tâches RÉESSAIENT après un délai: naïve café, Ångström, façade, Søren",
    "ﬁle ﬂow ligatures, ½ fractions, ² powers, ™ marks, ﬀ",
    "Zürich – São Paulo — Kraków; ǅ digraph, Ⅻ numeral, ｆｕｌｌ width",
    "combining: e\u0301 a\u0308 — and a lone mark \u0301 at the start",
    "emoji 🚀 and CJK 調度器 stay as they are",
    "plain ASCII text with retry_delay and up_for_retry",
    "",
]


def per_character(text: str) -> str:
    """The reference: each non-ASCII character on its own, NFKD without combining marks,
    kept as it is when that is not exactly one character."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


@pytest.mark.parametrize("text", SAMPLES)
def test_fold_is_the_per_character_fold(text: str) -> None:
    assert fold(text) == per_character(text)
    assert len(fold(text)) == len(text)


def test_fold_removes_accents_and_keeps_quotes_dashes_and_ligatures() -> None:
    assert fold("naïve café — it’s “Ångström”") == "naive cafe — it’s “Angstrom”"
    assert fold("ﬁle") == "ﬁle"  # NFKD makes two letters: the offsets would move


def test_folding_a_folded_character_changes_nothing() -> None:
    """fold() replaces each distinct character in turn, which is only the per-character
    fold if no character folds to one that folds further."""
    for code in range(0x80, 0x3000):
        ch = chr(code)
        assert fold(fold(ch)) == fold(ch) == per_character(ch)


def test_lone_angle_brackets_are_gaps_and_double_ones_are_operators() -> None:
    text = "t1 >> t2 << t3 < x > y <<< z"
    words = [t.word for t in tokenize(text)]
    assert words == ["t1", ">>", "t2", "<<", "t3", "x", "y", "<<", "z"]
    assert [text[t.start : t.end] for t in tokenize(text)] == words


def test_underscore_joins_words_into_one_identifier_on_both_sides() -> None:
    tokens = tokenize("set retry_delay and _private, not up_for_rerun")
    idents = {t.word: t.ident for t in tokens}
    assert idents["retry"] == idents["delay"] >= 0
    assert idents["private"] >= 0 and idents["private"] != idents["retry"]
    assert idents["set"] == idents["and"] == -1
    assert len({idents["up"], idents["for"]}) == 1
