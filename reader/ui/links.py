"""Opening an article's address, the same way from the library and the reader."""

from __future__ import annotations

import os
import sys

from textual.screen import Screen

from ..settings.language import _
from ..text.sanitize import safe_link


def open_link(screen: Screen[object], address: str) -> None:
    """The web page in a browser when there is a display; else show the
    address and copy it (over SSH, the local terminal's clipboard)."""
    url = safe_link(address)
    if not url:
        screen.notify(_("this article has no web address"), severity="warning")
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform == "darwin":
        import webbrowser

        screen.run_worker(lambda: webbrowser.open(url), thread=True, group="browser")
        screen.notify(_("opening {url}").format(url=url), timeout=3)
    else:
        screen.app.copy_to_clipboard(url)
        screen.notify(_("{url} (copied: no display here to open a browser on)").format(url=url), timeout=8)
