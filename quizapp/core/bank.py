"""Load and validate YAML question banks.

Banks are shared between people, so they are parsed with safe semantics only:
the YAML is *composed* into a node tree (libyaml's C parser when present) and
this module turns the nodes into frozen dataclasses itself. No constructor that
could build a Python object ever runs; a tag such as ``!!python/object`` is an
error. Working on nodes also gives every value its line, so each error says
``file:line: question 'id': what was expected``.

A broken question is reported and left out; its bank keeps the good ones. A
file that is not YAML contributes only its error. Nothing raises: callers get
a :class:`~quizapp.core.models.Catalog` with the banks and the errors.
"""

from __future__ import annotations

import difflib
import gc
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.bank_drills import ASKS_BY_KIND, DEFAULT_ASK, DRILL_FIELDS, DrillFields, Invalid
from quizapp.core.bank_files import bank_files, display_path, known_sandbox_names
from quizapp.core.models import (
    DIFFICULTIES,
    KINDS,
    STRICTNESS,
    Bank,
    BankIssue,
    Catalog,
    KeyPoint,
    Misconception,
    Question,
)

try:  # libyaml's C parser is several times faster; fall back to pure Python.
    from yaml import CSafeLoader as YAML_LOADER
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as YAML_LOADER  # type: ignore[assignment]

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
BANK_FIELDS = ("bank", "title", "description", "questions")
QUESTION_FIELDS = (
    "id",
    "prompt",
    "answer",
    "key_points",
    "kind",
    "difficulty",
    "tags",
    "sandbox",
    "note",
    "source",
    "grading",
    "dag",
    "ask",
    "misconceptions",
    *DRILL_FIELDS,
)
ALL_ASKS = tuple(dict.fromkeys(a for asks in ASKS_BY_KIND.values() for a in asks))
KEY_POINT_FIELDS = ("text", "aliases", "weight", "part")
MISCONCEPTION_FIELDS = ("text", "aliases", "correction", "core")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",
}
_MAX_NODES = 2_000_000  # guards against alias bombs ("billion laughs")
#: The largest bank file read (a legitimate 50 MB bank loads; /dev/zero does not).
MAX_BANK_BYTES = 256 * 1024 * 1024
_SCALARS = yaml.constructor.SafeConstructor()
#: The node class each collection tag needs (``key_points: !!map x`` is an error, not a crash).
_CONSTRUCT_ERRORS = (ValueError, KeyError, TypeError, AttributeError, OverflowError, yaml.YAMLError)
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq": SequenceNode, "tag:yaml.org,2002:map": MappingNode}


_Invalid = Invalid
"""A value that cannot be used; the issue has already been recorded."""


@dataclass
class _FileReader(DrillFields):
    """Walks the node tree of one bank file, collecting issues as it goes."""

    path: str
    known_sandboxes: frozenset[str] | None
    issues: list[BankIssue]
    nodes_seen: int = 0
    #: Nodes the walk may visit: a node takes at least a few characters of text, so
    #: only aliases (one node reached many times) can go past the text's length.
    max_nodes: int = _MAX_NODES

    def issue(self, node: Node | None, message: str, qid: str | None = None) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.issues.append(BankIssue(self.path, line, message, qid))

    # -- generic node checks -------------------------------------------------

    def check_tag(self, node: Node, qid: str | None) -> None:
        self.nodes_seen += 1
        if self.nodes_seen > self.max_nodes:
            self.issue(node, "document too large (alias expansion?)", qid)
            raise _Invalid
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.issue(
                node,
                f"YAML tag '{tag}' is not allowed: banks hold plain data and never "
                "construct objects",
                qid,
            )
            raise _Invalid
        wanted = _COLLECTION_TAGS.get(node.tag, ScalarNode)
        if not isinstance(node, wanted):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            needs = {MappingNode: "a mapping", SequenceNode: "a list"}.get(wanted, "a single value")
            self.issue(node, f"YAML tag '{tag}' needs {needs}, got {_kind(node)}", qid)
            raise _Invalid

    def mapping(self, node: Node, what: str, qid: str | None) -> dict[str, tuple[Node, Node]]:
        """A mapping node as ``{key: (key_node, value_node)}``; duplicate keys are errors."""
        self.check_tag(node, qid)
        if not isinstance(node, MappingNode):
            self.issue(node, f"{what} must be a mapping of field: value, got {_kind(node)}", qid)
            raise _Invalid
        result: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            self.check_tag(key_node, qid)
            if not isinstance(key_node, ScalarNode):
                self.issue(key_node, f"{what} has a key that is not a plain name", qid)
                continue
            key = str(key_node.value)
            if key in result:
                self.issue(key_node, f"duplicate field '{key}' in {what}", qid)
                continue
            result[key] = (key_node, value_node)
        return result

    def unknown_keys(
        self,
        fields: dict[str, tuple[Node, Node]],
        allowed: tuple[str, ...],
        what: str,
        qid: str | None,
    ) -> None:
        for key, (key_node, _) in fields.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                expected = ", ".join(allowed)
                self.issue(
                    key_node,
                    f"unknown field '{key}' in {what}{hint}; expected one of {expected}",
                    qid,
                )

    def scalar(self, node: Node, qid: str | None) -> Any:
        self.check_tag(node, qid)
        if not isinstance(node, ScalarNode):
            return _NotScalar(node)
        try:
            return _SCALARS.construct_object(node, deep=True)
        except _CONSTRUCT_ERRORS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.issue(node, f"'{_short(node.value)}' is not a valid {tag} value", qid)
            raise _Invalid from None

    def text(
        self,
        fields: dict[str, tuple[Node, Node]],
        key: str,
        qid: str | None,
        *,
        required: bool,
        owner: Node,
        allow_empty: bool = False,
    ) -> str | None:
        if key not in fields:
            if required:
                self.issue(owner, f"missing required field '{key}'", qid)
                raise _Invalid
            return None
        node = fields[key][1]
        value = self.scalar(node, qid)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            self.issue(node, f"'{key}' must be text, got {_describe(value)}", qid)
            raise _Invalid
        value = value.strip()
        if not value and not allow_empty:
            self.issue(node, f"'{key}' must not be empty", qid)
            raise _Invalid
        return value

    def choice(
        self,
        fields: dict[str, tuple[Node, Node]],
        key: str,
        choices: tuple[str, ...],
        default: str,
        qid: str | None,
    ) -> str:
        if key not in fields:
            return default
        node = fields[key][1]
        value = self.scalar(node, qid)
        if value not in choices:
            self.issue(
                node, f"{key} must be one of {', '.join(choices)}; got {_describe(value)}", qid
            )
            raise _Invalid
        return str(value)

    def string_list(
        self, node: Node, key: str, qid: str | None, *, empty_ok: bool = True
    ) -> tuple[str, ...]:
        self.check_tag(node, qid)
        if isinstance(node, ScalarNode) and self.scalar(node, qid) is None:
            if empty_ok:
                return ()
            # Entries indented less than the key become the next key points, silently.
            self.issue(
                node,
                f"'{key}' is empty: list its entries indented under it, or leave it out",
                qid,
            )
            raise _Invalid
        if not isinstance(node, SequenceNode):
            self.issue(node, f"'{key}' must be a list of text, got {_kind(node)}", qid)
            raise _Invalid
        items: list[str] = []
        for item in node.value:
            value = self.scalar(item, qid)
            if not isinstance(value, str) or not value.strip():
                self.issue(
                    item,
                    f"each entry of '{key}' must be non-empty text, got {_describe(value)}",
                    qid,
                )
                raise _Invalid
            items.append(value.strip())
        return tuple(items)

    # -- the bank format -------------------------------------------------------

    def key_point(self, node: Node, qid: str) -> KeyPoint:
        line = node.start_mark.line + 1
        self.check_tag(node, qid)
        if isinstance(node, ScalarNode):
            value = self.scalar(node, qid)
            if not isinstance(value, str) or not value.strip():
                self.issue(
                    node,
                    f"a key point must be non-empty text or a mapping with "
                    f"'text', got {_describe(value)}",
                    qid,
                )
                raise _Invalid
            return KeyPoint(value.strip(), line=line)
        fields = self.mapping(node, "a key point", qid)
        self.unknown_keys(fields, KEY_POINT_FIELDS, "a key point", qid)
        text = self.text(fields, "text", qid, required=True, owner=node)
        assert text is not None
        aliases = (
            self.string_list(fields["aliases"][1], "aliases", qid, empty_ok=False)
            if ("aliases" in fields)
            else ()
        )
        weight = 1.0
        if "weight" in fields:
            wnode = fields["weight"][1]
            raw = self.scalar(wnode, qid)
            if isinstance(raw, float) and not math.isfinite(raw):
                self.issue(wnode, f"'weight' must be a finite number, got {_describe(raw)}", qid)
                raise _Invalid
            if isinstance(raw, bool) or not isinstance(raw, int | float) or raw <= 0:
                self.issue(wnode, f"'weight' must be a positive number, got {_describe(raw)}", qid)
                raise _Invalid
            weight = float(raw)
        part = self.text(fields, "part", qid, required="part" in fields, owner=node) or ""
        return KeyPoint(text, aliases, weight, line, part)

    def question(self, node: Node, bank_id: str, position: int) -> Question | None:
        label = f"#{position}"
        try:
            fields = self.mapping(node, f"question {label}", None)
        except _Invalid:
            return None
        qid: str | None = None
        if "id" in fields:
            raw = self.scalar(fields["id"][1], None)
            if isinstance(raw, str) and SLUG.match(raw):
                qid = raw
            else:
                self.issue(
                    fields["id"][1],
                    f"question {label}: id must be a lowercase slug "
                    f"(letters, digits, '-' or '_'), got {_describe(raw)}",
                )
        else:
            self.issue(node, f"question {label}: missing required field 'id'")
        ok = qid is not None
        ref = qid or label
        before = len(self.issues)
        self.unknown_keys(fields, QUESTION_FIELDS, "a question", ref)
        values: dict[str, Any] = {}
        checks = {
            "prompt": lambda: self.text(fields, "prompt", ref, required=True, owner=node),
            "answer": lambda: self.text(fields, "answer", ref, required=True, owner=node),
            "kind": lambda: self.choice(fields, "kind", KINDS, "text", ref),
            "difficulty": lambda: self.choice(fields, "difficulty", DIFFICULTIES, "medium", ref),
            "grading": lambda: self.choice(fields, "grading", STRICTNESS, "normal", ref),
            "ask": lambda: self.choice(fields, "ask", ALL_ASKS, "", ref),
            "tags": lambda: (
                self.string_list(fields["tags"][1], "tags", ref) if "tags" in fields else ()
            ),
            "sandbox": lambda: self.sandbox(fields, ref),
            "note": lambda: self.text(fields, "note", ref, required=False, owner=node),
            "source": lambda: self.text(fields, "source", ref, required=False, owner=node),
            "dag": lambda: self.text(fields, "dag", ref, required=False, owner=node),
            "key_points": lambda: self.key_points(fields, ref, node),
            "misconceptions": lambda: self.misconceptions(fields, ref),
            "sql": lambda: (
                self.sql_drill(fields, ref, node) if values.get("kind") == "sql" else None
            ),
            "target": lambda: (
                self.debug_target(fields, ref) if values.get("kind") == "debug" else None
            ),
            "hint": lambda: self.text(fields, "hint", ref, required=False, owner=node),
        }
        for name, check in checks.items():
            try:
                values[name] = check()
            except _Invalid:
                ok = False
        # Whole-question checks run even after a field failed (every error is reported),
        # but say nothing more about a field that already has its error.
        kind = values.get("kind")
        if kind is not None:
            if "ask" in values:
                values["ask"] = values["ask"] or DEFAULT_ASK.get(kind, "state")
            failed = frozenset(checks) - set(values)
            ok = self.check_kind(kind, values, fields, node, ref, failed) and ok
        if not ok or len(self.issues) > before or qid is None:
            return None
        return Question(
            id=qid,
            bank=bank_id,
            file=self.path,
            line=node.start_mark.line + 1,
            **values,
        )

    def sandbox(self, fields: dict[str, tuple[Node, Node]], qid: str) -> str | None:
        if "sandbox" not in fields:
            return None
        node = fields["sandbox"][1]
        value = self.scalar(node, qid)
        if value is None:
            return None
        if not isinstance(value, str):
            self.issue(node, f"'sandbox' must be an example name, got {_describe(value)}", qid)
            raise _Invalid
        known = self.known_sandboxes
        if known is not None and value not in known:
            listed = ", ".join(sorted(known)) or "none yet"
            self.issue(node, f"sandbox example '{value}' does not exist (known: {listed})", qid)
            raise _Invalid
        return value

    def key_points(
        self, fields: dict[str, tuple[Node, Node]], qid: str, owner: Node
    ) -> tuple[KeyPoint, ...]:
        if "key_points" not in fields:
            return ()
        node = fields["key_points"][1]
        self.check_tag(node, qid)
        if isinstance(node, ScalarNode) and self.scalar(node, qid) is None:
            return ()
        if not isinstance(node, SequenceNode):
            self.issue(node, f"'key_points' must be a list, got {_kind(node)}", qid)
            raise _Invalid
        points: list[KeyPoint] = []
        failed = False
        for item in node.value:
            try:
                points.append(self.key_point(item, qid))
            except _Invalid:
                failed = True
        if failed:
            raise _Invalid
        return tuple(points)

    def misconception(self, node: Node, qid: str) -> Misconception:
        self.check_tag(node, qid)
        what = "a misconception"
        if not isinstance(node, MappingNode):
            self.issue(
                node,
                f"{what} must be a mapping with 'text' and 'correction' "
                f"(and optional 'aliases', 'core'), got {_kind(node)}",
                qid,
            )
            raise _Invalid
        fields = self.mapping(node, what, qid)
        before = len(self.issues)
        self.unknown_keys(fields, MISCONCEPTION_FIELDS, what, qid)
        text = self.text(fields, "text", qid, required=True, owner=node)
        correction = self.text(fields, "correction", qid, required=True, owner=node)
        aliases = (
            self.string_list(fields["aliases"][1], "aliases", qid, empty_ok=False)
            if "aliases" in fields
            else ()
        )
        core = False
        if "core" in fields:
            cnode = fields["core"][1]
            raw = self.scalar(cnode, qid)
            if not isinstance(raw, bool):
                self.issue(cnode, f"'core' must be true or false, got {_describe(raw)}", qid)
                raise _Invalid
            core = raw
        if len(self.issues) > before:
            raise _Invalid
        assert text is not None and correction is not None
        return Misconception(text, correction, aliases, core, node.start_mark.line + 1)

    def misconceptions(
        self, fields: dict[str, tuple[Node, Node]], qid: str
    ) -> tuple[Misconception, ...]:
        if "misconceptions" not in fields:
            return ()
        node = fields["misconceptions"][1]
        self.check_tag(node, qid)
        if isinstance(node, ScalarNode) and self.scalar(node, qid) is None:
            return ()
        if not isinstance(node, SequenceNode):
            self.issue(node, f"'misconceptions' must be a list, got {_kind(node)}", qid)
            raise _Invalid
        found: list[Misconception] = []
        failed = False
        for item in node.value:
            try:
                found.append(self.misconception(item, qid))
            except _Invalid:
                failed = True
        if failed:
            raise _Invalid
        return tuple(found)

    def bank(self, root: Node | None, default_id: str) -> Bank | None:
        if root is None:
            self.issues.append(
                BankIssue(
                    self.path,
                    1,
                    "the file is empty; expected a bank with 'bank', 'title' and 'questions'",
                )
            )
            return None
        try:
            fields = self.mapping(root, "the bank", None)
        except _Invalid:
            return None
        self.unknown_keys(fields, BANK_FIELDS, "the bank", None)
        try:
            bank_id = self.text(fields, "bank", None, required=True, owner=root) or default_id
            if not SLUG.match(bank_id):
                self.issue(fields["bank"][1], f"bank id must be a lowercase slug, got '{bank_id}'")
                return None
            title = self.text(fields, "title", None, required=True, owner=root) or bank_id
            description = self.text(fields, "description", None, required=False, owner=root)
        except _Invalid:
            return None
        if "questions" not in fields:
            self.issue(root, "missing required field 'questions'")
            return None
        qnode = fields["questions"][1]
        if not isinstance(qnode, SequenceNode):
            self.issue(qnode, f"'questions' must be a list, got {_kind(qnode)}")
            return None
        questions: list[Question] = []
        for position, node in enumerate(qnode.value, start=1):
            try:
                question = self.question(node, bank_id, position)
            except _Invalid:
                question = None
            if question is not None:
                questions.append(question)
        return Bank(bank_id, title, self.path, tuple(questions), description)


class _NotScalar:
    """Stands for a list or mapping found where a single value was expected."""

    def __init__(self, node: Node) -> None:
        self.node = node


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag not in _STANDARD_TAGS or node.tag in _COLLECTION_TAGS:
        return "a single value"
    try:
        return _describe(_SCALARS.construct_object(node))
    except _CONSTRUCT_ERRORS:
        return "a value"


def _short(text: object, limit: int = 40) -> str:
    """A value as an error message quotes it: one line, at most ``limit`` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _describe(value: object) -> str:
    if isinstance(value, _NotScalar):
        return _kind(value.node)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text '{value}'"
    return type(value).__name__


def load_bank_file(
    path: Path, known_sandboxes: frozenset[str] | None = None
) -> tuple[Bank | None, list[BankIssue]]:
    """Load one bank file: the bank (with its valid questions) and every issue found."""
    shown = display_path(path)
    try:
        text = read_bank_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [BankIssue(shown, 1, f"cannot read the file: {exc}")]
    except ValueError as exc:
        return None, [BankIssue(shown, 1, str(exc))]
    return parse_bank(text, shown, known_sandboxes, default_id=path.stem)


def read_bank_text(path: Path) -> str:
    """A bank file's text. ValueError (with the reason) for anything but a regular file of
    at most :data:`MAX_BANK_BYTES`: a FIFO would block, ``/dev/zero`` never ends."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or special file"
            raise ValueError(f"not a regular file ({kind}); a bank must be a .yaml file")
        data = handle.read(MAX_BANK_BYTES + 1)
    if len(data) > MAX_BANK_BYTES:
        raise ValueError(f"the file is larger than {MAX_BANK_BYTES // 2**20} MB; split the bank")
    return data.decode("utf-8")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: building a large node tree otherwise triggers it over and over
    (a 10,000-question bank composes about four times faster without it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_bank(
    text: str, shown: str, known_sandboxes: frozenset[str] | None = None, default_id: str = "bank"
) -> tuple[Bank | None, list[BankIssue]]:
    """Parse and validate bank text that claims to come from ``shown``."""
    with _gc_paused():
        return _parse_bank(text, shown, known_sandboxes, default_id)


def _parse_bank(
    text: str, shown: str, known_sandboxes: frozenset[str] | None, default_id: str
) -> tuple[Bank | None, list[BankIssue]]:
    issues: list[BankIssue] = []
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = f" (column {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [BankIssue(shown, line, f"YAML syntax error: {problem}{col}")]
    except yaml.YAMLError as exc:
        return None, [BankIssue(shown, 1, f"YAML error: {exc}")]
    reader = _FileReader(shown, known_sandboxes, issues, max_nodes=max(_MAX_NODES, len(text)))
    try:
        bank = reader.bank(root, default_id)
    except _Invalid:
        bank = None
    return bank, issues


def load_catalog(paths: Iterable[Path], known_sandboxes: frozenset[str] | None = None) -> Catalog:
    """Load every bank from folders or files, checking ids across all of them.

    A missing path is an error of its own; a duplicate question id keeps the
    first and reports the second, naming both places.
    """
    if known_sandboxes is None:
        known_sandboxes = known_sandbox_names()
    errors: list[BankIssue] = []
    banks: list[Bank] = []
    seen_ids: dict[str, Question] = {}
    seen_banks: dict[str, str] = {}
    paths = list(paths)
    for path in paths:
        if not path.exists():
            errors.append(BankIssue(display_path(path), 0, "no such file or folder"))
    for file in bank_files(paths):
        bank, issues = load_bank_file(file, known_sandboxes)
        errors.extend(issues)
        if bank is None:
            continue
        if bank.id in seen_banks:
            errors.append(
                BankIssue(
                    bank.path, 1, f"bank id '{bank.id}' is already used by {seen_banks[bank.id]}"
                )
            )
            continue
        seen_banks[bank.id] = bank.path
        kept: list[Question] = []
        for question in bank.questions:
            first = seen_ids.get(question.id)
            if first is not None:
                errors.append(
                    BankIssue(
                        question.file,
                        question.line,
                        f"duplicate id, first defined at {first.location}",
                        question.id,
                    )
                )
                continue
            seen_ids[question.id] = question
            kept.append(question)
        banks.append(Bank(bank.id, bank.title, bank.path, tuple(kept), bank.description))
    order = {path: i for i, path in enumerate(dict.fromkeys(e.path for e in errors))}
    errors.sort(key=lambda e: (order[e.path], e.line))
    return Catalog(tuple(banks), tuple(errors))
