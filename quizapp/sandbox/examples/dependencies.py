"""Dependencies: ``>>``, lists, ``set_upstream`` and ``chain``.

Run it:  quizapp sandbox run dependencies

Four ways to say "this runs after that". The log of each task prints the tasks it
waited for, so you can check the graph the scheduler saw.
"""

from datetime import datetime

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, chain


def report(ti):
    print(f"{ti.task_id} ran after: {sorted(ti.task.upstream_task_ids) or 'nothing'}")


def step(task_id):
    return PythonOperator(task_id=task_id, python_callable=report)


with DAG(
    dag_id="dependencies",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    catchup=False,
) as dag:
    start = EmptyOperator(task_id="start")
    extract_a, extract_b = step("extract_a"), step("extract_b")
    transform = step("transform")
    validate = step("validate")
    load = step("load")
    clean_a, clean_b = step("clean_a"), step("clean_b")
    publish, notify = step("publish"), step("notify")

    # 1. >> with a list: start fans out to both extracts, which fan in to transform.
    start >> [extract_a, extract_b] >> transform
    # 2. << reads right to left: validate runs after transform.
    validate << transform
    # 3. set_upstream / set_downstream are the method forms of << and >>.
    load.set_upstream(validate)
    # 4. chain(): adjacent lists of the same length pair up (clean_a >> publish,
    #    clean_b >> notify); a single task next to a list fans out.
    chain(load, [clean_a, clean_b], [publish, notify])

# What the run shows: every task succeeds on its first try, in dependency order.
# => start: success (try 1)
# => transform: success (try 1)
# => publish: success (try 1)
# => notify: success (try 1)
# => run: success
