"""Placeholder for the etl example: the sandbox work replaces this file."""
