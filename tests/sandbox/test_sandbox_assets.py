"""Assets in one sandbox session: events, conditions and the runs they trigger.

What a producer's run creates (events, extra from ``outlet_events`` and ``Metadata``,
none for a failed task) and what ``inlet_events`` reads are pinned by the recorded
``as_*`` conformance cases. Airflow's ``dag.test()`` runs one DAG, so the triggered
runs here follow the scheduler's rules as read in Airflow's source (a consumer runs
when the assets queued since its last run satisfy its condition; a list is AssetAll).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.sandbox import Asset, AssetAll, AssetAny, SandboxError, assets
from quizapp.sandbox.report import format_result
from quizapp.sandbox.runfile import run_file

CHAIN = """\
from datetime import datetime
from airflow.sdk import DAG, Asset, task

RAW = Asset("s3://lake/raw")
CLEAN = Asset("s3://lake/clean")
OTHER = Asset("other")

with DAG("ingest", schedule=None, start_date=datetime(2024, 1, 1)):
    @task(outlets=[RAW])
    def land(outlet_events=None):
        outlet_events[RAW].extra = {"files": 3}
        return 3
    land()

with DAG("clean", schedule=[RAW], start_date=datetime(2024, 1, 1)):
    @task(outlets=[CLEAN])
    def tidy(triggering_asset_events=None):
        return [e.extra for e in triggering_asset_events[RAW]]
    tidy()

with DAG("report", schedule=RAW & CLEAN, start_date=datetime(2024, 1, 1)):
    @task
    def publish(triggering_asset_events=None):
        return sorted(a.uri for a in triggering_asset_events)
    publish()

with DAG("waits", schedule=[RAW, OTHER], start_date=datetime(2024, 1, 1)):
    @task
    def never():
        return "ran"
    never()

with DAG("either", schedule=(OTHER | CLEAN), start_date=datetime(2024, 1, 1)):
    @task
    def any_one():
        return "ran"
    any_one()
"""


@pytest.fixture(autouse=True)
def _fresh() -> None:
    assets.reset()


def _write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "chain.py"
    path.write_text(source, encoding="utf-8")
    return path


def test_an_asset_update_runs_the_dags_scheduled_on_it_down_the_chain(tmp_path: Path) -> None:
    results = run_file(_write(tmp_path, CHAIN), logical_date="2024-01-15")
    runs = {r.dag_id: r for r in results}
    assert [r.dag_id for r in results] == ["ingest", "clean", "report", "either"]
    assert "waits" not in runs  # AssetAll: 'other' was never updated
    assert runs["clean"].run_id.startswith("asset_triggered__2024-01-15T00:00:00+00:00_")
    assert runs["clean"].xcom["tidy"]["return_value"] == [{"files": 3}]
    assert runs["report"].xcom["publish"]["return_value"] == ["s3://lake/clean", "s3://lake/raw"]
    assert [e["source_dag_id"] for e in runs["report"].triggered_by] == ["ingest", "clean"]
    report = format_result(runs["clean"], logs=False)
    assert "triggered by asset events: s3://lake/raw (from ingest.land)" in report
    assert "asset updated: s3://lake/clean by tidy" in report


def test_picking_the_consumer_runs_it_by_hand(tmp_path: Path) -> None:
    [result] = run_file(_write(tmp_path, CHAIN), dag_id="waits", logical_date="2024-01-15")
    assert result.run_id == "manual__2024-01-15T00:00:00+00:00"
    assert result.triggered_by == []


def test_dags_that_trigger_each_other_forever_are_stopped(tmp_path: Path) -> None:
    loop = (
        "from datetime import datetime\n"
        "from airflow.sdk import DAG, Asset, task\n"
        "A, B = Asset('a'), Asset('b')\n"
        "with DAG('start', schedule=None, start_date=datetime(2024, 1, 1)):\n"
        "    task(outlets=[A])(lambda: 1).override(task_id='go')()\n"
        "with DAG('ping', schedule=[A], start_date=datetime(2024, 1, 1)):\n"
        "    task(outlets=[B])(lambda: 1).override(task_id='p')()\n"
        "with DAG('pong', schedule=[B], start_date=datetime(2024, 1, 1)):\n"
        "    task(outlets=[A])(lambda: 1).override(task_id='q')()\n"
    )
    with pytest.raises(SandboxError, match="would run forever"):
        run_file(_write(tmp_path, loop), logical_date="2024-01-15")


def test_conditions_and_names() -> None:
    a, b, c = Asset("a"), Asset(uri="s3://b"), Asset(name="c", uri="s3://c")
    assert (a.name, a.uri, b.name, c.uri, c.group) == ("a", "a", "s3://b", "s3://c", "asset")
    condition = a & (b | c)
    assert isinstance(condition, AssetAll) and isinstance(condition.objects[1], AssetAny)
    assert not condition.evaluate({a.key})
    assert condition.evaluate({a.key, c.key})
    assert Asset("a") == a and len({a, Asset("a")}) == 1
    with pytest.raises(TypeError, match="requires either 'name' or 'uri'"):
        Asset()


ALIASED = """\
from datetime import datetime
from airflow.sdk import DAG, Asset, AssetAlias, task

EXPORTS = AssetAlias("exports")
OTHER = AssetAlias("other")

with DAG("export", schedule=None, start_date=datetime(2024, 1, 1)):
    @task(outlets=[EXPORTS])
    def write(outlet_events=None):
        outlet_events[EXPORTS].add(Asset("s3://out/a.csv"), extra={"rows": 2})
        return 1
    write()

with DAG("on_alias", schedule=EXPORTS, start_date=datetime(2024, 1, 1)):
    @task
    def use(triggering_asset_events=None):
        return [(a.uri, [e.extra for e in evs]) for a, evs in triggering_asset_events.items()]
    use()

with DAG("on_other_alias", schedule=OTHER, start_date=datetime(2024, 1, 1)):
    @task
    def never():
        return "ran"
    never()
"""


def test_an_event_through_an_alias_runs_the_dags_scheduled_on_the_alias(tmp_path: Path) -> None:
    results = run_file(_write(tmp_path, ALIASED), logical_date="2024-01-15")
    # 'on_other_alias': no DAG of the file produces its alias, so it runs by hand.
    assert [r.dag_id for r in results] == ["export", "on_other_alias", "on_alias"]
    assert results[1].run_id.startswith("manual__")
    [event] = results[0].asset_events
    assert (event["uri"], event["extra"], event["source_aliases"]) == (
        "s3://out/a.csv",
        {"rows": 2},
        ["exports"],
    )
    assert results[2].run_id.startswith("asset_triggered__")
    assert results[2].xcom["use"]["return_value"] == [("s3://out/a.csv", [{"rows": 2}])]
