"""Templates inside nested op_kwargs structures and in a BashOperator env; a non-templated field."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG

with DAG(
    dag_id="more_template_nested_args",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="@hourly",
):
    PythonOperator(
        task_id="nested",
        python_callable=lambda cfg, items: {"cfg": cfg, "items": items},
        op_kwargs={
            "cfg": {"day": "{{ ds }}", "hour": "{{ logical_date.hour }}", "n": 1},
            "items": ["{{ ds_nodash }}", ("{{ ts }}", 2)],
        },
    )
    BashOperator(task_id="env", bash_command="echo $DAY-$RAW", env={"DAY": "{{ ds }}", "RAW": "x"})
    PythonOperator(task_id="doc", python_callable=lambda: "{{ ds }}", doc_md="{{ ds }}")
