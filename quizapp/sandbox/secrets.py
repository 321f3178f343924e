"""Variables and connections as a task in Airflow 3.3's ``dag.test()`` reads them.

Where a value comes from, first found wins (the Task SDK's secrets chain):

1. the files given with ``--vars`` / ``--conns`` (``dag.test(variable_file_path=...,
   conn_file_path=...)``, Airflow's ``LocalFilesystemBackend``: JSON or YAML,
   ``{key: value}`` / ``{conn_id: URI or {field: value}}``);
2. the environment: ``AIRFLOW_VAR_<KEY>`` and ``AIRFLOW_CONN_<CONN_ID>`` (upper case; a
   connection is a URI, or JSON when it starts with ``{``);
3. what ``Variable.set`` stored in this sandbox session (Airflow's metadata database).

A missing variable without a default fails the task with Airflow's
``AirflowRuntimeError: VARIABLE_NOT_FOUND``; a missing connection with
``AirflowNotFoundException: The conn_id `x` isn't defined``.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from quizapp.sandbox.exceptions import AirflowException, SandboxError

_NOTSET: Any = object()
_FIELDS = ("conn_type", "description", "host", "schema", "login", "password", "port", "extra")


class AirflowNotFoundException(AirflowException):
    """Airflow's error for a connection (or other object) that does not exist."""


class AirflowRuntimeError(AirflowException):
    """The Task SDK's error for a request the API server refused (``VARIABLE_NOT_FOUND``)."""


@dataclass
class Connection:
    """Airflow's ``Connection`` (Task SDK): the fields, ``extra_dejson`` and ``get_uri``."""

    conn_id: str
    conn_type: str | None = None
    description: str | None = None
    host: str | None = None
    schema: str | None = None
    login: str | None = None
    password: str | None = None
    port: int | None = None
    extra: str | None = None
    EXTRA_KEY = "__extra__"

    @classmethod
    def from_uri(cls, uri: str, conn_id: str, *, decode_query: bool = False) -> Connection:
        """Parse ``type://login:password@host:port/schema?extra=...`` as Airflow does.

        ``decode_query``: read each query value as JSON where it is JSON (``?port=30``
        gives 30), as Airflow's own ``Connection`` model does for a connections file.
        """
        if uri.count("://") > 2:
            raise AirflowException(f"Invalid connection string: {uri}.")
        with_protocol = uri.count("://") == 2
        parts = urlsplit(uri)
        conn_type = parts.scheme
        rest = uri.replace(f"{conn_type}://", "" if with_protocol else "//")
        if with_protocol:
            head = rest.split("://", 1)[0]
            if "@" in head or ":" in head:
                raise AirflowException(f"Invalid connection string: {uri}.")
        parts = urlsplit(rest)
        host = unquote(parts.hostname or "")
        if "/" in host:
            host = parts.netloc
        if host and with_protocol:
            host = f"{parts.scheme}://{host}"
        extra = None
        if parts.query:
            query: dict[str, Any] = dict(parse_qsl(parts.query, keep_blank_values=True))
            if cls.EXTRA_KEY in query:
                extra = query[cls.EXTRA_KEY]
            else:
                if decode_query:
                    query = {k: _json_or_text(v) for k, v in query.items()}
                extra = json.dumps(query)
        schema = parts.path[1:]
        return cls(
            conn_id=conn_id,
            conn_type=_normalize_conn_type(conn_type),
            host=host or None,
            schema=unquote(schema) if schema else schema,
            login=unquote(parts.username) if parts.username else parts.username,
            password=unquote(parts.password) if parts.password else parts.password,
            port=parts.port,
            extra=extra,
        )

    @classmethod
    def from_json(cls, value: str, conn_id: str) -> Connection:
        """A connection from JSON fields (``extra`` may be an object)."""
        return cls.from_fields(json.loads(value), conn_id)

    @classmethod
    def from_fields(cls, fields: dict[str, Any], conn_id: str) -> Connection:
        """A connection from a ``{field: value}`` mapping, checked as Airflow checks it."""
        values = dict(fields)
        if "extra_dejson" in values:
            if "extra" in values:
                raise AirflowException(
                    "The extra and extra_dejson parameters are mutually exclusive. "
                    "Please provide only one parameter."
                )
            values["extra"] = values.pop("extra_dejson")
        values.pop("conn_id", None)
        unknown = sorted(set(values) - set(_FIELDS))
        if unknown:
            raise AirflowException(
                f"connection {conn_id!r} has unknown fields {unknown} (known: {list(_FIELDS)})"
            )
        extra = values.pop("extra", None)
        if extra:
            values["extra"] = extra if isinstance(extra, str) else json.dumps(extra)
        if values.get("conn_type"):
            values["conn_type"] = _normalize_conn_type(values["conn_type"])
        if values.get("port"):
            try:
                values["port"] = int(values["port"])
            except ValueError:
                raise ValueError(
                    f"Expected integer value for `port`, but got {values['port']!r} instead."
                ) from None
        return cls(conn_id=conn_id, **values)

    @classmethod
    def get(cls, conn_id: str) -> Connection:
        """The connection ``conn_id``; AirflowNotFoundException when none is defined."""
        return current().get_connection(conn_id)

    @property
    def extra_dejson(self) -> dict[str, Any]:
        """``extra`` read as JSON (empty when there is none or it is not JSON)."""
        if not self.extra:
            return {}
        try:
            value = json.loads(self.extra)
        except json.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}

    def get_uri(self) -> str:
        """The connection as a URI, as Airflow writes it."""
        uri = f"{self.conn_type.lower().replace('_', '-')}://" if self.conn_type else "//"
        host = self.host
        if host and "://" in host:
            protocol, bare = host.split("://", 1)
            if protocol != self.conn_type:
                uri += f"{protocol}://"
                host = bare
        auth = ""
        if self.login is not None:
            auth += quote(self.login, safe="")
        if self.password is not None:
            auth += ":" + quote(self.password, safe="")
        if auth:
            uri += auth + "@"
        block = quote(host, safe="") if host else ""
        if self.port:
            block += f"@:{self.port}" if not block and not auth else f":{self.port}"
        if self.schema:
            block += f"/{quote(self.schema, safe='')}"
        uri += block
        if self.extra:
            extra = self.extra_dejson
            try:
                query = urlencode(extra)
            except TypeError:
                query = ""
            if not (query and extra == dict(parse_qsl(query, keep_blank_values=True))):
                query = urlencode({self.EXTRA_KEY: self.extra})
            uri += ("?" if self.schema else "/?") + query
        return uri

    def as_dict(self) -> dict[str, Any]:
        """The fields, for reports and JSON."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def _json_or_text(value: str) -> Any:
    if not value:
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def _normalize_conn_type(conn_type: str) -> str:
    if conn_type == "postgresql":
        return "postgres"
    return conn_type.replace("-", "_")


class BaseHook:
    """Airflow's ``BaseHook``: here only ``get_connection``."""

    @classmethod
    def get_connection(cls, conn_id: str) -> Connection:
        """The connection ``conn_id`` (see the module docstring for where it comes from)."""
        return Connection.get(conn_id)


class Variable:
    """Airflow's ``Variable``: ``get``, ``set``, ``delete``."""

    @classmethod
    def get(cls, key: str, default: Any = _NOTSET, deserialize_json: bool = False) -> Any:
        """The variable's value (JSON-decoded with ``deserialize_json``), else ``default``."""
        raw = current().get_variable(key)
        if raw is None:
            if default is not _NOTSET:
                return default
            raise AirflowRuntimeError(
                f"VARIABLE_NOT_FOUND: {{'message': 'Variable {key} not found'}}"
            )
        if not deserialize_json:
            return raw
        return json.loads(raw)

    @classmethod
    def set(
        cls, key: str, value: Any, description: str | None = None, serialize_json: bool = False
    ) -> None:
        """Store a variable for the rest of the sandbox session (Airflow's database).

        As in Airflow, a value that is not a string needs ``serialize_json=True``.
        """
        if serialize_json:
            value = json.dumps(value, indent=2)
        if value is not None and not isinstance(value, str):
            raise AirflowException(
                f"Variable.set({key!r}, ...): the value must be a string, got "
                f"{type(value).__name__}; pass serialize_json=True to store it as JSON"
            )
        current().set_variable(key, value, description)

    @classmethod
    def delete(cls, key: str) -> None:
        """Remove a variable stored with ``set``."""
        current().delete_variable(key)


@dataclass
class SecretsStore:
    """Where a sandbox session's variables and connections come from (module docstring)."""

    file_variables: dict[str, Any] = field(default_factory=dict)
    file_connections: dict[str, Connection] = field(default_factory=dict)
    stored: dict[str, str | None] = field(default_factory=dict)
    environ: Any = None

    def _env(self) -> Any:
        return os.environ if self.environ is None else self.environ

    def get_variable(self, key: str) -> Any:
        """The raw value, or None when no source has it."""
        if key in self.file_variables:
            return self.file_variables[key]
        env = self._env().get(f"AIRFLOW_VAR_{key.upper()}")
        if env is not None:
            return env
        return self.stored.get(key)

    def set_variable(self, key: str, value: str | None, description: str | None = None) -> None:
        """Store a value (a file or environment value of the same key still wins)."""
        with _LOCK:
            self.stored[key] = value

    def delete_variable(self, key: str) -> None:
        """Forget a stored value."""
        with _LOCK:
            self.stored.pop(key, None)

    def get_connection(self, conn_id: str) -> Connection:
        """The connection, or AirflowNotFoundException."""
        if conn_id in self.file_connections:
            return self.file_connections[conn_id]
        value = self._env().get(f"AIRFLOW_CONN_{conn_id.upper()}")
        if value is not None:
            value = value.strip()
            if value.startswith("{"):
                return Connection.from_json(value, conn_id)
            return Connection.from_uri(value, conn_id)
        raise AirflowNotFoundException(f"The conn_id `{conn_id}` isn't defined")


_LOCK = threading.Lock()
#: Where a child process (``--isolate``) finds the files its parent was given.
VARS_ENV = "QUIZAPP_SANDBOX_VARS_FILE"
CONNS_ENV = "QUIZAPP_SANDBOX_CONNS_FILE"
_current: SecretsStore | None = None


def current() -> SecretsStore:
    """The store tasks read now (first use: the files named by the environment, if any)."""
    global _current
    if _current is None:
        _current = _from_files(
            os.environ.get(VARS_ENV) or None, os.environ.get(CONNS_ENV) or None, {}
        )
    return _current


def _from_files(
    variables_file: str | Path | None,
    connections_file: str | Path | None,
    stored: dict[str, str | None],
) -> SecretsStore:
    store = SecretsStore(stored=stored)
    if variables_file is not None:
        store.file_variables = load_variables(variables_file)
    if connections_file is not None:
        store.file_connections = load_connections(connections_file)
    return store


def configure(
    variables_file: str | Path | None = None, connections_file: str | Path | None = None
) -> SecretsStore:
    """Read these files from now on (values set earlier in the session are kept); a
    child process started later reads the same files."""
    global _current
    store = _from_files(variables_file, connections_file, current().stored)
    for name, value in ((VARS_ENV, variables_file), (CONNS_ENV, connections_file)):
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = str(Path(value).resolve())
    _current = store
    return store


def use(store: SecretsStore) -> None:
    """Make ``store`` the current one (to restore an earlier :func:`current`)."""
    global _current
    _current = store


def reset() -> None:
    """Forget the files and every stored variable (a new session)."""
    global _current
    _current = SecretsStore()


def _parse_file(path: str | Path, what: str) -> dict[str, Any]:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SandboxError(f"{path}: cannot read the {what} file: {exc}") from None
    suffix = file.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text) if text.strip() else {}
        elif suffix in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text) or {}
        else:
            raise SandboxError(
                f"{path}: a {what} file must end in .json, .yaml or .yml (as Airflow's "
                "LocalFilesystemBackend reads them)"
            )
    except (json.JSONDecodeError, ValueError) as exc:
        raise SandboxError(f"{path}: cannot read the {what} file: {exc}") from None
    except Exception as exc:  # yaml.YAMLError
        raise SandboxError(f"{path}: cannot read the {what} file: {exc}") from None
    if not isinstance(data, dict):
        raise SandboxError(f"{path}: a {what} file holds a mapping {{name: value}}")
    return data


def load_variables(path: str | Path) -> dict[str, Any]:
    """A variables file: ``{key: value}`` (a value is returned as the file holds it)."""
    return {str(k): v for k, v in _parse_file(path, "variables").items()}


def load_connections(path: str | Path) -> dict[str, Connection]:
    """A connections file: ``{conn_id: "URI" or {field: value}}``."""
    found: dict[str, Connection] = {}
    for conn_id, value in _parse_file(path, "connections").items():
        try:
            if isinstance(value, str):
                found[conn_id] = Connection.from_uri(value, conn_id, decode_query=True)
            elif isinstance(value, dict):
                if "conn_id" in value and value["conn_id"] != conn_id:
                    raise AirflowException(
                        f"Mismatch conn_id. The dictionary key has the value: "
                        f"{value['conn_id']}. The item has the value: {conn_id}."
                    )
                found[conn_id] = Connection.from_fields(value, conn_id)
            else:
                raise AirflowException("a connection is a URI string or a mapping of fields")
        except (AirflowException, ValueError) as exc:
            raise SandboxError(f"{path}: connection {conn_id!r}: {exc}") from None
    return found


class VariableAccessor:
    """``{{ var.value.key }}`` / ``{{ var.json.key }}`` (and ``.get(key, default)``)."""

    def __init__(self, deserialize_json: bool) -> None:
        self._deserialize_json = deserialize_json

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__"):
            raise AttributeError(key)
        return Variable.get(key, deserialize_json=self._deserialize_json)

    def get(self, key: str, default: Any = None) -> Any:
        """The variable, or ``default`` when it is not defined."""
        return Variable.get(key, default, deserialize_json=self._deserialize_json)

    def __repr__(self) -> str:
        return "<VariableAccessor (dynamic access)>"


class ConnectionAccessor:
    """``{{ conn.my_conn.host }}`` (and ``.get(conn_id, default_conn)``)."""

    def __getattr__(self, conn_id: str) -> Any:
        if conn_id.startswith("__"):
            raise AttributeError(conn_id)
        return Connection.get(conn_id)

    def get(self, conn_id: str, default_conn: Any = None) -> Any:
        """The connection, or ``default_conn`` when it is not defined."""
        try:
            return Connection.get(conn_id)
        except AirflowNotFoundException:
            return default_conn

    def __repr__(self) -> str:
        return "<ConnectionAccessor (dynamic access)>"


def context_entries() -> dict[str, Any]:
    """The ``var`` and ``conn`` entries of a task's context."""
    return {
        "var": {"json": VariableAccessor(True), "value": VariableAccessor(False)},
        "conn": ConnectionAccessor(),
    }
