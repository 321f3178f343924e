"""Two DAGs in one file from one @dag function called twice with different ids and arguments."""

from datetime import UTC, datetime

from airflow.sdk import dag, task


def build(dag_id, fail):
    @dag(dag_id=dag_id, start_date=datetime(2024, 1, 1, tzinfo=UTC), schedule=None)
    def pipeline():
        @task
        def step():
            if fail:
                raise ValueError(dag_id)
            return dag_id

        @task(trigger_rule="all_done")
        def final():
            return "final"

        step() >> final()

    return pipeline()


ok_dag = build("more_two_dags_ok", False)
bad_dag = build("more_two_dags_bad", True)
