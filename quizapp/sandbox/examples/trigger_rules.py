"""Placeholder for the trigger_rules example: the sandbox work replaces this file."""
