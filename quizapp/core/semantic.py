"""Semantic similarity from WordLlama's static embeddings, read from its wheel's own files.

WordLlama (MIT) ships a 32,000 x 256 token-embedding table (``weights/*.safetensors``,
float16, 16 MB) and a ``tokenizers`` JSON inside its wheel. Its own loader falls back to
downloading from Hugging Face and imports pydantic and requests; this module never
imports ``wordllama``: it finds the package's folder with :func:`importlib.util.find_spec`,
reads the table with numpy and the tokenizer with ``tokenizers``, so nothing touches the
network. A text's embedding is the mean of its tokens' vectors, unit length; similarity is
the cosine.

Everything is lazy (nothing loads until the first call) and optional: without the
package (or ``tokenizers``, or its files), :func:`model` is ``None`` and every caller
falls back to what it did without it.

Not wired into grading: ``benchmarks/semantic_probe.py`` fits one-step rules on these
similarities and shows they do not help on answers the rule was not fitted on (bag-of-
tokens embeddings score a wrong claim in the right words as high as a paraphrase).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from quizapp.core.models import Question

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
WINDOW_WORDS = 12
"""An answer is also read in windows of this many words (half-overlapping), so one
sentence of a long answer can come near a short key point."""
_SENTENCE = re.compile(r"(?<=[.;!?:])\s+|\n+")


def _package_dir() -> Path | None:
    """The installed ``wordllama`` package's folder, without importing it."""
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _read_safetensors(path: Path, key: str = "embedding.weight") -> np.ndarray:
    """One tensor of a safetensors file (8-byte header length, JSON header, raw data)."""
    import numpy as np

    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    entry = header[key]
    dtype = {"F16": np.float16, "F32": np.float32}[entry["dtype"]]
    start, end = entry["data_offsets"]
    data = np.frombuffer(
        raw, dtype=dtype, count=(end - start) // np.dtype(dtype).itemsize, offset=8 + size + start
    )
    return data.reshape(entry["shape"])


@dataclass(frozen=True)
class Model:
    """The token table (float16, as shipped) and the tokenizer."""

    table: np.ndarray
    tokenizer: Any

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length mean-of-tokens embeddings, one row per text (zeros for an empty one)."""
        import numpy as np

        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        for i, enc in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            ids = [t for t in enc.ids if 0 <= t < self.table.shape[0]]
            if ids:
                out[i] = self.table[ids].astype(np.float32).mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: np.ndarray = out / np.maximum(norms, 1e-9)
        return unit


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The embedding model, loaded once from the installed wheel; ``None`` if unavailable."""
    folder = _package_dir()
    if folder is None or not (folder / WEIGHTS).is_file() or not (folder / TOKENIZER).is_file():
        return None
    try:
        from tokenizers import Tokenizer
    except ImportError:
        return None
    table = _read_safetensors(folder / WEIGHTS)
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Model(table, tokenizer)


def available() -> bool:
    """Whether the embedding model can be loaded (loads it)."""
    return model() is not None


def pieces(answer: str) -> list[str]:
    """The whole answer, its sentences and its half-overlapping word windows."""
    words = answer.split()
    found = [answer] if words else []
    found += [s for s in _SENTENCE.split(answer) if len(s.split()) >= 3]
    step = max(WINDOW_WORDS // 2, 1)
    if len(words) > WINDOW_WORDS:
        found += [
            " ".join(words[i : i + WINDOW_WORDS])
            for i in range(0, len(words) - WINDOW_WORDS + step, step)
        ]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=2048)
def _phrasing_vectors(phrasings: tuple[str, ...]) -> np.ndarray | None:
    found = model()
    return None if found is None else found.embed(phrasings)


def point_vectors(question: Question) -> list[np.ndarray] | None:
    """Per key point, the embeddings of its text and aliases (cached per question's points)."""
    vectors = []
    for point in question.key_points:
        v = _phrasing_vectors(point.phrasings)
        if v is None:
            return None
        vectors.append(v)
    return vectors


@dataclass(frozen=True)
class Similarity:
    """How near an answer comes to each key point and to the model answer (cosines)."""

    points: tuple[float, ...]
    """Per key point: the best cosine of any answer piece with any of its phrasings."""
    model_answer: float
    """The whole answer against the question's model answer."""


def similarity(question: Question, answer: str) -> Similarity | None:
    """The answer's :class:`Similarity` to ``question``; ``None`` without the model."""
    found = model()
    if found is None or not answer.strip():
        return None
    vectors = point_vectors(question)
    if vectors is None:
        return None
    parts = pieces(answer)
    embedded = found.embed(parts)
    points = tuple(float((embedded @ v.T).max()) if len(v) else 0.0 for v in vectors)
    reference = _phrasing_vectors((question.answer,))
    whole = float(embedded[0] @ reference[0]) if reference is not None else 0.0
    return Similarity(points, whole)
