"""Placeholder for the dependencies example: the sandbox work replaces this file."""
