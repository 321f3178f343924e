"""A start with a catalog digest: the home screen's first frame without the full catalog."""

from __future__ import annotations

from textual.widgets import Static

from quizapp.core.bank import load_catalog
from quizapp.core.catalog_digest import CatalogDigest
from quizapp.tui.screens.home import HomeScreen
from tests.tui.conftest import FIXTURE_BANKS, AppFactory, plain, settle


async def test_the_second_start_draws_home_from_the_digest_the_same(make_app: AppFactory) -> None:
    shown = []
    for _ in range(2):
        app = make_app()
        lazy = app._catalog is None  # not decoded for the first frame
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            shown.append(
                (
                    type(app.home_catalog),
                    lazy,
                    plain(app.screen.query_one("#bank-errors Static", Static)),
                    plain(app.screen.query_one("#selection", Static)),
                )
            )
            await settle(pilot)
            assert app.catalog == load_catalog([FIXTURE_BANKS])  # decoded once the store opened
            assert app._catalog is not None
    (first_kind, first_lazy, *first), (second_kind, second_lazy, *second) = shown
    assert first_kind is not CatalogDigest and not first_lazy  # no digest yet: loaded at once
    assert second_kind is CatalogDigest and second_lazy
    assert second == first
