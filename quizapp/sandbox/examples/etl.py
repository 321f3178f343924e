"""ETL: extract -> transform -> load into SQLite, then check what landed.

Run it:  quizapp sandbox run etl

``extract`` makes the raw rows (a real DAG would call an API or read files),
``transform`` cleans them (drops rows without an amount, normalises currencies),
``load`` writes them to a SQLite file in a fresh temporary folder, and ``verify``
reads the table back and deletes the folder. Tasks pass only small values through
XCom (the rows here are tiny; real pipelines pass paths or table names).
"""

import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from airflow.sdk import DAG, task

RATES = {"EUR": 1.0, "USD": 0.9, "GBP": 1.15}

with DAG(
    dag_id="etl",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:

    @task
    def extract():
        return [
            {"id": 1, "amount": "10.50", "currency": "EUR"},
            {"id": 2, "amount": "20", "currency": "USD"},
            {"id": 3, "amount": None, "currency": "EUR"},  # bad row: no amount
            {"id": 4, "amount": "7.25", "currency": "GBP"},
        ]

    @task
    def transform(rows):
        clean = [
            {"id": r["id"], "amount_eur": round(float(r["amount"]) * RATES[r["currency"]], 2)}
            for r in rows
            if r["amount"] is not None
        ]
        print(f"kept {len(clean)} of {len(rows)} rows")
        return clean

    @task
    def load(rows):
        folder = Path(tempfile.mkdtemp(prefix="quizapp-etl-"))
        db = folder / "warehouse.db"
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE payments (id INTEGER PRIMARY KEY, amount_eur REAL)")
            conn.executemany("INSERT INTO payments VALUES (:id, :amount_eur)", rows)
        conn.close()
        return str(db)

    @task
    def verify(db_path):
        conn = sqlite3.connect(db_path)
        try:
            count, total = conn.execute("SELECT COUNT(*), SUM(amount_eur) FROM payments").fetchone()
        finally:
            conn.close()
        shutil.rmtree(Path(db_path).parent)
        print(f"{count} rows, {total} EUR in total")
        return {"rows": count, "total_eur": total}

    verify(load(transform(extract())))

# What the run shows: verify's XCom is {"rows": 3, "total_eur": 36.84}.
# => extract: success (try 1)
# => transform: success (try 1)
# => load: success (try 1)
# => verify: success (try 1)
# => run: success
