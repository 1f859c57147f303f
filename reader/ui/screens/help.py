"""Every key of the screen below, read from its bindings, so remapped keys show."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...settings.language import N_, _, is_rtl
from ..context import sahifa
from ..line_text import ui_lines, ui_text
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
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2), expand=is_rtl())
        options = sahifa(self).layout_options()
        if is_rtl():  # read from the right: the key, then what it does, aligned right
            table.add_column(justify="right", no_wrap=True)
            table.add_column(style="bold", no_wrap=True, justify="right")
            for keys, description in self.rows:
                table.add_row(ui_lines(description, 40, options), keys)
        else:
            table.add_column(style="bold", no_wrap=True)
            table.add_column()
            for keys, description in self.rows:
                table.add_row(keys, description)
        with VerticalScroll(classes="dialog") as scroll:
            scroll.border_title = ui_text(_(self.title_text), 40, options)
            scroll.border_subtitle = ui_text(_("esc to close"), 40, options)
            yield Static(table, id="help-keys")
