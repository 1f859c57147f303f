"""Every key of the screen below, read from its bindings, so remapped keys show."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...settings.language import N_, _
from ..context import sahifa
from ..line_text import reading_table, ui_block, ui_text
from .dialog import Dialog


def binding_rows(app: App[object], bindings: list[Binding], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(keys as displayed, description) for each binding, after the keymap."""
    rows = []
    for b in bindings:
        keys = keymap.get(b.id, b.key) if b.id else b.key
        shown = ", ".join(app.get_key_display(Binding(k.strip(), b.action)) for k in keys.split(",") if k.strip())
        rows.append((shown, _(b.tooltip or b.description)))
    return rows


class HelpScreen(Dialog):
    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", N_("Close"), id="help.close")]
    DEFAULT_CSS = """
    HelpScreen .dialog {
        width: 64;
        max-height: 90%;
    }
    HelpScreen #help-keys {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, rows: list[tuple[str, str]], title: str = N_("Keys")) -> None:
        super().__init__()
        self.rows = rows
        self.title_text = title

    def compose(self) -> ComposeResult:
        options = sahifa(self).layout_options()
        table, add_row = reading_table({"style": "bold", "no_wrap": True}, {}, padding=(0, 2))
        for keys, description in self.rows:
            add_row(keys, ui_block(description, 40, options))
        with VerticalScroll(classes="dialog") as scroll:
            scroll.border_title = ui_text(_(self.title_text), 40, options)
            scroll.border_subtitle = ui_text(_("esc to close"), 40, options)
            yield Static(table, id="help-keys")
