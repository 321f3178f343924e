"""Placeholder for the xcom example: the sandbox work replaces this file."""
