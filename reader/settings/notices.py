"""How the core tells the person of a long wait (an index brought up to date):
on stderr, unless the commands set their own way (shaped in Arabic on a
terminal, as everything they print)."""

from __future__ import annotations

import sys
from collections.abc import Callable


def _on_stderr(message: str) -> None:
    print(f"sahifa: {message}", file=sys.stderr)


notify: Callable[[str], None] = _on_stderr
