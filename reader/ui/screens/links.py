"""The article's links and media (``l``): open one, or copy its address."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...settings.language import N_, _
from ...text.layout import LayoutOptions
from ..line_text import in_reading_order, ui_text
from ..links import open_link
from .dialog import Dialog


class LinksScreen(Dialog):
    BINDINGS = [
        Binding("escape,q", "cancel", N_("Cancel"), id="links.cancel"),
        Binding("y", "copy", N_("Copy the address"), id="links.copy"),
    ]

    def __init__(self, links: list[tuple[str, str]], options: LayoutOptions) -> None:
        super().__init__()
        self.links = links
        self.options = options

    def compose(self) -> ComposeResult:
        items = []
        for n, (kind, url) in enumerate(self.links):
            label = Text()
            for part, style in in_reading_order([(ui_text(_(kind), 12, self.options), "dim"), ("  ", ""),
                                                 (url, "")]):
                label.append(part, style=style)
            items.append(Option(label, id=str(n)))
        option_list = OptionList(*items, classes="dialog")
        option_list.border_title = ui_text(_("Links and media"), 40, self.options)
        option_list.border_subtitle = ui_text(_("enter opens, y copies"), 40, self.options)
        yield option_list

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.styles.width = "90%"
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        open_link(self, self.links[int(event.option.id or 0)][1])

    def action_copy(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None:
            return
        url = self.links[index][1]
        self.app.copy_to_clipboard(url)
        self.notify(_("copied {url}").format(url=url), timeout=3)

    def action_cancel(self) -> None:
        self.dismiss(None)
