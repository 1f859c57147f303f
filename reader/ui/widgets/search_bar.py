"""The search bar at the bottom of the reader: an RTL entry and the match count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from ...settings.language import _, numerals
from ...text.layout import LayoutOptions
from ..line_text import ui_text
from .rtl_input import RtlInput


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $boost;
    }
    SearchBar.-open {
        display: block;
    }
    SearchBar > Label {
        width: auto;
        padding: 0 1;
        color: $accent;
        text-style: bold;
    }
    SearchBar > #search-count {
        color: $foreground;
        text-style: none;
        min-width: 12;
    }
    """

    def __init__(self, options: LayoutOptions, **kwargs) -> None:
        super().__init__(**kwargs)
        self.options = options

    def compose(self) -> ComposeResult:
        yield Label("", id="search-count")
        yield RtlInput(placeholder=_("search the article"), options=self.options, id="search-input")
        yield Label("/", id="search-label")

    @property
    def entry(self) -> RtlInput:
        return self.query_one(RtlInput)

    def open(self) -> None:
        self.add_class("-open")
        self.entry.value = ""
        self.entry.focus()

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def set_count(self, text: str) -> None:
        self.query_one("#search-count", Label).update(ui_text(numerals(text), 30, self.options))


async def open_search_bar(screen, options: LayoutOptions, before) -> SearchBar:
    """The screen's search bar, opened; mounted above ``before`` the first time
    (screens start without one: fewer widgets to build before the first frame)."""
    bars = screen.query(SearchBar)
    if bars:
        bar = bars.first()
    else:
        bar = SearchBar(options, id="search")
        await screen.mount(bar, before=before)
    bar.open()
    return bar
