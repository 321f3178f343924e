"""Jinja templating of templated fields (``{{ ds }}``), as Airflow renders them before execute."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from quizapp.sandbox.exceptions import AirflowException
from quizapp.sandbox.xcom import XComArg, XComStore

_MARKERS = ("{{", "{%", "{#")


def _filters() -> dict[str, Callable[..., str]]:
    return {
        "ds": lambda d: d.strftime("%Y-%m-%d"),
        "ds_nodash": lambda d: d.strftime("%Y%m%d"),
        "ts": lambda d: d.isoformat(),
        "ts_nodash": lambda d: d.strftime("%Y%m%dT%H%M%S"),
        "ts_nodash_with_tz": lambda d: d.isoformat().replace("-", "").replace(":", ""),
    }


@functools.cache
def _base_environment(native: bool) -> Any:
    import jinja2
    from jinja2.nativetypes import NativeEnvironment
    from jinja2.sandbox import SandboxedEnvironment

    kind = NativeEnvironment if native else SandboxedEnvironment
    env = kind(undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"])
    env.filters.update(_filters())
    return env


def environment(
    macros: dict[str, Any] | None = None,
    filters: dict[str, Callable[..., Any]] | None = None,
    native: bool = False,
) -> Any:
    """Airflow's template environment: sandboxed, StrictUndefined, the date filters, user extras.

    ``native`` (the DAG's ``render_template_as_native_obj``) is Airflow's NativeEnvironment:
    a template gives a Python object (``"{{ params.n }}"`` an int), not a string.
    """
    base = _base_environment(native)
    if not macros and not filters:
        return base
    env = base.overlay()
    env.globals.update(macros or {})
    env.filters.update(filters or {})
    return env


def render_string(text: str, context: dict[str, Any], env: Any) -> Any:
    """Render one template string; a template error names the problem."""
    if not any(marker in text for marker in _MARKERS):
        return text
    import jinja2

    try:
        return _as_rendered(env, env.from_string(text).render(**context))
    except jinja2.TemplateError as exc:
        raise AirflowException(f"cannot render template {text!r}: {exc}{_hint(exc)}") from None


def _as_rendered(env: Any, result: Any) -> Any:
    """A native environment's object as it is; otherwise the text."""
    from jinja2.nativetypes import NativeEnvironment

    return result if isinstance(env, NativeEnvironment) else str(result)


def render_value(
    value: Any, context: dict[str, Any], env: Any, store: XComStore, exts: tuple[str, ...] = ()
) -> Any:
    """Render strings inside ``value``; resolve XComArgs (their values are not rendered again).

    A string ending with one of ``exts`` (the task's ``template_ext``) names a template
    file, as in Airflow: it is read from the DAG file's folder (or ``template_searchpath``)
    and rendered; ``TemplateNotFound`` when there is no such file.
    """
    if isinstance(value, XComArg):
        return value.resolve_argument(store)
    if isinstance(value, str):
        if exts and value.endswith(exts):
            return _render_file(value, context, env)
        return render_string(value, context, env)
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(render_value(v, context, env, store, exts) for v in value)
    if isinstance(value, dict):
        return {k: render_value(v, context, env, store, exts) for k, v in value.items()}
    return value


def _render_file(name: str, context: dict[str, Any], env: Any) -> Any:
    import jinja2

    try:
        return _as_rendered(env, env.get_template(name).render(**context))
    except jinja2.TemplateNotFound:
        raise  # the task fails with "TemplateNotFound: <name>", as in Airflow
    except jinja2.TemplateError as exc:
        raise AirflowException(f"cannot render template file {name!r}: {exc}{_hint(exc)}") from None


def _hint(exc: Exception) -> str:
    """The Airflow 3 form of an undefined variable that Airflow 3 removed ('' if none)."""
    match = re.match(r"'(\w+)' is undefined", str(exc))
    if match is None:
        return ""
    from quizapp.sandbox.airflow2 import template_hint

    hint = template_hint(match.group(1))
    return f" ({hint})" if hint else ""


def _search_path(dag: Any) -> list[str]:
    """Airflow's template search path: the DAG file's folder, then ``template_searchpath``."""
    import os

    paths: list[str] = []
    fileloc = getattr(dag, "fileloc", None)
    if fileloc and os.path.isfile(fileloc):
        paths.append(os.path.dirname(os.path.abspath(fileloc)))
    extra = getattr(dag, "template_searchpath", None) or []
    paths.extend([extra] if isinstance(extra, str) else list(extra))
    return paths


def _has_template(value: Any, exts: tuple[str, ...]) -> bool:
    """True when :func:`render_value` would render a string in ``value`` (or read a file)."""
    if isinstance(value, str):
        return any(marker in value for marker in _MARKERS) or bool(exts and value.endswith(exts))
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_has_template(v, exts) for v in value)
    if isinstance(value, dict):
        return any(_has_template(v, exts) for v in value.values())
    return False


def render_fields(task: Any, context: dict[str, Any], store: XComStore) -> None:
    """Render every ``template_fields`` attribute of ``task`` in place.

    A mapped element's ``_not_rendered`` paths (``(field,)`` or ``(field, key)``) hold
    values Airflow does not render (they came from XCom); they are left as they are.
    """
    if not task.template_fields:
        return
    dag = task.dag
    exts = tuple(task.template_ext)
    env: Any = None  # no template in any field (the usual case): Jinja is not even imported
    if any(_has_template(getattr(task, name, None), exts) for name in task.template_fields):
        env = environment(
            getattr(dag, "user_defined_macros", None),
            getattr(dag, "user_defined_filters", None),
            native=bool(getattr(dag, "render_template_as_native_obj", False)),
        )
        if exts:
            import jinja2

            env = env.overlay(loader=jinja2.FileSystemLoader(_search_path(dag)))
    skip: frozenset[tuple[str, ...]] = getattr(task, "_not_rendered", frozenset())
    for name in task.template_fields:
        value = getattr(task, name, None)
        if value is None or (name,) in skip:
            continue
        if isinstance(value, dict) and any(path[0] == name for path in skip):
            # a mapped task's values from XCom: their keys stay as they are
            value = {
                k: v if (name, k) in skip else render_value(v, context, env, store, exts)
                for k, v in value.items()
            }
            setattr(task, name, value)
            continue
        setattr(task, name, render_value(value, context, env, store, exts))
