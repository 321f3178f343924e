"""The optional WordLlama similarity: offline loading, its fallback, and what it measures."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator

import pytest

from quizapp.core import semantic
from quizapp.core.models import KeyPoint, Question

RETRIES = Question(
    "retries",
    "test",
    "How does Airflow retry a failed task?",
    "The retries parameter sets how many more attempts a failed task gets, and retry_delay "
    "how long Airflow waits between them.",
    (
        KeyPoint("retries sets how many times a failed task is attempted again"),
        KeyPoint("retry_delay is the wait between attempts"),
    ),
)


@pytest.fixture
def fresh() -> Iterator[None]:
    """Each test loads (or fails to load) the model itself."""
    semantic.model.cache_clear()
    semantic._phrasing_vectors.cache_clear()
    yield
    semantic.model.cache_clear()
    semantic._phrasing_vectors.cache_clear()


def test_loads_from_the_wheel_without_network_or_wordllama_import(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.delitem(sys.modules, "wordllama", raising=False)
    assert semantic.model() is not None
    assert "wordllama" not in sys.modules


def test_missing_package_means_no_model_and_no_similarity(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "_package_dir", lambda: None)
    assert semantic.model() is None
    assert not semantic.available()
    assert semantic.similarity(RETRIES, "retries sets the number of attempts") is None


def test_related_texts_are_nearer_than_unrelated_ones(fresh: None) -> None:
    found = semantic.model()
    assert found is not None
    a, b, c = found.embed(
        [
            "the scheduler parses DAG files",
            "the DAG processor reads python DAG files",
            "bananas are rich in potassium",
        ]
    )
    assert a @ b > a @ c + 0.2


def test_a_paraphrase_comes_nearer_each_point_than_an_off_topic_answer(fresh: None) -> None:
    near = semantic.similarity(
        RETRIES,
        "You give the task a retries count, which is how many extra attempts it gets. "
        "Between attempts Airflow waits for retry_delay.",
    )
    far = semantic.similarity(RETRIES, "Parquet stores data by column, Avro by row.")
    assert near is not None and far is not None
    assert len(near.points) == len(RETRIES.key_points)
    assert all(n > f for n, f in zip(near.points, far.points, strict=True))
    assert near.model_answer > far.model_answer


def test_an_empty_answer_has_no_similarity(fresh: None) -> None:
    assert semantic.similarity(RETRIES, "   ") is None


def test_pieces_are_the_answer_its_sentences_and_half_overlapping_windows() -> None:
    words = [f"w{i}" for i in range(30)]
    answer = " ".join(words)
    windows = [" ".join(words[i : i + semantic.WINDOW_WORDS]) for i in (0, 6, 12, 18)]
    assert semantic.pieces(answer) == [answer, *windows]
    two = "Retries are attempts again. Retry delay is the wait; ok."
    assert semantic.pieces(two) == [two, "Retries are attempts again.", "Retry delay is the wait;"]
