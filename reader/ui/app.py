"""The Sahifa application: themes, keymap, palette, saved state, and the
terminal's bidi mode."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from types import FrameType

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ..library.model import Article
from ..library.state import ReadingState
from ..library.storage import ReaderState
from ..settings.config import Config
from ..settings.language import _, is_rtl
from ..settings.options import BIDI_EXPLICIT, BIDI_IMPLICIT, ReadingOptions
from ..settings.paths import user_themes_dir
from ..text.layout import LayoutOptions, layout_paragraph
from ..text.sanitize import clean
from .line_text import ui_text
from .screens.reader import ReaderScreen
from .themes import load_themes

DEFAULT_THEME = "sahifa-dark"


class SahifaApp(App):
    TITLE = "Sahifa"

    def __init__(self, articles: list[Article] | None, options: ReadingOptions, config: Config | None = None,
                 state: ReaderState | None = None, library=None) -> None:
        super().__init__()
        self.notices: deque[str] = deque(maxlen=100)  # every notice shown, as logical text
        self.articles = articles
        self.library = library
        self.options = options
        self.config = config or Config()
        self.state: ReaderState = state or ReadingState.in_memory()
        self.keywords = _unique(self.config.watch + options.highlights)
        themes, self.startup_warnings = load_themes([user_themes_dir()])
        self.startup_warnings = self.config.warnings + self.startup_warnings
        self.sahifa_themes: list[str] = []
        for theme in themes:
            self.register_theme(theme)
            if theme.name not in self.sahifa_themes:
                self.sahifa_themes.append(theme.name)
        chosen = self.state.setting("theme") or self.config.theme or DEFAULT_THEME
        if chosen not in self.available_themes:
            self.startup_warnings.append(
                _("unknown theme {name!r}: using {default}").format(name=chosen, default=DEFAULT_THEME))
            chosen = DEFAULT_THEME
        self._start_with_theme(chosen)
        if self.config.keys:
            self.set_keymap(self.config.keys)

    _theme_chosen = False

    def get_css_variables(self) -> dict[str, str]:
        # Textual's __init__ asks for its default theme's variables before
        # Sahifa's themes are registered; nothing is parsed with them, so skip
        # that work: _start_with_theme sets the real ones.
        return super().get_css_variables() if self._theme_chosen else {}

    def _start_with_theme(self, name: str) -> None:
        """Make ``name`` the theme the first CSS parse uses. Setting ``theme``
        before the app runs would parse and apply all CSS twice at start-up:
        once with Textual's default theme, then again for this one."""
        self.set_reactive(SahifaApp.theme, name)
        self._theme_chosen = True
        theme = self.current_theme
        self.update_classes({f"-theme-{name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark},
                            update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def layout_options(self) -> LayoutOptions:
        return self.options.layout_options(80)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A notice, laid out by Sahifa's own engine: feed names, titles and
        words in it are Arabic as often as not, and the terminal would show
        them unjoined and backwards. ``notices`` keeps the logical text.
        Notices carry names and errors from outside: cleaned of control sequences."""
        message = clean(message)
        self.notices.append(message)
        width = max(10, min(60, (self.size.width or 80) // 2) - 4)  # the toast's text width
        options = self.options.layout_options(width)._replace(direction="auto")
        lines = [line for paragraph in message.split("\n")
                 for line in layout_paragraph(paragraph, 0, options) if line.text]
        shaped = "\n".join(" " * line.indent + line.text for line in lines)
        self._place_notices()
        super().notify(shaped, title=title, severity=severity, timeout=timeout, markup=False)

    def _place_notices(self) -> None:
        """Notices stand clear of the status line and key hints, and of the
        selected row: just above the bottom rows, or at the top when the
        selection is in the lower half of the screen."""
        from textual.css.query import NoMatches
        from textual.widgets._toast import ToastRack

        screen = self.screen
        try:
            rack = screen.get_child_by_type(ToastRack)
        except NoMatches:
            return
        clearance = getattr(screen, "notice_clearance", None)
        selected, bottom = clearance() if clearance else (None, 2)
        if selected is not None and selected >= (screen.size.height or self.size.height) // 2:
            rack.styles.dock = "top"
            rack.styles.align_vertical = "top"
            rack.styles.margin = (1, 0, 0, 0)
        else:
            rack.styles.dock = "bottom"
            rack.styles.align_vertical = "bottom"
            rack.styles.margin = (0, 0, bottom, 0)

    def get_default_screen(self) -> Screen:
        """The first screen is the library or the article itself, so the first
        frame painted is already the page (no empty screen first)."""
        if self.library is not None:
            from .screens.library import LibraryScreen

            return LibraryScreen(self.library)
        return ReaderScreen(self.articles or [])

    def on_mount(self) -> None:
        self.call_after_refresh(gc.enable)  # paused for start-up by the command line
        for warning in self.startup_warnings:
            self.notify(warning, severity="warning", timeout=8)
        if self.state.warning:
            self.notify(self.state.warning, severity="warning", timeout=8)
        self.loop = asyncio.get_running_loop()

    def save_state(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.save_position()

    def hang_up(self) -> None:
        """SIGHUP (the SSH connection dropped) or SIGTERM: keep the place, leave cleanly."""
        self.save_state()
        self.exit(0)

    async def action_quit(self) -> None:
        self.save_state()
        self.exit(0)

    # --- themes ----------------------------------------------------------------

    def action_next_theme(self) -> None:
        names = self.sahifa_themes or [self.theme]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]

    def watch_theme(self, theme: str) -> None:
        if self.is_running:
            self.state.save_setting("theme", theme)

    # --- help and palette ------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen, binding_rows

        screen = self.screen
        bindings = [b for b in getattr(type(screen), "BINDINGS", []) if hasattr(b, "id")]
        rows = binding_rows(self, bindings, self._keymap)
        rows.append(("ctrl+p", _("Command palette: every action, themes")))
        self.push_screen(HelpScreen(rows, title=_("Keys")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in getattr(type(screen), "BINDINGS", []):
            if not hasattr(binding, "id") or binding.action.startswith("app.quit"):
                continue
            keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
            name = binding.tooltip or binding.description
            said = _("keys: {keys}").format(keys=keys)
            if is_rtl():
                # the palette matches what is typed against the title as stored: it stays
                # English, and the Arabic (shaped, right to left) is in its help line
                said = ui_text(_(name) + " · " + said, 70, self.layout_options())
            else:
                name = _(name)
            yield SystemCommand(name, said, partial(self._run_screen_action, screen, binding.action))

    def _run_screen_action(self, screen: Screen, action: str) -> None:
        self.call_later(self.run_action, action, screen)


def _unique(words: list[str]) -> list[str]:
    seen, out = set(), []
    for w in words:
        w = " ".join(w.split())
        if w and w not in seen:
            seen.add(w)
            out.append(w)
    return out


EXIT_GRACE = 1.5  # seconds a signalled exit may take before the process ends anyway


def arm_exit_watchdog(code: int = 0, grace: float = EXIT_GRACE) -> None:
    """End the process ``grace`` seconds from now if it has not ended by then.

    Leaving must not depend on the terminal: when it is gone (an SSH drop, a
    killed tmux session), Textual's shutdown can wait forever for its output
    thread, which waits on a queue nothing drains. The reading position is
    saved before this is armed, and on every page turn."""
    def end() -> None:
        time.sleep(grace)
        os._exit(code)

    threading.Thread(target=end, name="sahifa-exit-watchdog", daemon=True).start()


def _on_signal(app: SahifaApp) -> Callable[[int, FrameType | None], None]:
    """SIGHUP and SIGTERM: the place is kept and the process ends within
    EXIT_GRACE seconds, whatever the app or the terminal is doing."""
    def handle(signum: int, frame: FrameType | None) -> None:
        arm_exit_watchdog()
        loop = getattr(app, "loop", None)
        if loop is None or loop.is_closed():
            raise SystemExit(0)  # before the first frame: nothing to keep
        loop.call_soon_threadsafe(app.hang_up)

    return handle


def run_reader(articles: list[Article] | None, options: ReadingOptions, config: Config, state: ReaderState,
               library=None) -> int:
    app = SahifaApp(articles, options, config, state, library)
    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, _on_signal(app))
    explicit = options.resolved_bidi() == "app"
    out = sys.__stderr__  # where Textual draws
    if explicit and out is not None:
        out.write(BIDI_EXPLICIT)
        out.flush()
    try:
        app.run()
        arm_exit_watchdog(app.return_code or 0, grace=3.0)  # what is left must not hang on a gone terminal
    finally:
        app.save_state()
        state.close()
        if explicit and out is not None:
            try:
                out.write(BIDI_IMPLICIT)
                out.flush()
            except OSError:
                pass  # the terminal is gone (SIGHUP)
    return app.return_code or 0
