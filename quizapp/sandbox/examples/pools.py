"""Placeholder for the pools example: the sandbox work replaces this file."""
