"""The domain's plain data: questions, banks, load problems and grades.

Everything here is a frozen dataclass with no behaviour beyond small derived
properties, so the rest of the core can pass these values around freely and
tests can build them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
Kind = Literal["text", "predict", "sql", "debug"]
Strictness = Literal["lenient", "normal", "strict"]
Verdict = Literal["correct", "partial", "incorrect"]
Severity = Literal["error", "warning"]

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
KINDS: tuple[str, ...] = ("text", "predict", "sql", "debug")
DRILL_KINDS: tuple[str, ...] = ("sql", "debug")
"""Kinds graded by running what the learner writes (a query, a fixed DAG file)."""
STRICTNESS: tuple[str, ...] = ("lenient", "normal", "strict")
PREDICT_ASKS: tuple[str, ...] = ("state", "try_number")


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One fact the grader listens for, with other ways of saying it."""

    text: str
    aliases: tuple[str, ...] = ()
    weight: float = 1.0
    line: int = 0
    part: str = ""
    """The part of a several-part prompt the point answers ("when Celery"); "" for none."""

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The point's text followed by its aliases."""
        return (self.text, *self.aliases)


@dataclass(frozen=True, slots=True)
class SqlTable:
    """A fixture table of a SQL drill: inline rows, or a CSV file beside the bank."""

    name: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()
    csv: str | None = None  # an absolute path, resolved when the bank loads

    def to_json(self) -> dict[str, object]:
        """As `bank list --json` gives it (dates as ISO text)."""
        return {
            "name": self.name,
            "columns": list(self.columns),
            "rows": [[_plain(v) for v in row] for row in self.rows],
            "csv": self.csv,
        }


def _plain(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


@dataclass(frozen=True, slots=True)
class SqlDrill:
    """What a ``kind: sql`` question runs: fixture tables and the reference query.

    ``ask`` is ``query`` (write a query) or ``rows`` (predict the rows the
    reference query returns). Results compare as a multiset of rows unless
    ``ordered``; column names count only when ``check_columns``.
    """

    tables: tuple[SqlTable, ...]
    reference: str
    ordered: bool = False
    check_columns: bool = False
    starter: str = ""


@dataclass(frozen=True, slots=True)
class DebugTarget:
    """The outcome a fixed ``kind: debug`` DAG must reach: task states, XComs, the run's state."""

    tasks: tuple[tuple[str, str], ...]
    xcom: tuple[tuple[str, object], ...] = ()
    state: str | None = None


@dataclass(frozen=True, slots=True)
class Misconception:
    """A wrong claim candidates really make, and what is true instead.

    An answer that makes the claim (its text or an alias) is never
    ``correct``; it is ``incorrect`` when the claim is ``core`` (it gets the
    question's central fact wrong) or when the rest of the answer earns less
    than half the key points' weight.
    """

    text: str
    correction: str
    aliases: tuple[str, ...] = ()
    core: bool = False
    line: int = 0

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The claim's text followed by its aliases."""
        return (self.text, *self.aliases)

    def to_json(self) -> dict[str, object]:
        """The misconception as the bank list and grade JSON give it."""
        return {
            "text": self.text,
            "aliases": list(self.aliases),
            "correction": self.correction,
            "core": self.core,
        }


@dataclass(frozen=True, slots=True)
class Question:
    """A question of a bank, as validated from YAML.

    ``kind: predict`` questions carry a ``dag`` (Airflow-syntax source) and
    ask the learner for each task's final ``state`` or ``try_number``; the
    sandbox computes the expected answer.
    """

    id: str
    bank: str
    prompt: str
    answer: str
    key_points: tuple[KeyPoint, ...] = ()
    kind: str = "text"
    difficulty: str = "medium"
    tags: tuple[str, ...] = ()
    sandbox: str | None = None
    note: str | None = None
    source: str | None = None
    grading: str = "normal"
    dag: str | None = None
    ask: str = "state"
    misconceptions: tuple[Misconception, ...] = ()
    sql: SqlDrill | None = None
    target: DebugTarget | None = None
    hint: str | None = None
    file: str = ""
    line: int = 0

    @property
    def location(self) -> str:
        """``file:line`` of the question in its bank."""
        return f"{self.file}:{self.line}"

    def to_json(self) -> dict[str, object]:
        """The question as `quizapp bank list --json` prints it."""
        return {
            "id": self.id,
            "bank": self.bank,
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": self.answer,
            "key_points": [
                {
                    "text": p.text,
                    "aliases": list(p.aliases),
                    "weight": p.weight,
                    "part": p.part or None,
                }
                for p in self.key_points
            ],
            "difficulty": self.difficulty,
            "tags": list(self.tags),
            "sandbox": self.sandbox,
            "source": self.source,
            "note": self.note,
            "grading": self.grading,
            "dag": self.dag,
            "ask": self.ask if self.kind in ("predict", "sql") else None,
            "sql": (
                {
                    "tables": [t.to_json() for t in self.sql.tables],
                    "reference": self.sql.reference,
                    "ordered": self.sql.ordered,
                    "check_columns": self.sql.check_columns,
                    "starter": self.sql.starter,
                }
                if self.sql
                else None
            ),
            "target": (
                {
                    "tasks": dict(self.target.tasks),
                    "xcom": dict(self.target.xcom),
                    "state": self.target.state,
                }
                if self.target
                else None
            ),
            "hint": self.hint,
            "misconceptions": [m.to_json() for m in self.misconceptions],
            "file": self.file,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class Bank:
    """One YAML file of questions: a topic."""

    id: str
    title: str
    path: str
    questions: tuple[Question, ...] = ()
    description: str | None = None


@dataclass(frozen=True, slots=True)
class BankIssue:
    """A problem found while loading or linting a bank, with its place."""

    path: str
    line: int
    message: str
    question_id: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"question '{self.question_id}': " if self.question_id else ""
        return f"{self.path}:{self.line}: {where}{self.message}"


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every bank that loaded, and what could not be loaded.

    A bank with a broken question keeps its good questions; a file that is
    not YAML at all contributes nothing but its error.
    """

    banks: tuple[Bank, ...] = ()
    errors: tuple[BankIssue, ...] = ()
    _index: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self._index:
            for bank in self.banks:
                for question in bank.questions:
                    self._index.setdefault(question.id, question)

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions, bank by bank, in file order."""
        return tuple(q for bank in self.banks for q in bank.questions)

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None when no bank has it."""
        return self._index.get(question_id)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._index

    def __len__(self) -> int:
        return len(self._index)


@dataclass(frozen=True, slots=True)
class PointResult:
    """How one key point fared against an answer.

    ``span`` is a ``(start, end)`` character range in the learner's original
    answer text (so a UI can highlight it), or None when nothing matched.
    """

    point: KeyPoint
    hit: bool
    similarity: float
    span: tuple[int, int] | None = None
    matched_text: str = ""
    negated: bool = False


@dataclass(frozen=True, slots=True)
class MisconceptionHit:
    """A misconception an answer makes, and where (a span of the learner's text)."""

    misconception: Misconception
    span: tuple[int, int] | None = None
    matched_text: str = ""

    def to_json(self) -> dict[str, object]:
        """As the grade JSON lists it: the claim, its correction and where it was said."""
        return {
            "text": self.misconception.text,
            "correction": self.misconception.correction,
            "core": self.misconception.core,
            "span": list(self.span) if self.span else None,
            "matched_text": self.matched_text,
        }


@dataclass(frozen=True, slots=True)
class Grade:
    """The verdict on one free-text answer, with its explanation.

    ``misconceptions`` are the wrong claims the answer makes (each with its
    correction); an answer with any is never ``correct``. ``details`` are what a
    drill's grader adds to the grade JSON (``rows`` for SQL, ``tasks`` for a fixed DAG).
    """

    question_id: str
    score: float
    verdict: Verdict
    points: tuple[PointResult, ...] = ()
    reason: str | None = None
    misconceptions: tuple[MisconceptionHit, ...] = ()
    details: Mapping[str, object] | None = field(default=None, compare=False, hash=False)
    parts_left_out: tuple[str, ...] = ()
    """The prompt parts (key points' ``part`` labels) the answer does not address."""

    @property
    def matched(self) -> list[str]:
        """Texts of the key points that were hit."""
        return [p.point.text for p in self.points if p.hit]

    @property
    def missed(self) -> list[str]:
        """Texts of the key points that were missed."""
        return [p.point.text for p in self.points if not p.hit]

    def to_json(self) -> dict[str, object]:
        """The grade as DESIGN.md's command-line contract gives it."""
        return {
            "id": self.question_id,
            "score": round(self.score, 4),
            "verdict": self.verdict,
            "matched": self.matched,
            "missed": self.missed,
            "reason": self.reason,
            "misconceptions": [m.to_json() for m in self.misconceptions],
            "parts_left_out": list(self.parts_left_out),
            "points": [
                {
                    "text": p.point.text,
                    "part": p.point.part or None,
                    "hit": p.hit,
                    "similarity": round(p.similarity, 1),
                    "span": list(p.span) if p.span else None,
                    "matched_text": p.matched_text,
                    "negated": p.negated,
                }
                for p in self.points
            ],
            **(self.details or {}),
        }
