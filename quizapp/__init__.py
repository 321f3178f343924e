"""quizapp: interview prep for Apache Airflow and data engineering, in the terminal."""

__version__ = "0.1.0"
