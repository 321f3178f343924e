"""``AssetAlias`` outlets: the task names its assets as it runs."""

from datetime import UTC, datetime

from airflow.sdk import DAG, Asset, AssetAlias, Metadata, task

START = datetime(2024, 1, 1, tzinfo=UTC)
ALIAS = AssetAlias("daily-exports")

with DAG(dag_id="alias_producer", start_date=START, schedule=None):

    @task(outlets=[ALIAS])
    def export(*, outlet_events):
        outlet_events[ALIAS].add(Asset("s3://bucket/orders.csv"), extra={"rows": 3})
        outlet_events[ALIAS].add(Asset("s3://bucket/users.csv"))
        outlet_events[ALIAS].add(Asset("s3://bucket/orders.csv"), extra={"rows": 3})
        return "exported"

    @task(outlets=[ALIAS, Asset("plain")])
    def export_metadata():
        yield Metadata(Asset("s3://bucket/items.csv"), {"rows": 7}, alias=ALIAS)
        return "meta"

    @task(outlets=[ALIAS])
    def adds_nothing():
        return "none"

    @task(outlets=[ALIAS])
    def fails(*, outlet_events):
        outlet_events[ALIAS].add(Asset("s3://bucket/never.csv"))
        raise ValueError("no event")

    @task(inlets=[ALIAS])
    def read(*, inlet_events):
        return sorted(e.asset.uri for e in inlet_events[ALIAS])

    m = export_metadata()
    export() >> m >> adds_nothing() >> fails()
    m >> read()

with DAG(dag_id="alias_scheduled", start_date=START, schedule=ALIAS):

    @task
    def consume():
        return "consumed"

    consume()
