"""`quizapp flash|quiz|mock|stats`: study sessions and progress (owned by the store work)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
