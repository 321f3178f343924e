"""The bank fields of the question kinds graded by running something: ``sql`` and ``debug``.

A mixin of the bank loader's reader (:class:`quizapp.core.bank._FileReader`): it
reads ``tables`` / ``reference`` / ``ordered`` / ``check_columns`` / ``starter``
for ``kind: sql`` and ``target`` for ``kind: debug``, and checks that each
kind has the fields it needs and none it cannot use, every error at its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.models import DebugTarget, SqlDrill, SqlTable

if TYPE_CHECKING:
    from quizapp.core.models import BankIssue

SQL_FIELDS = ("tables", "reference", "ordered", "check_columns", "starter")
DEBUG_FIELDS = ("target",)
DRILL_FIELDS = (*SQL_FIELDS, *DEBUG_FIELDS, "hint")
ASKS_BY_KIND: dict[str, tuple[str, ...]] = {
    "predict": ("state", "try_number"),
    "sql": ("query", "rows"),
}
DEFAULT_ASK = {"predict": "state", "sql": "query"}
TASK_STATES = ("success", "failed", "skipped", "upstream_failed", "removed")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TASK_LABEL = re.compile(r"^[\w.\-]+(?:\[\d+\])?$")


class Invalid(Exception):
    """A field is wrong; the issue is already recorded."""


class DrillFields:
    """Reading the drill kinds' fields (mixed into the loader's reader)."""

    path: str
    issues: list[BankIssue]

    if TYPE_CHECKING:  # provided by the reader this is mixed into

        def issue(self, node: Node | None, message: str, qid: str | None = None) -> None: ...
        def check_tag(self, node: Node, qid: str | None) -> None: ...
        def scalar(self, node: Node, qid: str | None) -> Any: ...
        def mapping(
            self, node: Node, what: str, qid: str | None
        ) -> dict[str, tuple[Node, Node]]: ...

    def flag(self, fields: dict[str, tuple[Node, Node]], key: str, qid: str) -> bool:
        if key not in fields:
            return False
        value = self.scalar(fields[key][1], qid)
        if not isinstance(value, bool):
            self.issue(fields[key][1], f"'{key}' must be true or false, got {value!r}", qid)
            raise Invalid
        return value

    def code(self, fields: dict[str, tuple[Node, Node]], key: str, qid: str) -> str | None:
        if key not in fields:
            return None
        value = self.scalar(fields[key][1], qid)
        if not isinstance(value, str) or not value.strip():
            self.issue(fields[key][1], f"'{key}' must be non-empty text (SQL)", qid)
            raise Invalid
        return value.strip("\n")

    def sql_drill(
        self, fields: dict[str, tuple[Node, Node]], qid: str, owner: Node
    ) -> SqlDrill | None:
        """The ``kind: sql`` fields, or None when the question has none of them."""
        if not any(key in fields for key in SQL_FIELDS):
            return None
        failed = False
        tables: tuple[SqlTable, ...] = ()
        reference: str | None = None
        ordered = check_columns = False
        starter = ""
        try:
            tables = self.sql_tables(fields, qid, owner)
        except Invalid:
            failed = True
        try:
            reference = self.code(fields, "reference", qid)
            if reference is None:
                self.issue(owner, "a sql question needs 'reference': the query that is right", qid)
                failed = True
        except Invalid:
            failed = True
        for key in ("ordered", "check_columns"):
            try:
                value = self.flag(fields, key, qid)
            except Invalid:
                failed = True
                continue
            if key == "ordered":
                ordered = value
            else:
                check_columns = value
        try:
            starter = self.code(fields, "starter", qid) or ""
        except Invalid:
            failed = True
        if failed or reference is None:
            raise Invalid
        return SqlDrill(tables, reference, ordered, check_columns, starter)

    def sql_tables(
        self, fields: dict[str, tuple[Node, Node]], qid: str, owner: Node
    ) -> tuple[SqlTable, ...]:
        if "tables" not in fields:
            self.issue(owner, "a sql question needs 'tables': its fixture tables", qid)
            raise Invalid
        node = fields["tables"][1]
        entries = self.mapping(node, "'tables'", qid)
        if not entries:
            self.issue(node, "'tables' must name at least one table", qid)
            raise Invalid
        tables: list[SqlTable] = []
        failed = False
        for name, (key_node, value_node) in entries.items():
            try:
                tables.append(self.sql_table(name, key_node, value_node, qid))
            except Invalid:
                failed = True
        if failed:
            raise Invalid
        return tuple(tables)

    def sql_table(self, name: str, key_node: Node, node: Node, qid: str) -> SqlTable:
        if not _IDENTIFIER.match(name):
            self.issue(key_node, f"table name '{name}' must be a plain SQL identifier", qid)
            raise Invalid
        if isinstance(node, ScalarNode):
            value = self.scalar(node, qid)
            if not isinstance(value, str) or not value.endswith(".csv"):
                self.issue(node, f"table '{name}' must be columns+rows or a .csv file name", qid)
                raise Invalid
            csv_path = (Path(self.path).parent / value).resolve()
            if not csv_path.is_file():
                self.issue(node, f"table '{name}': no CSV file {value} beside the bank", qid)
                raise Invalid
            return SqlTable(name, csv=str(csv_path))
        spec = self.mapping(node, f"table '{name}'", qid)
        unknown = sorted(set(spec) - {"columns", "rows"})
        if unknown or "columns" not in spec:
            self.issue(node, f"table '{name}' needs 'columns' and 'rows' (only those)", qid)
            raise Invalid
        columns_node = spec["columns"][1]
        columns = self.value_list(columns_node, qid)
        if not columns or not all(isinstance(c, str) and _IDENTIFIER.match(c) for c in columns):
            self.issue(columns_node, f"table '{name}': 'columns' must list plain names", qid)
            raise Invalid
        rows: list[tuple[object, ...]] = []
        if "rows" in spec:
            rows_node = spec["rows"][1]
            self.check_tag(rows_node, qid)
            if not isinstance(rows_node, SequenceNode):
                self.issue(rows_node, f"table '{name}': 'rows' must be a list of lists", qid)
                raise Invalid
            for row_node in rows_node.value:
                row = self.value_list(row_node, qid)
                if len(row) != len(columns):
                    self.issue(
                        row_node,
                        f"table '{name}': a row has {len(row)} value(s) for "
                        f"{len(columns)} column(s)",
                        qid,
                    )
                    raise Invalid
                rows.append(tuple(row))
        return SqlTable(name, tuple(str(c) for c in columns), tuple(rows))

    def value_list(self, node: Node, qid: str) -> list[object]:
        self.check_tag(node, qid)
        if not isinstance(node, SequenceNode):
            self.issue(node, "expected a list of plain values, like [1, 'a', null]", qid)
            raise Invalid
        values = [self.scalar(item, qid) for item in node.value]
        if any(
            isinstance(v, (list, dict)) or not isinstance(i, ScalarNode)
            for v, i in zip(values, node.value, strict=True)
        ):
            self.issue(node, "expected plain values (numbers, text, dates, null)", qid)
            raise Invalid
        return values

    def debug_target(self, fields: dict[str, tuple[Node, Node]], qid: str) -> DebugTarget | None:
        """The ``target`` of a ``kind: debug`` question: ``tasks`` (and ``xcom``, ``state``)."""
        if "target" not in fields:
            return None
        node = fields["target"][1]
        spec = self.mapping(node, "'target'", qid)
        unknown = sorted(set(spec) - {"tasks", "xcom", "state"})
        if unknown:
            self.issue(
                node, f"'target' has unknown field(s) {unknown}: use tasks, xcom, state", qid
            )
            raise Invalid
        if "tasks" not in spec:
            self.issue(node, "'target' needs 'tasks': the state each task must end in", qid)
            raise Invalid
        tasks: list[tuple[str, str]] = []
        tasks_node = spec["tasks"][1]
        for task, (key_node, value_node) in self.mapping(tasks_node, "'target.tasks'", qid).items():
            state = self.scalar(value_node, qid)
            if not _TASK_LABEL.match(task) or state not in TASK_STATES:
                self.issue(
                    key_node,
                    f"target task '{task}': state must be one of {', '.join(TASK_STATES)}",
                    qid,
                )
                raise Invalid
            tasks.append((task, str(state)))
        if not tasks:
            self.issue(tasks_node, "'target.tasks' must name at least one task", qid)
            raise Invalid
        xcom: list[tuple[str, object]] = []
        if "xcom" in spec:
            for task, (_k, value_node) in self.mapping(
                spec["xcom"][1], "'target.xcom'", qid
            ).items():
                xcom.append((task, _plain_data(self, value_node, qid)))
        state = None
        if "state" in spec:
            state = self.scalar(spec["state"][1], qid)
            if state not in ("success", "failed"):
                self.issue(spec["state"][1], "'target.state' must be success or failed", qid)
                raise Invalid
        return DebugTarget(tuple(tasks), tuple(xcom), state)

    def check_kind(
        self,
        kind: str,
        values: dict[str, Any],
        fields: dict[str, tuple[Node, Node]],
        owner: Node,
        qid: str,
        failed: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether the question has the fields its kind needs and none it cannot use
        (``failed``: fields whose own error is already reported, not reported again)."""
        ok = True

        def refuse(key: str, why: str) -> None:
            nonlocal ok
            if key in failed:
                ok = False
                return
            self.issue(fields[key][1] if key in fields else owner, why, qid)
            ok = False

        for key in SQL_FIELDS:
            if key in fields and kind != "sql":
                refuse(key, f"'{key}' is only for kind: sql")
        if "target" in fields and kind != "debug":
            refuse("target", "'target' is only for kind: debug")
        if "dag" in fields and kind not in ("predict", "debug"):
            refuse("dag", "'dag' is only for kind: predict or kind: debug")
        if "ask" in fields and kind not in ASKS_BY_KIND:
            refuse("ask", f"'ask' is not used by kind: {kind}")
        elif kind in ASKS_BY_KIND and values.get("ask") not in ASKS_BY_KIND[kind]:
            refuse("ask", f"ask must be one of {', '.join(ASKS_BY_KIND[kind])} for kind: {kind}")
        if kind == "sql" and values.get("sql") is None and "tables" not in fields:
            refuse("tables", "a sql question needs 'tables' and 'reference'")
        if kind in ("predict", "debug") and not values.get("dag"):
            refuse("dag", f"a {kind} question needs 'dag': the DAG source to run")
        if kind == "debug" and values.get("target") is None and "target" not in fields:
            refuse("target", "a debug question needs 'target': the outcome the fixed DAG reaches")
        if kind == "text":
            if "key_points" not in fields:
                refuse("key_points", "missing required field 'key_points'")
            elif not values.get("key_points"):
                refuse("key_points", "key_points must not be empty")
        return ok


def _plain_data(reader: DrillFields, node: Node, qid: str) -> object:
    """A YAML value as plain JSON-like data (lists, mappings, scalars)."""
    reader.check_tag(node, qid)
    if isinstance(node, SequenceNode):
        return [_plain_data(reader, item, qid) for item in node.value]
    if isinstance(node, MappingNode):
        return {str(k.value): _plain_data(reader, v, qid) for k, v in node.value}
    return reader.scalar(node, qid)
