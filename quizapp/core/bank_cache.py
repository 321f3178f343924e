"""A cache of the parsed catalog, so the app starts without YAML parsing when no bank changed.

The cache is JSON (a data format: reading it can never run code, unlike a pickle) of
the :class:`~quizapp.core.models.Catalog` in the data folder. Each model dataclass is
a row (the list of its field values, in field order), rebuilt by the constructor its
field's type names (only the dataclasses of :mod:`quizapp.core.models`); a row of the
wrong shape rejects the whole cache. It is stored with a key: quizapp's version, the
source files of the loader and the models (size, mtime), the working directory (messages show paths
relative to it), the paths asked for, every bank file found under them (path,
size, mtime_ns) and the sandbox's example names (questions are checked against
them). Any change, a missing or unreadable cache, or a cache written by other
code gives a full :func:`~quizapp.core.bank.load_catalog`, whose result then
replaces the cache; its errors are the loader's own, reported as they always are.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import json
import os
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import quizapp
from quizapp.core import models
from quizapp.core.models import Catalog

CACHE_NAME = "catalog.cache"
FORMAT = "quizapp-catalog-json-1"
#: The classes a cache may rebuild: the dataclasses of the models module, by name.
MODEL_CLASSES: dict[str, type] = {
    name: cls
    for name, cls in vars(models).items()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == models.__name__
}


class _BadCache(Exception):
    """The cache holds something a catalog cannot be made of."""


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
        stored = decode(cache.read_bytes())
        if stored["key"] == _plain(key) and isinstance(stored["catalog"], Catalog):
            return stored["catalog"]
    except Exception:  # missing, truncated, crafted or from other code: load the banks
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
        partial.write_bytes(encode(key, catalog))
        os.replace(partial, cache)
    except (OSError, TypeError, ValueError):  # unwritable, or a value JSON cannot hold
        partial.unlink(missing_ok=True)


def _plain(value: Any) -> Any:
    """A key as JSON gives it back (tuples are lists)."""
    return json.loads(json.dumps(value))


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields a cache row holds, in order (derived ones such as an index are rebuilt)."""
    return [f for f in dataclasses.fields(cls) if f.init and f.compare]


def _encode(value: Any) -> Any:
    """Model dataclasses as rows (lists of field values); tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__name__ not in MODEL_CLASSES:
            raise TypeError(f"cannot cache a {type(value).__name__}")
        return [_encode(getattr(value, f.name)) for f in _fields(type(value))]
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _tagged(value: Any) -> Any:
    """JSON for what it has no type of: a YAML timestamp (a SQL fixture's date)."""
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def encode(key: tuple[Any, ...], catalog: Catalog) -> bytes:
    """The cache file's bytes."""
    payload = {"format": FORMAT, "key": key, "catalog": _encode(catalog)}
    return json.dumps(payload, ensure_ascii=False, allow_nan=False, default=_tagged).encode(
        "utf-8"
    )


Builder = Callable[[Any], Any]


def _plain_value(value: Any) -> Any:
    """A value of no declared type (a fixture cell, an XCom value): JSON data, dates back."""
    if isinstance(value, dict):
        if len(value) == 1:
            if "$date" in value:
                return datetime.date.fromisoformat(value["$date"])
            if "$datetime" in value:
                return datetime.datetime.fromisoformat(value["$datetime"])
        return {k: _plain_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    return value


def _converter(hint: Any, builders: dict[type, Builder]) -> Builder | None:
    """How a field's JSON value becomes its Python value (None: as it is)."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if isinstance(hint, type) and hint in MODEL_CLASSES.values():
        return _builder(hint, builders)
    if hint is object or hint is Any:
        return _plain_value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0], builders)
            if item is None:
                return tuple
            return lambda value: tuple(map(item, value))
        items = [_converter(a, builders) for a in args]
        return lambda value: tuple(
            c(v) if c is not None else v for c, v in zip(items, value, strict=True)
        )
    if args and origin in (typing.Union, types.UnionType):
        others = [a for a in args if a is not type(None)]
        convert = _converter(others[0], builders) if len(others) == 1 else None
        if convert is None:
            return None
        return lambda value: None if value is None else convert(value)
    return None


def _builder(cls: type, builders: dict[type, Builder]) -> Builder:
    """A function that rebuilds ``cls`` from its row (checked: a row of the right length).

    The models have no cycles, so the builders of the classes a field names exist first.
    """
    if cls in builders:
        return builders[cls]
    hints = typing.get_type_hints(cls)
    fields = _fields(cls)
    size = len(fields)
    converts = [
        (index, convert)
        for index, f in enumerate(fields)
        if (convert := _converter(hints[f.name], builders)) is not None
    ]
    name = cls.__name__

    def build(row: Any) -> Any:
        if type(row) is not list or len(row) != size:
            raise _BadCache(f"not a {name} row")
        for index, convert in converts:
            row[index] = convert(row[index])
        return cls(*row)

    builders[cls] = build
    return build


def decode(data: bytes) -> dict[str, Any]:
    """``{"key", "catalog"}`` from a cache file's bytes; _BadCache (or ValueError) if not one."""
    was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of new objects would trigger the cyclic GC over and over
    try:
        stored = json.loads(data)
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            raise _BadCache("not a quizapp catalog cache")
        stored["catalog"] = _builder(Catalog, {})(stored["catalog"])
    finally:
        if was_enabled:
            gc.enable()
    return stored
