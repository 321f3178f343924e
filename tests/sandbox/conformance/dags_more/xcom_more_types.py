"""More return value types: bytes, Decimal, UUID, timedelta, date, set, frozenset, a generator, an Enum."""

import enum
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from airflow.sdk import DAG, task


class Color(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


with DAG(
    dag_id="more_xcom_more_types2", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None
):

    @task
    def as_bytes():
        return b"raw"

    @task
    def as_decimal():
        return Decimal("1.50")

    @task
    def as_uuid():
        return uuid.UUID("12345678-1234-5678-1234-567812345678")

    @task
    def as_timedelta():
        return timedelta(minutes=5)

    @task
    def as_date():
        return date(2024, 2, 29)

    @task
    def as_set():
        return {3, 1, 2}

    @task
    def as_generator():
        return (i for i in range(3))

    @task
    def as_enum():
        return Color.RED

    @task
    def as_int_enum():
        return Level.HIGH

    @task
    def as_tuple_keys():
        return {(1, 2): "tuple key"}

    for t in (
        as_bytes,
        as_decimal,
        as_uuid,
        as_timedelta,
        as_date,
        as_set,
        as_generator,
        as_enum,
        as_int_enum,
        as_tuple_keys,
    ):
        t()
