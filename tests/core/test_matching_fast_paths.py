"""The matcher's fast paths give what the plain reading of their rule gives."""

from __future__ import annotations

import math
import random

from quizapp.core.matching import (
    IDENT_SHARE,
    AnswerIndex,
    _complete,
    _most_in_a_sentence,
    prepare_phrase,
)


def _complete_by_rule(
    groups: tuple[tuple[int, ...], ...], places: tuple[int, ...], words: tuple[int, ...]
) -> bool:
    """Each identifier has ``need`` distinct parts within ``size`` words of one mention."""
    for group in groups:
        size, need = len(group), math.ceil(IDENT_SHARE * len(group))
        mentions = [(p, i) for p, i in zip(places, words, strict=True) if i in group]
        if not any(
            len({i for p, i in mentions if start <= p <= start + size}) >= need
            for start, _ in mentions
        ):
            return False
    return True


def test_identifier_completeness_matches_its_rule_on_random_windows() -> None:
    rng = random.Random(14)
    phrases = [
        prepare_phrase(text, frozenset())
        for text in (
            "retry_delay sets the wait",
            "task waits in the up_for_retry state",
            "retry_exponential_backoff with max_retry_delay",
            "BranchPythonOperator picks a branch",
            "spark_sql_adaptive_coalesce_partitions_enabled",  # six parts: 4 side by side
        )
    ]
    for phrase in phrases:
        assert phrase.groups
        for _ in range(3000):
            n = rng.randint(1, 9)
            places = tuple(sorted(rng.sample(range(40), n)))
            words = tuple(rng.randrange(len(phrase.stems)) for _ in range(n))
            assert _complete(phrase, places, words) == _complete_by_rule(
                phrase.groups, places, words
            ), (phrase.text, places, words)


def test_the_sentence_bound_is_the_most_weight_one_sentence_says() -> None:
    index = AnswerIndex("Retries repeat a task. The retry_delay waits; retries wait too.")
    phrase = prepare_phrase("retries wait between attempts", frozenset())
    events = index._events_of(phrase.stems)
    assert events is not None
    _places, words, sentences = events
    by_sentence = {
        s: sum(
            phrase.weights[i] for i in {i for i, t in zip(words, sentences, strict=True) if t == s}
        )
        for s in set(sentences)
    }
    assert _most_in_a_sentence(phrase.weights, words, sentences) == max(by_sentence.values())
