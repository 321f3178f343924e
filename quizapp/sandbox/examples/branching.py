"""Placeholder for the branching example: the sandbox work replaces this file."""
