"""Placeholder for the sensors example: the sandbox work replaces this file."""
