"""Reading options shared by the command line and the app, and their defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class ReadingOptions:
    bidi: str = "app"  # app, terminal or auto
    harakat: str = "keep"  # keep or strip
    direction: str = "auto"  # rtl, ltr or auto
    highlights: list[str] = field(default_factory=list)

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
