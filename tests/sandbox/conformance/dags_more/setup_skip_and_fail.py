"""Two setups in the same round, one skipped and one failed, before a work task."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown
from airflow.sdk.exceptions import AirflowSkipException

with DAG(dag_id="ssf_setups_skip_fail", start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None):

    @setup
    def optional_cache():
        raise AirflowSkipException("no cache today")

    @setup
    def database():
        raise RuntimeError("cannot connect")

    @task
    def work():
        return "w"

    @task(trigger_rule="all_done_setup_success")
    def summarize():
        return "s"

    @teardown
    def close():
        return "closed"

    cache, db = optional_cache(), database()
    w = work()
    s = summarize()
    c = close()
    [cache, db] >> w >> s >> c
    [cache, db] >> c
