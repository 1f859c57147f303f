"""The footer: the screen's main keys (bindings with ``show``), after remaps.

One line of text rather than Textual's Footer, which builds and styles a widget
per key and costs a good part of start-up time.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static


class KeyHints(Static):
    DEFAULT_CSS = """
    KeyHints {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.show_keys()

    def show_keys(self) -> None:
        app = self.app
        keymap = getattr(app, "_keymap", {}) or {}
        text = Text(no_wrap=True, overflow="ellipsis")
        for binding in getattr(type(self.screen), "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.show:
                continue
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            first = keys.split(",")[0].strip()
            if text:
                text.append("  ")
            text.append(app.get_key_display(Binding(first, binding.action)), style="bold")
            text.append(f" {binding.description}")
        text.append("  ")
        text.append("^p", style="bold")
        text.append(" palette")
        self.update(text)
