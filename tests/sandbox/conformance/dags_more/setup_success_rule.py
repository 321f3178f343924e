"""all_done_setup_success on work tasks and teardowns behind a failed setup."""

from datetime import UTC, datetime

from airflow.sdk import DAG, setup, task, teardown

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="sss_work_behind_failed_setup", start_date=START, schedule=None):

    @setup
    def create():
        raise RuntimeError("no cluster")

    @task
    def plain():
        return "plain"

    @task(trigger_rule="all_done_setup_success")
    def job():
        return "job"

    @teardown
    def delete():
        return "deleted"

    c = create()
    p = plain()
    j = job()
    d = delete()
    c >> p >> j >> d
    c >> d

with DAG(dag_id="sss_two_setups_one_fails", start_date=START, schedule=None):

    @setup
    def s_ok():
        return 1

    @setup
    def s_bad():
        raise ValueError("bad")

    @task(trigger_rule="all_done_setup_success")
    def work():
        return "w"

    @task
    def later():
        return "l"

    @task
    def first():
        return "f"

    @teardown
    def clean():
        return "c"

    ok, bad = s_ok(), s_bad()
    f = first()
    w = work()
    cl = clean()
    [ok, bad] >> f >> w >> later() >> cl
    [ok, bad] >> cl

with DAG(dag_id="sss_no_setup_upstream", start_date=START, schedule=None):

    @task
    def fails():
        raise ValueError("x")

    @task(trigger_rule="all_done_setup_success")
    def cleanup_like():
        return "ran"

    fails() >> cleanup_like()
