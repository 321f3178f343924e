"""When the next try starts: Airflow's ``next_retry_datetime``, and a sensor's next poke."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

#: Airflow's cap on one retry delay (a day).
MAX_RETRY_DELAY = 24 * 60 * 60


def retry_delay(task: Any, dag_id: str, logical_date: datetime, try_number: int) -> timedelta:
    """The wait after ``try_number`` failed.

    Without backoff: ``retry_delay``. With ``retry_exponential_backoff`` (True means a
    multiplier of 2): ``ceil(retry_delay * multiplier ** (try_number - 1))`` seconds
    (at least 1) plus a deterministic jitter of up to as much again, taken from a hash
    of dag id, task id, logical date and try number; capped at a day and at
    ``max_retry_delay``.
    """
    delay: timedelta = task.retry_delay
    multiplier = float(task.retry_exponential_backoff or 0) or 1.0
    if multiplier == 1.0 or multiplier <= 0:
        return delay
    try:
        min_backoff = math.ceil(delay.total_seconds() * (multiplier ** (try_number - 1)))
    except OverflowError:
        min_backoff = MAX_RETRY_DELAY
    min_backoff = max(min_backoff, 1)
    key = f"{dag_id}#{task.task_id}#{logical_date.isoformat()}#{try_number}"
    import hashlib  # here: only retries with exponential backoff need it

    ti_hash = int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest(), 16)
    wait = timedelta(seconds=min(min_backoff + ti_hash % min_backoff, MAX_RETRY_DELAY))
    if task.max_retry_delay:
        wait = min(task.max_retry_delay, wait)
    return wait


def next_poke_interval(
    sensor: Any, dag_id: str, started_at: datetime, run_duration: float, poke_count: int
) -> float:
    """Seconds until the next poke (``exponential_backoff`` as Airflow's sensors do it)."""
    if not sensor.exponential_backoff:
        return float(sensor.poke_interval)
    min_backoff = max(int(sensor.poke_interval * (2 ** (poke_count - 2))), 1)
    key = f"{dag_id}#{sensor.task_id}#{started_at.isoformat()}#{poke_count}"
    import hashlib

    run_hash = int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest(), 16)
    interval = min(sensor.timeout - int(run_duration), min_backoff + run_hash % min_backoff)
    if sensor.max_wait:
        interval = min(sensor.max_wait, interval)
    return float(max(interval, 0))
