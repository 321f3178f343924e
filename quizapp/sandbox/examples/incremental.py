"""Placeholder for the incremental example: the sandbox work replaces this file."""
