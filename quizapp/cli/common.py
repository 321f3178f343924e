"""What every command shares: the ``--db`` and ``--banks`` options and the catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from quizapp.core.models import Catalog

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """Options gathered from the group and the sub-command, either may set them."""

    db: Path | None = None
    banks: list[str] = field(default_factory=list)

    def db_path(self) -> Path:
        """The progress database to use."""
        from quizapp.paths import default_db_path

        return self.db if self.db is not None else default_db_path()

    def catalog(self) -> Catalog:
        """Every bank (bundled, ``QUIZAPP_BANKS``, ``--banks``, user folder).

        From the catalog cache the app keeps when no bank file changed (a one-shot
        ``grade`` or ``stats`` then parses no YAML); ``bank validate`` and ``bank
        lint`` read the files themselves.
        """
        from quizapp.core.bank_cache import load_catalog_cached
        from quizapp.paths import bank_dirs, data_dir

        return load_catalog_cached(bank_dirs(self.banks), data_dir())


def _set_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(AppContext).db = value


def _add_banks(ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    if value:
        ctx.ensure_object(AppContext).banks.extend(value)


def common_options(func: F) -> F:
    """Add ``--db PATH`` and ``--banks DIR`` to a command or group."""
    func = click.option(
        "--banks",
        "banks",
        multiple=True,
        type=click.Path(file_okay=False, path_type=str),
        expose_value=False,
        callback=_add_banks,
        help="Extra folder of YAML banks (repeatable; also QUIZAPP_BANKS).",
    )(func)
    func = click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_set_db,
        help="Progress database file (default: the user data dir, or QUIZAPP_HOME).",
    )(func)
    return func


def app_context() -> AppContext:
    """The AppContext of the running command."""
    return click.get_current_context().ensure_object(AppContext)
