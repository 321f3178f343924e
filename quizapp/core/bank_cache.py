"""A cache of the parsed catalog, so the app starts without YAML parsing when no bank changed.

The cache is MessagePack (a data format: reading it can never run code, unlike a
pickle) of the :class:`~quizapp.core.models.Catalog` in the data folder, written and
read by msgspec. Reading decodes straight into the dataclasses of
:mod:`quizapp.core.models` (their fields' declared types, checked as it goes: a
value of the wrong type, a missing field or anything that is not such a cache
rejects it whole), which is several times faster than rebuilding them from JSON
rows in Python. Values of no declared type (a SQL fixture's cells, a debug
target's XComs) are plain data; their YAML timestamps travel as MessagePack
extensions.

The file is ``[format, key, catalog]``; the catalog is decoded only when the format
and the key match. The key holds: quizapp's version, the source files of the loader
and the models (size, mtime), the working directory (messages show paths relative
to it), the paths asked for, every bank file found under them (path, size,
mtime_ns) and the sandbox's example names (questions are checked against them).
Any change, a missing or unreadable cache, or a cache written by other code gives
a full :func:`~quizapp.core.bank.load_catalog`, whose result then replaces the
cache; its errors are the loader's own, reported as they always are.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
import msgspec.msgpack

from quizapp.core.catalog_digest import cache_key, save_digest
from quizapp.core.models import Bank, BankIssue, Catalog

CACHE_NAME = "catalog.cache"
FORMAT = "quizapp-catalog-msgpack-1"
_DATE, _DATETIME = 1, 2  # the MessagePack extension codes of YAML's timestamps


class _BadCache(Exception):
    """The cache holds something a catalog cannot be made of."""


class _File(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """The cache file: its format, its key, and the catalog (decoded only if both match)."""

    format: str
    key: Any
    catalog: msgspec.Raw


class _Catalog(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """What a :class:`Catalog` is made of (its index is rebuilt)."""

    banks: tuple[Bank, ...]
    errors: tuple[BankIssue, ...]


def load_catalog_cached(
    paths: Sequence[Path], cache_dir: Path, *, with_digest: bool = False
) -> Catalog:
    """The catalog of ``paths``: from the cache in ``cache_dir`` when still valid.

    ``with_digest``: write its digest too (:mod:`quizapp.core.catalog_digest`), for
    the terminal app's next start.
    """
    paths = list(paths)
    key = cache_key(paths)
    cache = cache_dir / CACHE_NAME
    try:
        catalog = decode(cache.read_bytes(), key)
    except Exception:  # missing, truncated, stale, crafted or from other code: load the banks
        from quizapp.core.bank import load_catalog

        catalog = load_catalog(paths)
        _save(cache, key, catalog)
    if with_digest:
        save_digest(cache_dir, key, catalog)
    return catalog


def _save(cache: Path, key: tuple[Any, ...], catalog: Catalog) -> None:
    """Write the cache atomically; a cache that cannot be written is just not kept."""
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(encode(key, catalog))
        os.replace(partial, cache)
    except (OSError, TypeError, ValueError, OverflowError, msgspec.EncodeError):
        partial.unlink(missing_ok=True)  # unwritable, or a value the cache cannot hold


def _plain(value: Any) -> Any:
    """A key as the cache gives it back (tuples are lists)."""
    return msgspec.msgpack.decode(msgspec.msgpack.encode(value))


def _data(value: object) -> object:
    """A value of no declared type, for the cache: plain data, timestamps as extensions.

    Only what comes back as it went in: a tuple, a set or any other object raises
    TypeError (the catalog is then not cached).
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        return msgspec.msgpack.Ext(_DATETIME, value.isoformat().encode())
    if isinstance(value, datetime.date):
        return msgspec.msgpack.Ext(_DATE, value.isoformat().encode())
    if type(value) is list:
        return [_data(item) for item in value]
    if type(value) is dict and all(type(k) is str for k in value):
        return {k: _data(v) for k, v in value.items()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _ext(code: int, data: memoryview) -> object:
    text = bytes(data).decode("ascii")
    if code == _DATE:
        return datetime.date.fromisoformat(text)
    if code == _DATETIME:
        return datetime.datetime.fromisoformat(text)
    raise _BadCache(f"unknown extension {code}")


def _for_cache(catalog: Catalog) -> _Catalog:
    """The catalog with its untyped values (fixture cells, XComs) made cacheable."""
    banks = []
    for bank in catalog.banks:
        questions = []
        for q in bank.questions:
            if q.sql is not None:
                tables = tuple(
                    dataclasses.replace(
                        t, rows=tuple(tuple(_data(v) for v in row) for row in t.rows)
                    )
                    for t in q.sql.tables
                )
                q = dataclasses.replace(q, sql=dataclasses.replace(q.sql, tables=tables))
            if q.target is not None and q.target.xcom:
                xcom = tuple((task, _data(v)) for task, v in q.target.xcom)
                q = dataclasses.replace(q, target=dataclasses.replace(q.target, xcom=xcom))
            questions.append(q)
        banks.append(dataclasses.replace(bank, questions=tuple(questions)))
    return _Catalog(tuple(banks), catalog.errors)


def encode(key: tuple[Any, ...], catalog: Catalog) -> bytes:
    """The cache file's bytes."""
    body = msgspec.msgpack.encode(_for_cache(catalog))
    return msgspec.msgpack.encode(_File(FORMAT, key, msgspec.Raw(body)))


_FILE = msgspec.msgpack.Decoder(_File)
_CATALOG = msgspec.msgpack.Decoder(_Catalog, ext_hook=_ext)


def decode(data: bytes, key: tuple[Any, ...] | None = None) -> Catalog:
    """The catalog in a cache file's bytes (when ``key`` is given, only if stored with it).

    Raises _BadCache, or msgspec's DecodeError or ValidationError, when the bytes
    are not such a cache.
    """
    stored = _FILE.decode(data)
    if stored.format != FORMAT:
        raise _BadCache("not a quizapp catalog cache")
    if key is not None and stored.key != _plain(key):
        raise _BadCache("a cache of other banks or other code")
    was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of new objects would trigger the cyclic GC over and over
    try:
        body = _CATALOG.decode(stored.catalog)
        catalog = Catalog(body.banks, body.errors)
        # Hand the new objects to the oldest generation at once, as they will live as long
        # as the app: otherwise the first young collection after this walks them all.
        gc.freeze()
        gc.unfreeze()
    finally:
        if was_enabled:
            gc.enable()
    return catalog
