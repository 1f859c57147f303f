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
    env = os.environ if env is None else env
    if env.get("MLTERM"):
        return "terminal"
    return "app"
