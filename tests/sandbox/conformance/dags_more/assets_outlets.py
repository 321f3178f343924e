"""Tasks with outlets: which asset events a run creates, with their extra."""

from datetime import UTC, datetime

from airflow.sdk import DAG, Asset, Metadata, task

ORDERS = Asset("s3://lake/orders.parquet")
CUSTOMERS = Asset(name="customers", uri="s3://lake/customers.parquet")
REPORT = Asset("report")

with DAG(dag_id="as_producer", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @task(outlets=[ORDERS])
    def write_orders(outlet_events=None):
        outlet_events[ORDERS].extra = {"rows": 120}
        return "orders"

    @task(outlets=[CUSTOMERS])
    def write_customers():
        yield Metadata(CUSTOMERS, {"rows": 7, "source": "crm"})
        return "customers"

    @task(outlets=[REPORT])
    def broken():
        raise ValueError("no report")

    @task(outlets=[REPORT], trigger_rule="all_done")
    def after_broken(outlet_events=None):
        outlet_events[REPORT].extra["note"] = "late"
        return [ORDERS.name, ORDERS.uri, CUSTOMERS.name, CUSTOMERS.group]

    write_orders()
    write_customers()
    broken() >> after_broken()

with DAG(
    dag_id="as_consumer_all",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=[ORDERS, CUSTOMERS],
):

    @task
    def combine(triggering_asset_events=None):
        return sorted(a.uri for a in triggering_asset_events)

    combine()

with DAG(
    dag_id="as_consumer_any",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule=(ORDERS | REPORT),
):

    @task(inlets=[ORDERS])
    def read(inlet_events=None):
        events = inlet_events[ORDERS]
        return events[-1].extra if events else None

    read()
