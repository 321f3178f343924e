"""Placeholder for the retries example: the sandbox work replaces this file."""
