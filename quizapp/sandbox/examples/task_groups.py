"""Placeholder for the task_groups example: the sandbox work replaces this file."""
