"""Dynamic DAG generation: one DAG per entry of a config, built in a loop.

Run it:  quizapp sandbox run dynamic_dags          (runs every DAG in the file)
         quizapp sandbox run dynamic_dags --dag-id ingest_orders

Airflow finds every DAG a file creates, so a loop over a config (a dict here; often
a YAML file or a database table) produces one DAG per source. Keep the config small
and static: the scheduler re-parses the file every few minutes.
"""

from datetime import datetime

from airflow.sdk import DAG, task

SOURCES = {
    "orders": {"table": "raw.orders", "schedule": "@hourly"},
    "customers": {"table": "raw.customers", "schedule": "@daily"},
    "payments": {"table": "raw.payments", "schedule": "@daily"},
}

for name, config in SOURCES.items():
    with DAG(
        dag_id=f"ingest_{name}",
        start_date=datetime(2024, 1, 1),
        schedule=config["schedule"],
        catchup=False,
        tags=["generated"],
    ) as dag:

        @task
        def extract(table=config["table"]):
            return f"SELECT * FROM {table}"

        @task
        def load(query):
            print(f"running: {query}")
            return query.split()[-1]

        load(extract())

    globals()[f"ingest_{name}"] = dag  # a module-level name, as Airflow 2 needed

# What the run shows: three DAGs, each with extract and load successful.
# => [ingest_orders] load: success (try 1)
# => [ingest_customers] load: success (try 1)
# => [ingest_payments] load: success (try 1)
# => run: success
