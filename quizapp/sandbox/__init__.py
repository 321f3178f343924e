"""A small Airflow-compatible DAG engine for running examples (pure Python)."""
