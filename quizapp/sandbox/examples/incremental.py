"""Incremental processing by logical date: a backfill over a week.

Run it:  quizapp sandbox run incremental

Each run processes only its own slice of data: the rows between
``data_interval_start`` and ``data_interval_end``. With ``catchup=True`` and an
``end_date``, the scheduler creates one run per day from ``start_date`` to
``end_date``, and the sandbox runs all seven (the same as
``quizapp sandbox run incremental --start 2024-01-08 --end 2024-01-14``).
Re-running a day replaces that day's slice, so runs are idempotent.

``CronDataIntervalTimetable`` gives each run a one-day interval. A plain
``schedule="@daily"`` in Airflow 3 is a CronTriggerTimetable whose data interval
has zero length (start == end): an incremental query over it selects nothing.
"""

from datetime import datetime

from airflow.sdk import DAG, CronDataIntervalTimetable, task

with DAG(
    dag_id="incremental",
    schedule=CronDataIntervalTimetable("@daily", timezone="UTC"),
    start_date=datetime(2024, 1, 8),
    end_date=datetime(2024, 1, 14),
    catchup=True,
) as dag:

    @task
    def extract(data_interval_start=None, data_interval_end=None):
        query = (
            "SELECT * FROM orders WHERE created_at >= "
            f"'{data_interval_start:%Y-%m-%d}' AND created_at < '{data_interval_end:%Y-%m-%d}'"
        )
        print(query)
        return data_interval_start.day * 10  # pretend: rows found that day

    @task
    def load(rows, ds=None):
        # Idempotent: replace the partition for this logical date.
        print(f"DELETE FROM daily_orders WHERE day = '{ds}'; INSERT {rows} rows")
        return {"day": ds, "rows": rows}

    load(extract())

# What the run shows: seven runs, 2024-01-08 ... 2024-01-14, each successful.
# => runs: 7
# => load: success (try 1)
# => run: success
