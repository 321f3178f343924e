"""The `quizapp` command line (click).

Sub-commands live in sibling modules, one per area; each imports its heavy
dependencies inside the command so that `quizapp --help` and the TUI start
fast. Exit codes: 0 clean, 1 invalid input, 2 usage error.
"""

from __future__ import annotations

import click

from quizapp import __version__
from quizapp.cli.common import AppContext, common_options


class _Group(click.Group):
    """The top-level group: a data folder or database that cannot be used is a message."""

    def invoke(self, ctx: click.Context) -> object:
        from quizapp.paths import DataDirError

        try:
            return super().invoke(ctx)
        except DataDirError as error:
            raise click.ClickException(str(error)) from None
        except Exception as error:
            from quizapp.store.errors import StoreError

            if isinstance(error, StoreError):
                raise click.ClickException(str(error)) from None
            raise


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="quizapp")
@common_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Interview prep for Apache Airflow and data engineering.

    Run without a command to start the terminal app.
    """
    if ctx.invoked_subcommand is None:
        from quizapp.cli.tui import launch

        launch(ctx.find_object(AppContext) or AppContext())


def _register() -> None:
    from quizapp.cli import bank, grade, interop, plan, sandbox, sandbox_check, study

    assert sandbox_check.check  # registers `quizapp sandbox check`

    main.add_command(bank.bank)
    main.add_command(grade.grade)
    main.add_command(sandbox.sandbox)
    for command in (*study.COMMANDS, *interop.COMMANDS, *plan.COMMANDS):
        main.add_command(command)


_register()
