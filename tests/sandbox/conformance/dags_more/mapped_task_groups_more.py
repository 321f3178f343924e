"""Mapped task groups: a failed input, an empty input, a task not using the argument, rules after."""

from datetime import UTC, datetime

from airflow.sdk import DAG, task, task_group

START = datetime(2024, 1, 1, tzinfo=UTC)

with DAG(dag_id="mgm_failed_input", start_date=START, schedule=None):

    @task
    def listing():
        raise ValueError("cannot list")

    @task_group
    def each(item):
        @task
        def work(item):
            return item

        return work(item)

    @task(trigger_rule="all_done")
    def after(values):
        return values

    after(each.expand(item=listing()))

with DAG(dag_id="mgm_empty", start_date=START, schedule=None):

    @task
    def nothing():
        return []

    @task_group
    def each2(item):
        @task
        def work2(item):
            return item

        return work2(item)

    @task(trigger_rule="none_failed")
    def done(values):
        return list(values)

    done(each2.expand(item=nothing()))

with DAG(dag_id="mgm_rules_after", start_date=START, schedule=None):

    @task_group
    def region(name):
        @task
        def fetch(name):
            if name == "eu":
                raise ValueError("eu down")
            return name

        @task
        def static():
            return "same for all"

        @task
        def publish(value):
            return f"published {value}"

        published = publish(fetch(name))
        static() >> published
        return published

    @task(trigger_rule="one_failed")
    def alert():
        return "alert"

    @task
    def strict():
        return "strict"

    out = region.expand(name=["us", "eu", "ap"])
    out >> [alert(), strict()]
