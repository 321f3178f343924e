"""The sub-commands load on first use, and every one a module defines is reachable."""

from __future__ import annotations

import subprocess
import sys

import click

from quizapp.cli import LAZY_COMMANDS, main


def test_every_command_of_the_cli_modules_is_listed() -> None:
    from quizapp.cli import bank, grade, interop, plan, sandbox, study

    defined = {
        bank.bank,
        grade.grade,
        sandbox.sandbox,
        *study.COMMANDS,
        *interop.COMMANDS,
        *plan.COMMANDS,
    }
    context = click.Context(main)
    listed = {main.get_command(context, name) for name in main.list_commands(context)}
    assert defined <= listed
    assert set(main.list_commands(context)) == set(LAZY_COMMANDS)
    group = main.get_command(context, "sandbox")
    assert isinstance(group, click.Group) and {"run", "check"} <= set(group.commands)


def test_a_sandbox_run_imports_no_study_command() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from quizapp.cli import main\n"
        "result = CliRunner().invoke(main, ['sandbox', 'list'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(m for m in sys.modules if m.startswith('quizapp.')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "quizapp.cli.sandbox" in loaded
    assert "quizapp.cli.study" not in loaded and "quizapp.core.models" not in loaded
