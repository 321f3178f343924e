"""Templates rendered per try: ti.try_number in a bash command that fails until the third try."""

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG


def show(templates_dict, **context):
    return templates_dict["day"] + "/" + context["params"]["suffix"]


with DAG(
    dag_id="more_template_try_number",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="@daily",
    params={"suffix": "x"},
):
    flaky = BashOperator(
        task_id="flaky",
        bash_command="echo try {{ ti.try_number }}; test {{ ti.try_number }} -ge 3",
        retries=3,
        retry_delay=timedelta(seconds=0),
    )
    td = PythonOperator(
        task_id="td",
        python_callable=show,
        templates_dict={"day": "{{ ds_nodash }}-{{ params.suffix }}"},
    )
    kw = PythonOperator(
        task_id="kw",
        python_callable=lambda when, n: f"{when}:{n}",
        op_kwargs={"when": "{{ data_interval_start.strftime('%Y%m%d') }}", "n": 3},
    )
    flaky >> td >> kw
