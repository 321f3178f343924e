"""The DAG as a grid, as Airflow's Grid view draws it: one row per task, state colours.

Rows come in topological order, indented by depth (the longest path from a
root), with each task's upstream tasks beside it, so the shape reads at a
glance; mapped elements (``parse[1]``) sit under their task.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable

from quizapp.tui.widgets.dag_states import state_chip

CHIP_WIDTH = 19


def depths(upstream: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Each task's depth: 0 for a root, else one more than its deepest upstream task."""
    result: dict[str, int] = {}
    visiting: set[str] = set()

    def depth(task: str) -> int:
        if task in result:
            return result[task]
        if task in visiting:  # a cycle: the engine refuses it; never loop here
            return 0
        visiting.add(task)
        ups = [u for u in upstream.get(task, ()) if u in upstream]
        result[task] = 1 + max((depth(u) for u in ups), default=-1)
        visiting.discard(task)
        return result[task]

    for task in upstream:
        depth(task)
    return result


def topological(upstream: Mapping[str, Iterable[str]]) -> list[str]:
    """Tasks by depth, keeping the DAG's own order within a depth."""
    level = depths(upstream)
    order = {task: index for index, task in enumerate(upstream)}
    return sorted(upstream, key=lambda t: (level[t], order[t]))


@dataclass
class TaskRow:
    """What the grid shows for one task instance."""

    label: str
    task_id: str
    depth: int
    upstream: tuple[str, ...]
    state: str | None = None
    try_number: int = 0


class DagGrid(DataTable[Text]):
    """The task instances of a run, coloured by state as the events arrive."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.rows_by_label: dict[str, TaskRow] = {}
        self.roles: dict[str, str] = {}
        """``task_id -> "setup" | "teardown"``, marked after the task's name."""

    def on_mount(self) -> None:
        self.add_column("task", key="task")
        self.add_column("state", key="state", width=CHIP_WIDTH)
        self.add_column("try", key="try", width=3)
        self.add_column("upstream", key="upstream")

    def set_shape(
        self, upstream: Mapping[str, Iterable[str]], roles: Mapping[str, str] | None = None
    ) -> None:
        """Lay out a new DAG: every task not yet run (``roles``: setup / teardown tasks)."""
        level = depths(upstream)
        self.roles = dict(roles or {})
        self.rows_by_label = {
            task: TaskRow(task, task, level[task], tuple(sorted(upstream[task])))
            for task in topological(upstream)
        }
        self._rebuild()

    def _rebuild(self) -> None:
        selected = self.selected_label
        self.clear()
        for row in self.rows_by_label.values():
            self.add_row(*self._cells(row), key=row.label)
        if selected in self.rows_by_label:
            self.move_cursor(row=list(self.rows_by_label).index(selected))

    def _cells(self, row: TaskRow) -> tuple[Text, ...]:
        indent = "  " * row.depth
        name = Text(indent + row.label)
        role = self.roles.get(row.label)
        if role:
            name.append(f" ({role})", style="dim italic")
        return (
            name,
            state_chip(row.state, CHIP_WIDTH),
            Text(str(row.try_number) if row.try_number else ""),
            Text(", ".join(row.upstream), style="dim"),
        )

    def set_state(self, task_id: str, map_index: int, state: str | None, try_number: int) -> None:
        """Show a task instance's new state (a mapped element gets its own row)."""
        label = task_id if map_index < 0 else f"{task_id}[{map_index}]"
        row = self.rows_by_label.get(label)
        if row is None:
            parent = self.rows_by_label.get(task_id)
            row = TaskRow(
                label,
                task_id,
                (parent.depth + 1) if parent else 0,
                (task_id,) if parent else (),
            )
            self._insert_after_siblings(row)
        row.state = state
        row.try_number = try_number
        self.update_cell(label, "state", state_chip(state, CHIP_WIDTH))
        self.update_cell(label, "try", Text(str(try_number) if try_number else ""))
        if map_index >= 0 and task_id in self.rows_by_label:
            self._summarise_mapped(task_id)

    def _summarise_mapped(self, task_id: str) -> None:
        """The mapped task's own row counts its elements: ``mapped ×4``."""
        count = sum(
            1 for r in self.rows_by_label.values() if r.task_id == task_id and r.label != task_id
        )
        self.update_cell(task_id, "state", Text(f" mapped ×{count}".ljust(CHIP_WIDTH), "dim"))

    def _insert_after_siblings(self, row: TaskRow) -> None:
        items = list(self.rows_by_label.items())
        position = len(items)
        for index, (label, other) in enumerate(items):
            if label == row.task_id or other.task_id == row.task_id:
                position = index + 1
        items.insert(position, (row.label, row))
        self.rows_by_label = dict(items)
        self._rebuild()

    @property
    def selected_label(self) -> str | None:
        """The task instance under the cursor."""
        if not self.row_count:
            return None
        value = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return value
