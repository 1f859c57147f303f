"""Reading options shared by the command line and the app, and their defaults."""

from __future__ import annotations

import os


class ReadingOptions:
    """How to show text: the command line over the config file's defaults."""

    def __init__(self, bidi: str = "app", harakat: str = "keep", direction: str = "auto",
                 highlights: list[str] | None = None) -> None:
        self.bidi = bidi  # app, terminal or auto
        self.harakat = harakat  # keep or strip
        self.direction = direction  # rtl, ltr or auto
        self.highlights = highlights if highlights is not None else []

    def resolved_bidi(self, env=None) -> str:
        return detect_bidi_mode(env) if self.bidi == "auto" else self.bidi


def detect_bidi_mode(env=None) -> str:
    """'terminal' where the terminal reorders on its own and ignores the
    explicit-mode switch (mlterm), else 'app'."""
    return bidi_reason(env)[0]


def bidi_reason(env=None) -> tuple[str, str]:
    """(mode, why) for ``--bidi auto``."""
    env = os.environ if env is None else env
    if env.get("MLTERM"):
        return "terminal", "mlterm does its own bidi and ignores the explicit-mode switch (CSI 8 l)"
    if env.get("VTE_VERSION"):
        return "app", "a VTE terminal: Sahifa switches it to explicit mode (CSI 8 l) so it does not reorder again"
    if env.get("KONSOLE_VERSION"):
        return "app", "Konsole: Sahifa switches it to explicit mode (CSI 8 l)"
    if env.get("TMUX"):
        return "app", "tmux does no bidi: Sahifa shapes and orders the text"
    return "app", "this terminal is not known to do bidi: Sahifa shapes and orders the text"
