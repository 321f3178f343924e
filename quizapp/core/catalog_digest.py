"""What the home screen needs of the catalog, readable without the models or msgspec.

The catalog cache (:mod:`quizapp.core.bank_cache`) writes a digest beside itself,
in JSON under the same key: each question's id, bank, kind, difficulty and tags,
the number of questions, and each load problem as it is shown. The terminal app
reads it for its first frame (the figures, the count, the problems) and decodes
the full catalog after that frame; importing the models and msgspec and decoding
the catalog are most of what quizapp itself adds to a start.

The key (:func:`cache_key`) is the cache's: any change to the banks, the loader or
the models gives no digest, and the app then loads the catalog as it always did.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import quizapp

if TYPE_CHECKING:
    from typing import Protocol

    from quizapp.core.models import Catalog
    from quizapp.core.study import StudyItem

DIGEST_NAME = "catalog.digest.json"
FORMAT = "quizapp-catalog-digest-1"

LOADERS = tuple(Path(__file__).with_name(name) for name in ("bank.py", "bank_files.py"))
MODELS = Path(__file__).with_name("models.py")


if TYPE_CHECKING:  # only read by the type checker: classes cost time at import

    class IssueView(Protocol):
        """A load problem: its severity, and ``str()`` gives it as shown."""

        @property
        def severity(self) -> str: ...

    class CatalogView(Protocol):
        """What the home screen reads of a catalog: a ``Catalog`` or a :class:`CatalogDigest`."""

        @property
        def questions(self) -> Sequence[StudyItem]: ...

        @property
        def errors(self) -> Sequence[IssueView]: ...

        def __len__(self) -> int: ...


class QuestionDigest:
    """What the study filters and the home figures read of a question."""

    __slots__ = ("bank", "difficulty", "id", "kind", "tags")

    def __init__(self, id: str, bank: str, kind: str, difficulty: str, tags: tuple[str, ...]):  # noqa: A002
        self.id, self.bank, self.kind, self.difficulty, self.tags = id, bank, kind, difficulty, tags

    def row(self) -> list[object]:
        """As the digest file holds it."""
        return [self.id, self.bank, self.kind, self.difficulty, list(self.tags)]


class IssueDigest:
    """A load problem as the home screen shows it."""

    __slots__ = ("severity", "text")

    def __init__(self, severity: str, text: str) -> None:
        self.severity, self.text = severity, text

    def __str__(self) -> str:
        return self.text


class CatalogDigest:
    """The parts of a :class:`~quizapp.core.models.Catalog` the home screen reads."""

    __slots__ = ("_size", "errors", "questions")

    def __init__(
        self, questions: Sequence[QuestionDigest], errors: Sequence[IssueDigest], size: int
    ) -> None:
        self.questions = tuple(questions)
        self.errors = tuple(errors)
        self._size = size

    def __len__(self) -> int:
        return self._size


def _stat(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), info.st_size, info.st_mtime_ns)


def _bank_files(paths: Iterable[Path]) -> list[Path]:
    from quizapp.core.bank_files import bank_files

    return list(bank_files(paths))


def cache_key(paths: Sequence[Path]) -> tuple[Any, ...]:
    """Everything the parsed catalog depends on."""
    from quizapp.core.bank_files import known_sandbox_names

    return (
        quizapp.__version__,
        tuple(_stat(loader) for loader in LOADERS),
        _stat(MODELS),
        os.getcwd(),
        tuple((str(p), p.exists()) for p in paths),
        tuple(_stat(f) for f in _bank_files(paths)),
        tuple(sorted(known_sandbox_names())),
    )


def digest_of(catalog: Catalog) -> CatalogDigest:
    """The digest of a catalog."""
    return CatalogDigest(
        [QuestionDigest(q.id, q.bank, q.kind, q.difficulty, q.tags) for q in catalog.questions],
        [IssueDigest(issue.severity, str(issue)) for issue in catalog.errors],
        len(catalog),
    )


def encode(key: tuple[Any, ...], digest: CatalogDigest) -> str:
    """The digest file's text."""
    return json.dumps(
        {
            "format": FORMAT,
            "key": key,
            "size": len(digest),
            "questions": [q.row() for q in digest.questions],
            "errors": [[e.severity, e.text] for e in digest.errors],
        },
        separators=(",", ":"),
    )


def decode(text: str, key: tuple[Any, ...]) -> CatalogDigest | None:
    """The digest in ``text`` when it was written under ``key``; None for anything else."""
    try:
        data = json.loads(text)
        if data["format"] != FORMAT or data["key"] != json.loads(json.dumps(key)):
            return None
        questions = [
            QuestionDigest(str(qid), str(bank), str(kind), str(level), tuple(map(str, tags)))
            for qid, bank, kind, level, tags in data["questions"]
        ]
        errors = [IssueDigest(str(severity), str(text)) for severity, text in data["errors"]]
        return CatalogDigest(questions, errors, int(data["size"]))
    except (ValueError, TypeError, KeyError):
        return None


def read_digest(paths: Sequence[Path], cache_dir: Path) -> CatalogDigest | None:
    """The digest of the catalog of ``paths`` kept in ``cache_dir`` (None: stale or absent)."""
    try:
        text = (cache_dir / DIGEST_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return decode(text, cache_key(list(paths)))


def save_digest(cache_dir: Path, key: tuple[Any, ...], catalog: Catalog) -> None:
    """Write the digest atomically; one that cannot be written is just not kept."""
    target = cache_dir / DIGEST_NAME
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        partial.write_text(encode(key, digest_of(catalog)), encoding="utf-8")
        os.replace(partial, target)
    except (OSError, TypeError, ValueError):
        partial.unlink(missing_ok=True)
