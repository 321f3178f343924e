"""A daily schedule: ds, ds_nodash, data interval, macros.ds_add in templates and the context."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG, task


def show(ds, **context):
    return {
        "ds": ds,
        "start": context["data_interval_start"].isoformat(),
        "end": context["data_interval_end"].isoformat(),
        "ts": context["ts"],
        "run_id": context["dag_run"].run_id,
    }


with DAG(
    dag_id="more_template_daily",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="@daily",
    catchup=False,
):
    bash = BashOperator(task_id="bash", bash_command="echo {{ ds }} {{ ds_nodash }}")
    py = PythonOperator(task_id="py", python_callable=show)
    tmpl = PythonOperator(
        task_id="tmpl",
        python_callable=lambda a, b: f"{a}|{b}",
        op_args=["{{ macros.ds_add(ds, -1) }}", "{{ data_interval_end | ds }}"],
    )

    @task
    def flow(when="{{ ds }}", start="{{ data_interval_start }}"):
        return [when, start]

    bash >> py >> tmpl >> flow()
