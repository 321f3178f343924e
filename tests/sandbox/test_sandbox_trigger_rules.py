"""Every trigger rule against mixed upstream outcomes, run end to end (table-driven).

Upstream outcomes: S success, F failed, K skipped (AirflowSkipException),
U upstream_failed (downstream of a failing helper). The expected states follow
Airflow 3's ``TriggerRuleDep`` with ``flag_upstream_failed``: a failure wins over a
skip for ``all_success``/``none_failed*``; ``all_done_min_one_success`` skips as
soon as any upstream is skipped (skipped upstreams are "not done" for it);
``one_done`` counts only success and failed (an upstream_failed or skipped upstream
alone gives ``skipped``). Rules are checked once per scheduling round: a U upstream
becomes ``upstream_failed`` a round after its helper fails, when the K upstream is
already seen skipped, so ``all_success`` over UK is ``skipped`` (as Airflow 3.3.2 gives
in the recorded ``rounds_uk`` case).
"""

from __future__ import annotations

import pytest

from quizapp.sandbox import (
    DAG,
    AirflowSkipException,
    EmptyOperator,
    PythonOperator,
    TriggerRule,
)
from quizapp.sandbox.trigger_rules import Decision, UpstreamStates, decide

COMBOS = ("SS", "SF", "SK", "KK", "FF", "SU", "FK", "UK")
# rule -> expected final state of the downstream task, one per combo above
TABLE: dict[str, tuple[str, ...]] = {
    "all_success": ("success", "upstream_failed", "skipped", "skipped", "upstream_failed",
                    "upstream_failed", "upstream_failed", "skipped"),
    "all_failed": ("skipped", "skipped", "skipped", "skipped", "success", "skipped", "skipped",
                   "skipped"),
    "all_done": ("success",) * 8,
    "all_done_min_one_success": ("success", "success", "skipped", "skipped", "upstream_failed",
                                 "success", "skipped", "skipped"),
    "one_success": ("success", "success", "success", "skipped", "upstream_failed", "success",
                    "upstream_failed", "upstream_failed"),
    "one_failed": ("skipped", "success", "skipped", "skipped", "success", "success", "success",
                   "success"),
    "one_done": ("success", "success", "success", "skipped", "success", "success", "success",
                 "skipped"),
    "none_failed": ("success", "upstream_failed", "success", "success", "upstream_failed",
                    "upstream_failed", "upstream_failed", "upstream_failed"),
    "none_failed_min_one_success": ("success", "upstream_failed", "success", "skipped",
                                    "upstream_failed", "upstream_failed", "upstream_failed",
                                    "upstream_failed"),
    "none_skipped": ("success", "success", "skipped", "skipped", "success", "success", "skipped",
                     "skipped"),
    "all_skipped": ("skipped", "skipped", "skipped", "success", "skipped", "skipped", "skipped",
                    "skipped"),
    "always": ("success",) * 8,
}  # fmt: skip


def _fail() -> None:
    raise ValueError("deliberate failure")


def _skip() -> None:
    raise AirflowSkipException("deliberate skip")


def _run(rule: str, combo: str) -> tuple[str | None, int]:
    with DAG(f"rule_{rule}_{combo}") as dag:
        target = EmptyOperator(task_id="target", trigger_rule=rule)
        for i, code in enumerate(combo):
            if code == "S":
                up = EmptyOperator(task_id=f"up{i}")
            elif code == "F":
                up = PythonOperator(task_id=f"up{i}", python_callable=_fail)
            elif code == "K":
                up = PythonOperator(task_id=f"up{i}", python_callable=_skip)
            else:
                helper = PythonOperator(task_id=f"helper{i}", python_callable=_fail)
                up = EmptyOperator(task_id=f"up{i}")
                helper >> up
            up >> target
    result = dag.test(logical_date="2024-01-15")
    return result.tasks["target"].state, result.tasks["target"].try_number


def test_table_covers_every_rule() -> None:
    assert set(TABLE) == {rule.value for rule in TriggerRule} - {"all_done_setup_success"}


@pytest.mark.parametrize(
    ("rule", "combo", "expected"),
    [(rule, combo, TABLE[rule][i]) for rule in TABLE for i, combo in enumerate(COMBOS)],
)
def test_rule_against_upstream_outcomes(rule: str, combo: str, expected: str) -> None:
    state, try_number = _run(rule, combo)
    assert state == expected
    assert try_number == (1 if expected == "success" else 0)


def test_all_done_setup_success_without_setup_tasks_acts_as_all_done() -> None:
    """Without a direct setup upstream Airflow's rule waits for every upstream to be done
    and then runs, exactly like all_done (with setups: test_sandbox_setup_teardown.py)."""
    for i, combo in enumerate(COMBOS):
        assert _run("all_done_setup_success", combo)[0] == TABLE["all_done"][i]


def test_always_runs_before_its_upstreams_finish() -> None:
    """Airflow's TriggerRuleDep passes ``always`` at once: the task does not wait.

    ``down`` is defined first, so the sequential executor runs it first."""
    with DAG("always_first") as dag:
        down = EmptyOperator(task_id="down", trigger_rule="always")
        up = EmptyOperator(task_id="up")
        up >> down
    events = [
        (e.kind, getattr(e, "task_id", "")) for e in dag.test(logical_date="2024-01-15").events
    ]
    assert events.index(("success", "down")) < events.index(("running", "up"))


def test_one_success_fires_on_the_first_success_while_others_wait() -> None:
    up = UpstreamStates.count(["success", None, None])  # type: ignore[list-item]
    assert decide(TriggerRule.ONE_SUCCESS, up, 3) is Decision.RUN
    assert decide(TriggerRule.ALL_SUCCESS, up, 3) is Decision.WAIT
    assert decide(TriggerRule.ALL_DONE, up, 3) is Decision.WAIT


def test_all_success_fails_early_on_the_first_failure() -> None:
    up = UpstreamStates.count(["failed", None])  # type: ignore[list-item]
    assert decide(TriggerRule.ALL_SUCCESS, up, 2) is Decision.UPSTREAM_FAILED
    assert decide(TriggerRule.ONE_FAILED, up, 2) is Decision.RUN


def test_no_upstreams_runs_whatever_the_rule() -> None:
    for rule in TriggerRule:
        assert decide(rule, UpstreamStates(), 0) is Decision.RUN
