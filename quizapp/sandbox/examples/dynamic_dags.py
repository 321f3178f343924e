"""Placeholder for the dynamic_dags example: the sandbox work replaces this file."""
