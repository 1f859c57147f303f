"""Reading options shared by the command line and the app, and their defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..text.layout import LayoutOptions
from .config import Config
from .language import N_


class ReadingOptions:
    """How to show text: the command line over the config file's defaults."""

    def __init__(self, bidi: str = "app", harakat: str = "keep", direction: str = "auto",
                 highlights: list[str] | None = None, justify: str = "none", max_width: int = 0) -> None:
        self.bidi = bidi  # app, terminal or auto
        self.harakat = harakat  # keep or strip
        self.direction = direction  # rtl, ltr or auto
        self.highlights = highlights if highlights is not None else []
        self.justify = justify  # none or kashida
        self.max_width = max_width  # the text column's cells in a wider window (0: no limit)
        self.text_digits = "as-written"  # or arabic: the article's numbers drawn in Arabic-Indic digits

    def text_width(self, window: int) -> int:
        """Cells of the text column in a ``window`` cells wide."""
        return min(window, self.max_width) if self.max_width > 0 else window

    def resolved_bidi(self, env: Mapping[str, str] | None = None) -> str:
        return detect_bidi_mode(env) if self.bidi == "auto" else self.bidi

    def layout_options(self, width: int = 80) -> LayoutOptions:
        """What the layout engine needs of these options, at ``width`` cells."""
        return LayoutOptions(width=width, direction=self.direction, harakat=self.harakat != "strip",
                             bidi=self.resolved_bidi(), justify=self.justify)


# freedesktop terminal-wg "BiDi in terminal emulators": explicit mode stops a
# bidi-capable terminal (VTE, Konsole) from reordering Sahifa's visual lines again.
BIDI_EXPLICIT = "\x1b[8l"
BIDI_IMPLICIT = "\x1b[8h"


def reorders_unless_explicit(env: Mapping[str, str] | None = None) -> bool:
    """Whether the terminal reorders what it is sent unless switched to
    explicit mode (VTE, Konsole): lines Sahifa ordered must be sent in it."""
    env = os.environ if env is None else env
    return bool(env.get("VTE_VERSION") or env.get("KONSOLE_VERSION")) and not env.get("MLTERM")


_CLIENT_TERMINALS: dict[str, str] = {}


def tmux_client_terminal(env: Mapping[str, str]) -> str:
    """The terminal the tmux client we run in is attached from (its TERM): tmux
    does not pass on the outer terminal's own variables (MLTERM). Asked once
    per tmux session; "" when tmux cannot say."""
    key = env.get("TMUX", "")
    if key not in _CLIENT_TERMINALS:
        import subprocess

        try:
            answer = subprocess.run(["tmux", "display-message", "-p", "#{client_termname}"], capture_output=True,
                                    text=True, timeout=2, env=dict(env), stdin=subprocess.DEVNULL).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            answer = ""
        _CLIENT_TERMINALS[key] = answer
    return _CLIENT_TERMINALS[key]


def detect_bidi_mode(env: Mapping[str, str] | None = None) -> str:
    """'terminal' where the terminal reorders on its own and ignores the
    explicit-mode switch (mlterm), else 'app'."""
    return bidi_reason(env)[0]


def bidi_reason(env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(mode, why) for ``--bidi auto`` (``why`` marked for the catalog: translate it where shown)."""
    env = os.environ if env is None else env
    if env.get("MLTERM"):
        return "terminal", N_("mlterm does its own bidi and ignores the explicit-mode switch (CSI 8 l)")
    if env.get("VTE_VERSION"):
        return "app", N_("a VTE terminal: Sahifa switches it to explicit mode (CSI 8 l) so it does not reorder again")
    if env.get("KONSOLE_VERSION"):
        return "app", N_("Konsole: Sahifa switches it to explicit mode (CSI 8 l)")
    if env.get("TMUX"):
        if tmux_client_terminal(env).startswith("mlterm"):
            return "terminal", N_("tmux inside mlterm: mlterm orders tmux's screen itself, so Sahifa leaves the"
                                  " text in reading order")
        return "app", N_("tmux does no bidi: Sahifa shapes and orders the text")
    if env.get("STY"):
        return "app", N_("GNU screen does no bidi: Sahifa shapes and orders the text")
    if env.get("TERM") == "linux":
        return "app", N_("the Linux console does no bidi and its fonts seldom have Arabic: Sahifa shapes and"
                         " orders the text; a console font with Arabic presentation forms is needed to see it")
    return "app", N_("this terminal is not known to do bidi: Sahifa shapes and orders the text")


def reading_options(args: Any, config: Config) -> ReadingOptions:
    """Command-line flags (``--bidi`` …, ``--highlight``) over the config file's defaults."""
    max_width = getattr(args, "max_width", None)
    options = ReadingOptions(bidi=args.bidi or config.bidi, harakat=args.harakat or config.harakat,
                          direction=args.direction or config.direction, highlights=list(args.highlight),
                          justify=args.justify or config.justify,
                          max_width=config.max_width if max_width is None else max_width)
    options.text_digits = config.text_digits
    return options
