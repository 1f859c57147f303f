"""Pick what the library shows (``f``): everything, saved articles, a tag, a source."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...settings.language import N_, _, numerals
from ...text.layout import LayoutOptions, fit_line
from ..line_text import in_reading_order, ui_text
from .dialog import Dialog

ALL = "\x00all"
SAVED = "\x00saved"
TAG = "\x00tag:"  # followed by the tag


class SourcesScreen(Dialog):
    """Returns ALL, SAVED, TAG + a tag, a source, or None if cancelled."""

    BINDINGS = [Binding("escape,q", "cancel", N_("Cancel"), id="sources.cancel")]

    def __init__(self, sources: list[tuple[str, int]], current: str | None, options: LayoutOptions,
                 tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.sources = sources
        self.tags = list(tags)
        self.current = current
        self.options = options

    def compose(self) -> ComposeResult:
        def row(*parts: tuple[str, str]) -> Text:
            text = Text()
            for part, style in in_reading_order(parts):  # in Arabic a name's count on its left
                text.append(part, style=style)
            return text

        items = [Option(row((ui_text(_("all sources"), 40, self.options), "bold")), id=ALL)]
        for name, count in self.sources:
            shaped = fit_line(name or _("(no source)"), 40, self.options, rtl_align=False).text
            items.append(Option(row((shaped, ""), ("  ", ""), (numerals(f"{count:,}"), "dim")), id=name))
        for tag in self.tags:
            shaped = fit_line(tag, 40, self.options, rtl_align=False).text
            items.append(Option(row(("".join(in_reading_order(["#", " ", shaped])), ""), ("  ", ""),
                                    (ui_text(_("tag"), 20, self.options), "dim")), id=TAG + tag))
        items.append(Option(row((ui_text("★ " + _("saved articles"), 40, self.options), "")), id=SAVED))
        option_list = OptionList(*items, classes="dialog")
        option_list.border_title = ui_text(_("Show articles from"), 40, self.options)
        yield option_list

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        names = [ALL, *(name for name, _ in self.sources), *(TAG + t for t in self.tags), SAVED]
        option_list.highlighted = names.index(self.current) if self.current in names else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
