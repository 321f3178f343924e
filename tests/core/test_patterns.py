"""Grouping a word list by first letter, and searching lower-cased ASCII text, keep what
they find."""

from __future__ import annotations

import re

import pytest

from quizapp.core.patterns import Caseless, by_first_letter

WORDS = r"\b(?:some|something|stuff|things?|careful(?:ly)?|i'd|(?:have|has)\s+forgotten|a lot)\b"
TEXTS = (
    "",
    "somewhat",
    "something else",
    "Stuff happens",
    "be carefully careless",
    "I'd say",
    "I have   forgotten",
    "a lottery",
    "it was a lot",
    "thing",
    "nothing at all",
)


@pytest.mark.parametrize("text", TEXTS)
def test_grouped_pattern_finds_what_the_list_finds(text: str) -> None:
    plain = re.compile(WORDS, re.IGNORECASE)
    grouped = re.compile(by_first_letter(WORDS), re.IGNORECASE)
    assert (plain.search(text) is None) == (grouped.search(text) is None)


def test_alternatives_are_grouped_under_their_letter() -> None:
    assert by_first_letter(r"\b(?:ab|ac|b)\b") == r"\b(?:a(?:b|c)|b(?:))\b"


def test_a_pattern_that_is_not_a_word_list_is_refused() -> None:
    with pytest.raises(ValueError):
        by_first_letter(r"(?:ab|ac)")


@pytest.mark.parametrize("text", (*TEXTS, "SOMETHING", "ſome", "Ǆ a LOT", "I HAS FORGOTTEN"))
def test_a_caseless_search_finds_what_the_ignorecase_search_finds(text: str) -> None:
    pattern = re.compile(by_first_letter(WORDS), re.IGNORECASE)
    assert Caseless(pattern).search(text) == (pattern.search(text) is not None)


def test_a_pattern_with_upper_case_is_searched_as_it_is() -> None:
    pattern = re.compile(r"\bnot\S+", re.IGNORECASE)  # \S is no \s in lower case
    caseless = Caseless(pattern)
    assert caseless.search("NOTHING") and not caseless.search("not at all")
