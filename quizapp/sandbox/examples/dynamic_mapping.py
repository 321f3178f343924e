"""Dynamic task mapping: one task instance per file, decided when the DAG runs.

Run it:  quizapp sandbox run dynamic_mapping

``count_rows.expand(path=list_files())`` creates ``count_rows[0]``, ``count_rows[1]``...
one per element of list_files' return value. ``.partial()`` fixes the arguments that
are the same for every element. The reduce task receives every element's return
value as a list. Here one file is corrupt: its instance fails; ``total`` uses
``trigger_rule="all_done"`` so it still adds up the others, while ``publish``
(all_success) does not run.
"""

from datetime import datetime

from airflow.sdk import DAG, task

with DAG(
    dag_id="dynamic_mapping",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:

    @task
    def list_files():
        return ["jan.csv", "feb.csv", "corrupt.csv", "mar.csv"]

    @task
    def count_rows(path, header_lines):
        if path.startswith("corrupt"):
            raise ValueError(f"{path}: cannot parse line 1")
        return len(path) * 10 - header_lines  # pretend we counted

    @task(trigger_rule="all_done")
    def total(counts):
        counts = list(counts)  # only the elements that succeeded pushed a value
        print(f"counted {len(counts)} files: {counts}")
        return sum(counts)

    @task
    def publish(counts):
        return sum(counts)

    counts = count_rows.partial(header_lines=1).expand(path=list_files())
    total(counts)
    publish(counts)

# What the run shows:
# => count_rows[0]: success (try 1)
# => count_rows[2]: failed (try 1)
# => count_rows[3]: success (try 1)
# => total: success (try 1)
# => publish: upstream_failed (try 0)
# The run fails: the leaf publish ended upstream_failed.
# => run: failed
