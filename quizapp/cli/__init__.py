"""The `quizapp` command line (click).

Sub-commands live in sibling modules, one per area; each imports its heavy
dependencies inside the command so that `quizapp --help` and the TUI start
fast. Exit codes: 0 clean, 1 invalid input, 2 usage error.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from quizapp import __version__
from quizapp.cli.common import AppContext, common_options

LAZY_COMMANDS = {
    "bank": "quizapp.cli.bank:bank",
    "grade": "quizapp.cli.grade:grade",
    "sandbox": "quizapp.cli.sandbox_check:sandbox",  # the group, with `check` added to it
    **{name: f"quizapp.cli.study:{name}" for name in ("flash", "quiz", "predict", "mock", "stats")},
    "export": "quizapp.cli.interop:export",
    "import": "quizapp.cli.interop:import_",
    **{name: f"quizapp.cli.plan:{name}" for name in ("plan", "tune", "leeches")},
}
"""Each sub-command's ``module:attribute``: imported only when that command runs (or --help)."""


class LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use, not all at start.

    ``quizapp sandbox run`` then loads the sandbox's command alone, not the
    study commands and the question models they need.
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


class _Group(LazyGroup):
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
    lazy=LAZY_COMMANDS,
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
