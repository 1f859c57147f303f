"""Reading one article a page at a time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from ...library.model import Article
from ...options import ReadingOptions
from ...text.highlight import keyword_spans
from ...text.layout import LayoutOptions
from ...text.pager import Pager
from ..widgets.page_view import PageView
from ..widgets.status_bar import StatusBar


class ReaderScreen(Screen):
    BINDINGS = [
        Binding("space,pagedown", "next_page", "Next page", id="reader.next_page"),
        Binding("b,pageup", "previous_page", "Previous page", id="reader.previous_page"),
        Binding("left", "page_left", "Page left", show=False, id="reader.page_left"),
        Binding("right", "page_right", "Page right", show=False, id="reader.page_right"),
        Binding("g,home", "first_page", "First page", show=False, id="reader.first_page"),
        Binding("G,end", "last_page", "Last page", show=False, id="reader.last_page"),
        Binding("right_square_bracket", "next_article", "Next article", id="reader.next_article"),
        Binding("left_square_bracket", "previous_article", "Previous article", id="reader.previous_article"),
        Binding("q", "app.quit", "Quit", id="reader.quit"),
    ]

    def __init__(self, articles: list[Article], options: ReadingOptions) -> None:
        super().__init__()
        self.articles = articles
        self.options = options
        self.index = 0
        self.pager = self._pager_for(articles[0])

    def _pager_for(self, article: Article) -> Pager:
        layout_options = LayoutOptions(
            width=80,
            direction=self.options.direction,
            harakat=self.options.harakat != "strip",
            bidi=self.options.resolved_bidi(),
        )
        self.spans = keyword_spans(
            list(zip(article.block_offsets(), (t for _, t in article.blocks()))), self.options.highlights
        )
        return Pager(article.blocks(), layout_options, article.direction)

    @property
    def article(self) -> Article:
        return self.articles[self.index]

    def compose(self) -> ComposeResult:
        yield PageView(id="page")
        yield StatusBar(id="status")
        yield Footer()

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_page)

    def on_mount(self) -> None:
        self.query_one(PageView).focus()
        self.call_after_refresh(self.refresh_page)

    def refresh_page(self) -> None:
        view = self.query_one(PageView)
        size = view.size
        if size.width <= 0 or size.height <= 0:
            return
        self.pager.resize(size.width, size.height)
        view.show(self.pager.lines(), self.spans)
        self.query_one(StatusBar).set_status(self.article.title, self.pager.page + 1, self.pager.page_count,
                                             self.pager.options)

    def _turn(self, changed: bool) -> None:
        if changed:
            self.refresh_page()

    def action_next_page(self) -> None:
        self._turn(self.pager.next_page())

    def action_previous_page(self) -> None:
        self._turn(self.pager.previous_page())

    def _rtl(self) -> bool:
        lines = self.pager.lines()
        return any(line.rtl for line in lines if line.kind != "blank")

    def action_page_left(self) -> None:
        """The page turns the way the script runs: left is forward in RTL text."""
        self._turn(self.pager.next_page() if self._rtl() else self.pager.previous_page())

    def action_page_right(self) -> None:
        self._turn(self.pager.previous_page() if self._rtl() else self.pager.next_page())

    def action_first_page(self) -> None:
        self._turn(self.pager.go_to_page(0))

    def action_last_page(self) -> None:
        self._turn(self.pager.go_to_page(self.pager.page_count - 1))

    def _open(self, index: int) -> None:
        if 0 <= index < len(self.articles) and index != self.index:
            self.index = index
            self.pager = self._pager_for(self.article)
            self.refresh_page()

    def action_next_article(self) -> None:
        self._open(self.index + 1)

    def action_previous_article(self) -> None:
        self._open(self.index - 1)
