"""Trigger rules: Airflow's names, and one pure function deciding a task's fate.

``decide`` follows Airflow 3's ``TriggerRuleDep`` (``airflow-core/src/airflow/ti_deps/
deps/trigger_rule_dep.py``) with ``flag_upstream_failed`` on, as the scheduler runs it:
a rule is evaluated every time an upstream finishes, so some rules act *before* every
upstream is done (``all_success`` turns ``upstream_failed`` on the first failure,
``one_success`` runs on the first success, ``always`` runs at once).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from quizapp.sandbox.states import TaskInstanceState as TI


class TriggerRule(str, Enum):  # noqa: UP042 (Airflow's: str() is 'TriggerRule.ALL_SUCCESS')
    """Every trigger rule Airflow 3 has."""

    ALL_SUCCESS = "all_success"
    ALL_FAILED = "all_failed"
    ALL_DONE = "all_done"
    ALL_DONE_MIN_ONE_SUCCESS = "all_done_min_one_success"
    ALL_DONE_SETUP_SUCCESS = "all_done_setup_success"
    ONE_SUCCESS = "one_success"
    ONE_FAILED = "one_failed"
    ONE_DONE = "one_done"
    NONE_FAILED = "none_failed"
    NONE_FAILED_MIN_ONE_SUCCESS = "none_failed_min_one_success"
    NONE_SKIPPED = "none_skipped"
    ALL_SKIPPED = "all_skipped"
    ALWAYS = "always"

    @classmethod
    def is_valid(cls, rule: str) -> bool:
        """Whether ``rule`` names a trigger rule."""
        return rule in cls._value2member_map_


class Decision(StrEnum):
    """What the scheduler does with a task instance whose upstreams changed."""

    RUN = "run"
    WAIT = "wait"
    SKIP = "skip"
    UPSTREAM_FAILED = "upstream_failed"


@dataclass(frozen=True)
class UpstreamStates:
    """Counts of the finished upstream task instances (Airflow's ``_UpstreamTIStates``)."""

    success: int = 0
    skipped: int = 0
    failed: int = 0
    upstream_failed: int = 0
    removed: int = 0
    done: int = 0
    #: Of the counts above, those of setup tasks (``all_done_setup_success`` reads them).
    success_setup: int = 0
    skipped_setup: int = 0

    @classmethod
    def count(cls, states: Iterable[TI | None]) -> UpstreamStates:
        """Count upstream states; ``None`` (not finished) counts towards nothing."""
        return cls.from_tally(Counter(states))

    @classmethod
    def from_tally(cls, tally: Mapping[Any, int]) -> UpstreamStates:
        """From a ``{state: count}`` mapping of finished upstream instances.

        Setup upstreams are also counted under ``(SETUP, state)`` keys.
        """
        counts = {s: tally.get(s, 0) for s in _COUNTED}
        return cls(
            success=counts[TI.SUCCESS],
            skipped=counts[TI.SKIPPED],
            failed=counts[TI.FAILED],
            upstream_failed=counts[TI.UPSTREAM_FAILED],
            removed=counts[TI.REMOVED],
            done=sum(counts.values()),
            success_setup=tally.get(_SETUP_SUCCESS, 0),
            skipped_setup=tally.get(_SETUP_SKIPPED, 0),
        )


_COUNTED = (TI.SUCCESS, TI.SKIPPED, TI.FAILED, TI.UPSTREAM_FAILED, TI.REMOVED)
#: Tally key prefix of a setup upstream's state.
SETUP = "setup"
_SETUP_SUCCESS = (SETUP, TI.SUCCESS)
_SETUP_SKIPPED = (SETUP, TI.SKIPPED)


def decide(
    rule: TriggerRule | str, up: UpstreamStates, upstream: int, upstream_setup: int = 0
) -> Decision:
    """Decide a task instance's fate from its direct upstream counts.

    ``upstream`` is the number of upstream task instances (a mapped upstream counts
    each of its expanded instances), ``upstream_setup`` how many of them are setup
    tasks. A task without upstreams, or with the ``always`` rule, runs at once.
    ``all_done_setup_success`` (a teardown's rule) waits for every upstream, then runs
    if at least one direct setup succeeded: it is skipped when all of them were
    skipped and ``upstream_failed`` when none succeeded; without direct setups it acts
    as ``all_done``.
    """
    rule = TriggerRule(rule)
    if upstream == 0 or rule is TriggerRule.ALWAYS:
        return Decision.RUN
    if rule is TriggerRule.ALL_DONE_SETUP_SUCCESS:
        return _setup_success(up, upstream, upstream_setup)
    terminal = _terminal_state(rule, up, upstream)
    if terminal is not None:
        return terminal
    return Decision.RUN if _passes(rule, up, upstream) else Decision.WAIT


def _setup_success(up: UpstreamStates, upstream: int, upstream_setup: int) -> Decision:
    """``all_done_setup_success``, both branches of Airflow's check."""
    if up.done < upstream:
        return Decision.WAIT
    if upstream_setup and up.skipped_setup >= upstream_setup:
        return Decision.SKIP
    if upstream_setup and up.success_setup == 0:
        return Decision.UPSTREAM_FAILED
    return Decision.RUN


def _terminal_state(rule: TriggerRule, up: UpstreamStates, upstream: int) -> Decision | None:
    """The ``new_state`` branch of Airflow's rule check (``flag_upstream_failed``)."""
    failures = up.failed or up.upstream_failed
    upstream_done = up.done >= upstream
    skip, fail = Decision.SKIP, Decision.UPSTREAM_FAILED
    match rule:
        case TriggerRule.ALL_SUCCESS:
            return fail if failures else skip if up.skipped else None
        case TriggerRule.ALL_FAILED:
            return skip if (up.success or up.skipped) else None
        case TriggerRule.ONE_SUCCESS:
            if upstream_done and up.done == up.skipped:
                return skip
            return fail if upstream_done and up.success <= 0 else None
        case TriggerRule.ONE_FAILED:
            return skip if upstream_done and not failures else None
        case TriggerRule.ONE_DONE:
            return skip if upstream_done and not (up.failed or up.success) else None
        case TriggerRule.NONE_FAILED:
            return fail if failures else None
        case TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS:
            return fail if failures else skip if up.skipped == upstream else None
        case TriggerRule.NONE_SKIPPED:
            return skip if up.skipped else None
        case TriggerRule.ALL_SKIPPED:
            return skip if (up.success or failures) else None
        case TriggerRule.ALL_DONE_MIN_ONE_SUCCESS:
            non_skipped_done = up.success + up.failed + up.upstream_failed + up.removed
            if up.skipped > 0:
                return skip
            return fail if non_skipped_done >= upstream - up.skipped and up.success == 0 else None
    return None


def _passes(rule: TriggerRule, up: UpstreamStates, upstream: int) -> bool:
    """The ``_failing_status`` branch: whether the rule lets the task run now."""
    upstream_done = up.done >= upstream
    match rule:
        case TriggerRule.ALL_SUCCESS:
            return upstream - up.success <= 0
        case TriggerRule.ALL_FAILED:
            return upstream - up.failed - up.upstream_failed <= 0
        case TriggerRule.ALL_DONE:
            return upstream_done
        case TriggerRule.ONE_SUCCESS:
            return up.success > 0
        case TriggerRule.ONE_FAILED:
            return bool(up.failed or up.upstream_failed)
        case TriggerRule.ONE_DONE:
            return up.success + up.failed > 0
        case TriggerRule.NONE_FAILED | TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS:
            return upstream - up.success - up.skipped <= 0
        case TriggerRule.NONE_SKIPPED:
            return upstream_done and up.skipped == 0
        case TriggerRule.ALL_SKIPPED:
            return upstream - up.skipped <= 0
        case TriggerRule.ALL_DONE_MIN_ONE_SUCCESS:
            non_skipped_done = up.success + up.failed + up.upstream_failed + up.removed
            return up.skipped == 0 and non_skipped_done >= upstream - up.skipped and up.success > 0
    return False
