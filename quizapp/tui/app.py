"""The Textual app: loads the banks, opens the store, and routes between screens.

The app owns what every screen shares (a :class:`StudyContext`) and turns
``StartMode`` / ``OpenExample`` messages into screens; screens only call the
core and draw what it returns. Anything the home screen does not need is
imported when first used, so the app starts nearly as fast as a bare one.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Sequence
from datetime import tzinfo
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from quizapp.core.catalog_digest import read_digest
from quizapp.paths import data_dir
from quizapp.tui.context import LaunchOptions, Selection, StudyContext
from quizapp.tui.errors import database_errors
from quizapp.tui.messages import OpenExample, ProgressChanged, SelectionChanged, StartMode
from quizapp.tui.modes import MODES, get_mode
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.settings import Settings, load_settings, save_settings
from quizapp.tui.widgets.summary import HomeSummary

if TYPE_CHECKING:
    from textual.worker import Worker

    from quizapp.core.catalog_digest import CatalogView
    from quizapp.core.clock import Clock
    from quizapp.core.models import Catalog
    from quizapp.store import Store


KEPT_MODES = frozenset({"stats", "sandbox", "quiz"})
"""Modes whose screen is built once and shown again on each visit (many widgets each).

Such a screen refreshes what may have changed when it is shown again (see its
``on_screen_resume``), or starts over in ``renew(context)`` when it has one (the
quiz: a new session, as a new screen would); one opened with arguments (an
example to run, chosen questions) is built anew.
"""


SCREENS_CSS = Path(__file__).with_name("screens.tcss").resolve()
"""Every screen's rules but the home screen's (see :meth:`QuizApp.read_screens_css`)."""


class QuizApp(App[None]):
    """quizapp's terminal interface."""

    CSS_PATH = "app.tcss"
    TITLE = "quizapp"
    SUB_TITLE = "Airflow & data-engineering interview prep"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        db_path: Path,
        bank_paths: Sequence[Path],
        *,
        clock: Clock | None = None,
        start: str | None = None,
        options: LaunchOptions | None = None,
        settings_file: Path | None = None,
        store_tz: tzinfo | None = None,
        selection: Selection | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self._bank_paths = list(bank_paths)
        self._cache_dir = data_dir()
        self._catalog: Catalog | None = None
        self._catalog_lock = threading.Lock()
        digest = read_digest(self._bank_paths, self._cache_dir)
        self.home_catalog: CatalogView = digest if digest is not None else self.catalog
        """What the home screen shows of the catalog: its digest, or the catalog itself."""
        self.selection = selection or Selection()
        self.options = options or LaunchOptions()
        self.start_mode = start
        self._clock = clock
        self._settings_file = settings_file
        self._store_tz = store_tz
        self.store: Store | None = None
        self.store_error: str | None = None
        self._waiting_for_store: StartMode | None = None
        self._kept_screens: dict[str, Screen[Any]] = {}
        self._can_warm_up = False  # once the mode screens are imported
        self._warming: Worker[None] | None = None
        remembered = load_settings(settings_file).theme
        if remembered and remembered in self.available_themes:
            self.theme = remembered

    # -- set-up ----------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        """Every bank's questions: decoded from the cache when first asked for.

        With a digest (:mod:`quizapp.core.catalog_digest`) the home screen's first
        frame does without it; the store's thread then decodes it before the store
        is ready, so a mode screen never waits for it.
        """
        if self._catalog is None:
            from quizapp.core.bank_cache import load_catalog_cached

            with self._catalog_lock:
                if self._catalog is None:
                    self._catalog = load_catalog_cached(
                        self._bank_paths, self._cache_dir, with_digest=True
                    )
        return self._catalog

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen(self.home_catalog, self.read_summary)

    def read_summary(self, selection: Selection) -> HomeSummary | None:
        """The home figures for ``selection``, read from the file without the full store."""
        from quizapp.tui.summary import summarize

        return summarize(self.db_path, self.home_catalog, selection, self.clock, self._store_tz)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    @on(HomeScreen.Shown)
    def _home_shown(self) -> None:
        # Only now: importing the store's stack in a thread while the home screen
        # is being drawn would only slow the drawing down (one GIL).
        self.read_screens_css()
        if self.store is None:
            self._open_store()

    def read_screens_css(self) -> None:
        """Add the other screens' rules (``screens.tcss``) to the stylesheet, once.

        The home screen's first frame is styled by ``app.tcss`` alone; the rest is
        read after it, and in any case before another screen is pushed. No node
        shown yet matches those rules, so nothing is restyled.
        """
        path = str(SCREENS_CSS)
        if not self.stylesheet.has_source(path):
            self.stylesheet.read(path)
            self.stylesheet.parse()

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Push a screen (Textual's), its rules read first (see :meth:`read_screens_css`)."""
        self.read_screens_css()
        return super().push_screen(*args, **kwargs)

    def switch_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Switch screens (Textual's), their rules read first (see :meth:`read_screens_css`)."""
        self.read_screens_css()
        return super().switch_screen(*args, **kwargs)

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        """Open (and migrate) the progress database off the UI thread."""
        from quizapp.store import open_store

        try:
            self.catalog  # noqa: B018 - decoded here, off the UI thread, before any mode needs it
        except Exception as error:  # as it would have at a start without the digest: end
            self.call_from_thread(self._handle_exception, error)
            return
        try:
            store = open_store(self.db_path, tz=self._store_tz)
        except database_errors() as error:
            self.call_from_thread(self._show_store_error, str(error))
            return
        self._refresh_plan_rate(store)
        self.call_from_thread(self._store_ready, store)
        if _import_mode_screens():
            self.call_from_thread(self._screens_imported)

    def _refresh_plan_rate(self, store: Store) -> None:
        """Work out today's new-question rate of the interview plan, for the home figures."""
        from quizapp.core.study_plan import current_plan

        try:
            current_plan(store, self.catalog, self.clock.now())
        except database_errors() as error:  # a read-only file: the figures use the setting
            self.log.warning("plan rate not stored", error)

    def _screens_imported(self) -> None:
        self._can_warm_up = True
        self._warm_up_soon()

    def _warm_up_soon(self) -> None:
        """Start the warm-up (:mod:`.warmup`) unless it runs or has nothing left to build."""
        from quizapp.tui.warmup import WARM_MODES

        if not self._can_warm_up or all(name in self._kept_screens for name in WARM_MODES):
            return
        if self._warming is None or self._warming.is_finished:
            self._warming = self._warm_up()

    @work(group="warm-up", exit_on_error=False)
    async def _warm_up(self) -> None:
        """Build the heavy kept screens not visited yet, off screen, while home is shown.

        A key pressed meanwhile goes first: the warm-up waits a moment before it
        starts, builds in steps, and stops once the learner has left the home screen
        (it goes on when they are back).
        """
        from quizapp.tui.warmup import WARM_DELAY_S, WARM_MODES, prebuild, prime_highlighter

        await asyncio.sleep(WARM_DELAY_S)
        for name in WARM_MODES:
            context = self.study_context()
            if not isinstance(self.screen, HomeScreen) or context is None:
                return
            mode = get_mode(name)
            if name in self._kept_screens or not mode.available:
                continue
            if name == "sandbox":
                await asyncio.to_thread(prime_highlighter)
            try:
                screen = mode.screen_class()(context)  # type: ignore[call-arg,arg-type]
            except Exception as error:  # the mode's own visit says what is wrong
                self.log.warning("warm-up stopped", name, error)
                return
            self._keep(name, screen)
            self.read_screens_css()
            await prebuild(self, screen)

    def _keep(self, name: str, screen: Screen[Any]) -> None:
        """Keep ``screen`` as mode ``name``'s: popping it keeps it for the next visit."""
        self.install_screen(screen, f"kept-{name}")
        self._kept_screens[name] = screen

    def _store_ready(self, store: Store) -> None:
        self.store = store
        self.post_message(ProgressChanged())
        waiting, self._waiting_for_store = self._waiting_for_store, None
        if waiting is not None:
            self.post_message(waiting)
        elif self.start_mode and self.start_mode != "home":
            self.post_message(StartMode(self.start_mode, self.options.start_arguments()))

    def _show_store_error(self, message: str) -> None:
        from quizapp.tui.screens.message import MessageScreen

        self.store_error = message
        self._waiting_for_store = None
        self.push_screen(
            MessageScreen(
                "Your progress database cannot be opened",
                f"{message}\n\nFile: {self.db_path}\n\n"
                "Nothing was changed. Start quizapp with `--db OTHER.db` to use another "
                "file, or move this one aside.",
            )
        )

    def _remember_theme(self, theme: Theme) -> None:
        save_settings(Settings(theme=theme.name), self._settings_file)

    @property
    def clock(self) -> Clock:
        """The clock sessions run on (the system clock unless a test injected one)."""
        if self._clock is None:
            from quizapp.core.clock import SystemClock

            self._clock = SystemClock()
        return self._clock

    def study_context(self) -> StudyContext | None:
        """What a mode screen needs, or None while the store is still opening."""
        if self.store is None:
            return None
        return StudyContext(self.catalog, self.store, self.clock, self.selection, self.options)

    # -- routing ---------------------------------------------------------------

    @on(StartMode)
    def _start_mode(self, message: StartMode) -> None:
        try:
            mode = get_mode(message.mode)
        except KeyError:
            self.notify(f"Unknown mode {message.mode!r}", severity="error")
            return
        if not mode.available:
            self.notify(f"{mode.title} is coming soon.", title="Not built yet")
            return
        context = self.study_context()
        if context is None:
            if self.store_error is None:
                # A key pressed in the first instant: it opens as soon as the store is up.
                self._waiting_for_store = message
                self.notify("Opening your progress database…", timeout=2)
            else:
                self.notify("Your progress database could not be opened.", severity="error")
            return
        kept = self._kept_screens.get(mode.name)
        if kept is not None and not message.arguments and kept not in self.screen_stack:
            renew = getattr(kept, "renew", None)
            if renew is None:
                kept.context = context  # type: ignore[attr-defined]  # the selection may have changed
            else:
                try:
                    renew(context)
                except database_errors() as error:
                    self.notify(
                        f"{mode.title} could not start: {error}", severity="error", timeout=10
                    )
                    return
            self.push_screen(kept)
            return
        try:
            screen = mode.screen_class()(context, **message.arguments)  # type: ignore[call-arg,arg-type]
        except database_errors() as error:
            self.notify(f"{mode.title} could not start: {error}", severity="error", timeout=10)
            return
        if mode.name in KEPT_MODES and not message.arguments and kept is None:
            self._keep(mode.name, screen)
        self.push_screen(screen)

    @on(ProgressChanged)
    def _progress_changed(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_summary(self.selection, read=self.store is not None)
        if isinstance(self.screen, HomeScreen):
            self._warm_up_soon()  # back home before the warm-up was done

    @on(OpenExample)
    def _open_example(self, message: OpenExample) -> None:
        sandbox = get_mode("sandbox")
        if sandbox.available:
            self.post_message(StartMode("sandbox", {"example": message.name}))
            return
        from quizapp.tui.screens.source_viewer import SourceViewerScreen

        self.push_screen(SourceViewerScreen(message.name))

    @on(SelectionChanged)
    def _selection_changed(self, message: SelectionChanged) -> None:
        self.selection = message.selection
        self.post_message(ProgressChanged())

    # -- actions and commands ----------------------------------------------------

    def action_study_settings(self) -> None:
        """Open the study settings (interview date, minutes a day, retention, new a day)."""
        from quizapp.tui.screens.study_settings import StudySettingsScreen

        context = self.study_context()
        if context is None:
            self.notify("Opening your progress database…", timeout=2)
            return
        if not isinstance(self.screen, StudySettingsScreen):
            self.push_screen(StudySettingsScreen(context))

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from quizapp.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for mode in MODES:
            yield SystemCommand(
                mode.title,
                mode.blurb if mode.available else f"{mode.blurb} (coming soon)",
                lambda name=mode.name: self.open_from_palette(name),
            )
        yield SystemCommand(
            "Cram",
            "Flashcards over the chosen topics, weakest first; the schedule does not move",
            lambda: self.post_message(StartMode("flash", {"cram": True})),
        )
        yield SystemCommand(
            "Study settings",
            "Interview date, minutes a day, desired retention, new questions a day",
            self.action_study_settings,
        )
        yield SystemCommand("Help", "Every key of this screen", self.action_help)

    def open_from_palette(self, name: str) -> None:
        """Open a mode from the command palette in place of the current one, not on top.

        The screens above home are closed first, so the new mode's "esc Home" goes
        home. A screen holding typed input (or a running mock interview) is not
        closed: the learner is told to finish or leave it first.
        """
        from quizapp.tui.screens.mock_interview import MockInterviewScreen

        above_home = self.screen_stack[1:]
        for screen in above_home:
            described = getattr(screen, "unsaved_input", None)
            busy = described() if described is not None else None
            if busy is None and isinstance(screen, MockInterviewScreen) and screen.report is None:
                busy = "A mock interview is running: stop it (escape) first."
            if busy:
                self.notify(f"{busy} Submit or leave this screen first.", severity="warning")
                return
        for _ in above_home:
            self.pop_screen()
        self.post_message(StartMode(name))

    async def action_quit(self) -> None:
        """Quit; ask first when a screen holds an answer typed and not submitted.

        Screens keep what they can first (``keep_before_quit``: a mock interview
        saves its drafts, which come back when it is resumed); what is left
        (``unsaved_input``) is named in the question. ``ctrl+q`` on the question quits.
        """
        from quizapp.tui.screens.confirm_quit import ConfirmQuit

        if isinstance(self.screen, ConfirmQuit):
            self.exit()
            return
        unsaved: list[str] = []
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_before_quit", None)
            if keep is not None:
                keep()
            described = getattr(screen, "unsaved_input", None)
            text = described() if described is not None else None
            if text:
                unsaved.append(text)
        if not unsaved:
            self.exit()
            return

        def chosen(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        self.push_screen(ConfirmQuit(" ".join(unsaved)), chosen)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()


def run_app(
    db_path: Path,
    extra_banks: list[str],
    start: str | None = None,
    mock_questions: int | None = None,
    mock_minutes: float | None = None,
    banks: Sequence[str] = (),
    tags: Sequence[str] = (),
    difficulties: Sequence[str] = (),
    question_ids: Sequence[str] = (),
    cram: bool = False,
) -> None:
    """Run the terminal app until the learner quits (the CLI's entry point).

    ``banks``, ``tags`` and ``difficulties`` preselect what to drill (the
    command line's ``--bank``/``--tag``/``--difficulty``); empty means all.
    ``question_ids`` (known ids, in order) are what the ``start`` screen asks
    (``quizapp quiz --id``/``--weakest``).
    """
    from quizapp.paths import bank_dirs

    app = QuizApp(
        db_path,
        bank_dirs(extra_banks),
        start=start,
        options=LaunchOptions(
            mock_questions=mock_questions,
            mock_minutes=mock_minutes,
            question_ids=tuple(question_ids),
            cram=cram,
        ),
        selection=Selection(frozenset(banks), frozenset(tags), frozenset(difficulties)),
    )
    from quizapp.tui.lenient_input import install

    install()  # a byte that is not UTF-8, typed or pasted, must not end the session
    app.run()


def _import_mode_screens() -> bool:
    """Import every mode's screen module now, while the learner reads the home screen.

    A mode's first visit then does not wait for its imports (the progress screen's
    plot and tables, the sandbox's grid); a key pressed meanwhile waits at most for
    the module being imported. A module that fails to import fails again, with its
    message, when its mode is opened. False when one failed.
    """
    for mode in MODES:
        if mode.screen is not None:
            try:
                import_module(mode.screen.partition(":")[0])
            except Exception:  # shown when the mode is opened, not here
                return False
    return True
