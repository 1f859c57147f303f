"""The footer: the screen's main keys (bindings with ``show``), after remaps.

One line of text rather than Textual's Footer, which builds and styles a widget
per key and costs a good part of start-up time.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from ...settings.language import _, is_rtl
from ..context import sahifa
from ..line_text import Part, line_text


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

    def on_resize(self) -> None:
        if is_rtl():  # right-aligned: laid out again for the new width
            self.show_keys()

    def show_keys(self) -> None:
        app = self.app
        keymap = getattr(app, "_keymap", {}) or {}
        parts: list[Part] = []
        for binding in getattr(type(self.screen), "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.show:
                continue
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            first = keys.split(",")[0].strip()
            if parts:
                parts.append(("  ", None))
            parts.append((_isolated(app.get_key_display(Binding(first, binding.action))), "bold"))
            label = getattr(self.screen, "binding_label", lambda b: b.description)(binding)
            parts.append((" " + _(label), None))
        parts += [("  ", None), (_isolated("^p"), "bold"), (" " + _("palette"), None)]
        width = max(1, self.size.width or self.app.size.width - 2)
        self.update(line_text(parts, width, sahifa(self).layout_options(), align_right=True,
                              background=self.rich_style))


def _isolated(key: str) -> str:
    """A key is a left-to-right word: in a right-to-left line it is isolated, to stay whole."""
    return f"\u2066{key}\u2069" if is_rtl() else key
