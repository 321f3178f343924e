"""Context names in templates on a daily schedule: run_id, ti, task, dag, filters and macros."""

from datetime import UTC, datetime

from airflow.providers.standard.operators.python import PythonOperator
from airflow.sdk import DAG

FIELDS = {
    "run_id": "{{ run_id }}",
    "ts_nodash": "{{ ts_nodash }}",
    "ts_nodash_with_tz": "{{ ts_nodash_with_tz }}",
    "task": "{{ task.task_id }}/{{ ti.task_id }}/{{ ti.try_number }}",
    "dag": "{{ dag.dag_id }}",
    "key": "{{ task_instance_key_str }}",
    "ld_ds": "{{ logical_date | ds }}",
    "start_ts": "{{ data_interval_start | ts }}",
    "end_nodash": "{{ data_interval_end | ds_nodash }}",
    "fmt": "{{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}",
    "plus": "{{ (logical_date + macros.timedelta(days=3)).strftime('%Y-%m-%d') }}",
    "conf": "{{ dag_run.conf.get('x', 'none') }}",
    "run_type": "{{ dag_run.run_type }}",
}

with DAG(
    dag_id="more_template_context_names",
    start_date=datetime(2024, 1, 1, tzinfo=UTC),
    schedule="@daily",
):
    PythonOperator(task_id="render", python_callable=lambda fields: fields, op_args=[FIELDS])
