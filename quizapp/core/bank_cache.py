"""A cache of the parsed catalog, so the app starts without YAML parsing when no bank changed.

The cache is a pickle of the :class:`~quizapp.core.models.Catalog` in the data
folder, stored with a key: quizapp's version, the source files of the loader
and the models (size, mtime), the working directory (messages show paths
relative to it), the paths asked for, every bank file found under them (path,
size, mtime_ns) and the sandbox's example names (questions are checked against
them). Any change, a missing or unreadable cache, or a cache written by other
code gives a full :func:`~quizapp.core.bank.load_catalog`, whose result then
replaces the cache; its errors are the loader's own, reported as they always are.
The file lives in the learner's own data folder, which quizapp alone writes.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import quizapp
from quizapp.core import models
from quizapp.core.models import Catalog

CACHE_NAME = "catalog.cache"
LOADERS = tuple(Path(__file__).with_name(name) for name in ("bank.py", "bank_files.py"))


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
        _stat(Path(models.__file__)),
        os.getcwd(),
        tuple((str(p), p.exists()) for p in paths),
        tuple(_stat(f) for f in _bank_files(paths)),
        tuple(sorted(known_sandbox_names())),
    )


def load_catalog_cached(paths: Sequence[Path], cache_dir: Path) -> Catalog:
    """The catalog of ``paths``: from the cache in ``cache_dir`` when still valid."""
    paths = list(paths)
    key = cache_key(paths)
    cache = cache_dir / CACHE_NAME
    try:
        with cache.open("rb") as handle:
            stored_key, catalog = pickle.load(handle)
        if stored_key == key and isinstance(catalog, Catalog):
            return catalog
    except Exception:  # missing, truncated or from other code: load the banks instead
        pass
    from quizapp.core.bank import load_catalog

    catalog = load_catalog(paths)
    _save(cache, key, catalog)
    return catalog


def _save(cache: Path, key: tuple[Any, ...], catalog: Catalog) -> None:
    """Write the cache atomically; a cache that cannot be written is just not kept."""
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            pickle.dump((key, catalog), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache)
    except OSError:
        partial.unlink(missing_ok=True)
