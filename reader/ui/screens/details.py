"""``i``: an article's details: source, author, date, address, feed, tags, length."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...library.details import facts
from ...library.model import Article
from ...settings.language import N_, _, numerals
from ...text.layout import fit_line
from ...text.sanitize import safe_link
from ..context import sahifa
from ..line_text import reading_table, ui_text
from .dialog import Dialog

VALUE_WIDTH = 52


class DetailsScreen(Dialog):
    BINDINGS = [Binding("escape,q,i", "app.pop_screen", N_("Close"), id="details.close")]
    DEFAULT_CSS = """
    DetailsScreen .dialog {
        width: 66;
    }
    DetailsScreen #details {
        width: 100%;
        height: auto;
    }
    """

    def __init__(self, article: Article, feed: tuple[str, list[str]] = ("", [])) -> None:
        super().__init__()
        self.article = article
        self.rows = facts(article, feed[0], feed[1])

    def compose(self) -> ComposeResult:
        options = sahifa(self).layout_options()
        table, add_row = reading_table({"style": "bold", "no_wrap": True}, {"no_wrap": True, "overflow": "fold"})
        link = safe_link(self.article.url)
        for label, value in self.rows:
            name = ui_text(_(label), 12, options)
            if label == "address":
                # an address is one left-to-right string: it is folded, not laid out
                shown = Text(value, style=f"link {link}" if link else "", overflow="fold")
            elif label == "media":
                media_link = safe_link(value.split(" ", 1)[0])
                shown = Text(value, style=f"link {media_link}" if media_link else "", overflow="fold")
            else:
                line = fit_line(numerals(value) if label == "length" else value, VALUE_WIDTH, options,
                                rtl_align=False)
                shown = Text(line.text)
            add_row(name, shown)
        with VerticalScroll(classes="dialog") as scroll:
            headline = fit_line(self.article.title, VALUE_WIDTH + 8, options, rtl_align=False)
            scroll.border_title = headline.text
            scroll.border_subtitle = ui_text(_("esc to close"), 30, options)
            yield Static(table, id="details")
