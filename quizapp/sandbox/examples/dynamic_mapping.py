"""Placeholder for the dynamic_mapping example: the sandbox work replaces this file."""
