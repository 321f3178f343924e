"""Which banks may run code: a ``kind: predict`` question's ``dag:`` is code.

Banks that ship with quizapp are trusted. Any other bank (``QUIZAPP_BANKS``,
``--banks``, the learner's ``banks/`` folder) is untrusted until the learner trusts
it, with ``quizapp bank trust PATH`` or the app's prompt, which shows the code
first. Trust is kept per file *and content*: ``trusted_banks.json`` in the data
folder maps each trusted file's resolved path to the SHA-256 of its bytes, so a
bank edited (or replaced) after it was trusted is untrusted again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from quizapp.core.models import Question
from quizapp.core.predict import PredictError

TRUST_FILE = "trusted_banks.json"
Status = Literal["shipped", "trusted", "changed", "untrusted"]


class UntrustedBankError(PredictError):
    """A question's DAG comes from a bank the learner has not trusted."""

    def __init__(self, question: Question, path: Path, status: Status) -> None:
        self.question = question
        self.path = path
        self.status = status
        why = "changed since you trusted it" if status == "changed" else "not trusted"
        super().__init__(
            f"question {question.id!r}: its DAG is code from bank {question.bank!r} ({path}), "
            f"which is {why}; read the code, then run `quizapp bank trust {path}` to allow it"
        )


@dataclass(frozen=True, slots=True)
class CodeReport:
    """The questions of one bank file that carry code (a ``dag:``)."""

    path: Path
    question_ids: tuple[str, ...]
    status: Status


def _store(data_dir: Path | None) -> Path:
    if data_dir is None:
        from quizapp.paths import data_dir as default

        data_dir = default()
    return data_dir / TRUST_FILE


def _load(store: Path) -> dict[str, str]:
    try:
        data = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    banks = data.get("banks") if isinstance(data, dict) else None
    if not isinstance(banks, dict):
        return {}
    return {k: v for k, v in banks.items() if isinstance(k, str) and isinstance(v, str)}


def _save(store: Path, banks: dict[str, str]) -> None:
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(f"{store.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps({"banks": banks}, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, store)


def digest(path: Path) -> str:
    """SHA-256 of the file's bytes (remembered while its size and mtime stay the same)."""
    info = path.stat()
    return _digest(str(path.resolve()), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=64)
def _digest(path: str, _size: int, _mtime_ns: int) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def is_shipped(path: Path) -> bool:
    """Whether the bank file ships with quizapp (inside the bundled banks folder)."""
    from quizapp.paths import bundled_banks_dir

    try:
        path.resolve().relative_to(bundled_banks_dir().resolve())
    except (ValueError, OSError):
        return False
    return True


def status(path: Path, data_dir: Path | None = None) -> Status:
    """``shipped``, ``trusted``, ``changed`` (trusted, then edited) or ``untrusted``."""
    if is_shipped(path):
        return "shipped"
    known = _load(_store(data_dir)).get(str(path.resolve()))
    if known is None:
        return "untrusted"
    try:
        return "trusted" if digest(path) == known else "changed"
    except OSError:
        return "untrusted"


def trust(path: Path, data_dir: Path | None = None) -> None:
    """Trust the bank file as it is now (OSError when it cannot be read or saved)."""
    store = _store(data_dir)
    banks = _load(store)
    banks[str(path.resolve())] = digest(path)
    _save(store, banks)


def revoke(path: Path, data_dir: Path | None = None) -> bool:
    """Stop trusting the bank file; whether it was trusted."""
    store = _store(data_dir)
    banks = _load(store)
    if banks.pop(str(path.resolve()), None) is None:
        return False
    _save(store, banks)
    return True


def trusted_paths(data_dir: Path | None = None) -> list[Path]:
    """Every bank file trusted so far."""
    return [Path(p) for p in sorted(_load(_store(data_dir)))]


def bank_path(question: Question) -> Path:
    """The file the question came from (its ``file`` is shown relative to the working folder)."""
    return Path(question.file).resolve()


def require_trust(question: Question, data_dir: Path | None = None) -> None:
    """Raise :class:`UntrustedBankError` unless the question's code may run.

    A question with no ``file`` was built by the calling code, not read from a bank.
    """
    if not question.dag or not question.file:
        return
    path = bank_path(question)
    found = status(path, data_dir)
    if found not in ("shipped", "trusted"):
        raise UntrustedBankError(question, path, found)


def code_report(questions: Iterable[Question], data_dir: Path | None = None) -> list[CodeReport]:
    """Per bank file, the questions that carry code and whether that code may run."""
    by_file: dict[Path, list[str]] = {}
    for question in questions:
        if question.dag:
            by_file.setdefault(bank_path(question), []).append(question.id)
    return [CodeReport(p, tuple(ids), status(p, data_dir)) for p, ids in by_file.items()]
