"""Reading one article a page at a time: keys, search, keywords, position."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from ...library.identity import article_key
from ...library.model import Article
from ...settings.language import N_, _, counted
from ...text.pager import Pager
from ...text.render import Span
from ...text.styles import keyword_key
from ..context import sahifa
from ..line_text import ui_text
from ..widgets.key_hints import KeyHints
from ..widgets.page_view import PageView
from ..widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from ...text.find import Finder

MIN_WIDTH, MIN_HEIGHT = 20, 3  # the page area below which a notice replaces the text
HUGE = 1_000_000  # characters: beyond this an article is laid out only as it is read


class ReaderScreen(Screen):
    BINDINGS = [
        Binding("space,pagedown", "next_page", N_("Next"), tooltip=N_("Next page"), id="reader.next_page"),
        Binding("b,pageup", "previous_page", N_("Previous"), tooltip=N_("Previous page"), id="reader.previous_page"),
        Binding("left", "page_left", N_("Turn page leftwards (next in RTL)"), show=False, id="reader.page_left"),
        Binding("right", "page_right", N_("Turn page rightwards (next in LTR)"), show=False, id="reader.page_right"),
        Binding("j,down", "line_down", N_("One line down"), show=False, id="reader.line_down"),
        Binding("k,up", "line_up", N_("One line up"), show=False, id="reader.line_up"),
        Binding("g,home", "first_page", N_("First page"), show=False, id="reader.first_page"),
        Binding("G,end", "last_page", N_("Last page"), show=False, id="reader.last_page"),
        Binding("slash", "search", N_("Search"), id="reader.search"),
        Binding("n", "next_match", N_("Next match"), show=False, id="reader.next_match"),
        Binding("N", "previous_match", N_("Previous match"), show=False, id="reader.previous_match"),
        Binding("escape", "clear_search", N_("Clear search"), show=False, id="reader.clear_search"),
        Binding("h", "keywords", N_("Highlight"), tooltip=N_("Highlight keywords: add, remove"), id="reader.keywords"),
        Binding("t", "app.next_theme", N_("Theme"), tooltip=N_("Next theme"), id="reader.next_theme"),
        Binding("f", "full_text", N_("Full text"), show=False, tooltip=N_("Fetch the full story from its web page now"),
                id="reader.full_text"),
        Binding("asterisk", "toggle_saved", N_("Save"), show=False,
                tooltip=N_("Save / unsave: saved articles are never pruned"), id="reader.save"),
        Binding("y", "copy_paragraph", N_("Copy paragraph"), show=False,
                tooltip=N_("Copy the paragraph at the top of the page, as text"), id="reader.copy_paragraph"),
        Binding("Y", "copy_article", N_("Copy article"), show=False,
                tooltip=N_("Copy the whole article (headline, source, address, text)"), id="reader.copy_article"),
        Binding("i", "details", N_("Details"), show=False, tooltip=N_("Source, author, date, address, tags, length"),
                id="reader.details"),
        Binding("o", "open_link", N_("Open"), show=False, tooltip=N_("Open the article's web page"),
                id="reader.open_link"),
        Binding("l", "links", N_("Links"), show=False, tooltip=N_("The article's links and media: open or copy one"),
                id="reader.links"),
        Binding("right_square_bracket", "next_article", N_("Next unread"), show=False,
                tooltip=N_("The next unread article of the list (space on the last page too)"),
                id="reader.next_article"),
        Binding("left_square_bracket", "previous_article", N_("Previous unread"), show=False,
                tooltip=N_("The previous unread article of the list"), id="reader.previous_article"),
        Binding("question_mark", "app.help", N_("Help"), tooltip=N_("Help: every key"), id="reader.help"),
        Binding("q", "back", N_("Back"), tooltip=N_("Back, or quit from the top screen"), id="reader.back"),
    ]

    def __init__(self, articles: list[Article], index: int = 0, query_terms=None,
                 neighbour: Callable[[int], Article | None] | None = None) -> None:
        super().__init__()
        self.articles = articles
        self.index = index
        # the list this article was opened from: its next (1) / previous (-1) unread article
        self.neighbour = neighbour
        self.query_terms = query_terms  # from a library search: open at its first match
        self.finder: Finder | None = None
        self._search_origin = 0
        self._saved_offset: int | None = None
        self._refresh_pending = False
        self._first_match: int | None = None  # shown on the first refresh (opened from a search)
        self._merged: tuple | None = None  # (keyword spans, finder, current match, merged spans)
        self._open_article()

    # --- article state ---------------------------------------------------------

    @property
    def article(self) -> Article:
        return self.articles[self.index]

    def _open_article(self) -> None:
        article = self.article
        self.key = article_key(article)
        self.blocks = list(zip(article.block_offsets(), (t for _, t in article.blocks())))
        self.text = article.text  # the logical text selections are cut from (made once: it is the whole article)
        offset = sahifa(self).state.position(self.key)
        from ...library.details import byline

        # the page draws each line with styles: a line's direction goes to mlterm as a letter
        # in the background's colour (without colours, a mark: no background to fall short)
        options = sahifa(self).layout_options()._replace(hidden_lead=not self.app.no_color)
        self.pager = Pager(article.blocks(), options, article.direction, offset, byline(article))
        self._saved_offset = offset
        self.finder = None
        if self.query_terms:
            from ...text.find import Finder

            self.finder = Finder(self.blocks, "", self.query_terms)
            span, _wrapped = self.finder.first_from(0)
            if span is not None:
                self.pager.offset = self.blocks[0][0]
                self._first_match = span.start
        self.compute_keyword_spans()

    def compute_keyword_spans(self) -> None:
        words = sahifa(self).keywords
        if not words:
            self.keyword_spans, self.keyword_counts = [], []
            return
        from ...text.highlight import count_by_key, keyword_spans

        self.keyword_spans = keyword_spans(self.blocks, words)
        counts = count_by_key(self.keyword_spans)
        self.keyword_counts = [(w, keyword_key(i), counts.get(keyword_key(i), 0)) for i, w in enumerate(words)]

    def all_spans(self) -> list[Span]:
        """Keyword spans and search matches in order; merged again only when the
        keywords, the search or its current match change (not on every page turn)."""
        finder = self.finder if self.finder and self.finder.matches else None
        current = finder.current if finder else None
        cached = self._merged
        if cached and cached[0] is self.keyword_spans and cached[1] is finder and cached[2] == current:
            return cached[3]
        spans = sorted(self.keyword_spans + finder.spans()) if finder else self.keyword_spans
        self._merged = (self.keyword_spans, finder, current, spans)
        return spans

    def save_position(self) -> None:
        if self.pager.offset != self._saved_offset:
            sahifa(self).state.save_position(self.key, self.pager.offset)
            self._saved_offset = self.pager.offset

    # --- drawing ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield PageView(id="page")
        yield StatusBar(id="status")
        yield KeyHints(id='keys')

    def on_mount(self) -> None:
        self.query_one(PageView).focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_page())
        self.refresh_page()  # at the size the page will have: the first frame shows it
        self.schedule_refresh()  # and again at the size it got, if that differs

    def on_resize(self) -> None:
        self.schedule_refresh()

    def on_screen_resume(self) -> None:
        self.schedule_refresh()

    def schedule_refresh(self) -> None:
        """One refresh after the pending layout pass, however many events asked
        for one (a burst of resizes lays out once, at the final size)."""
        if not self._refresh_pending:
            self._refresh_pending = True
            self.call_after_refresh(self.refresh_page)

    def refresh_page(self) -> None:
        self._refresh_pending = False
        view = self.query_one(PageView)
        size = view.size if view.size.area else self._expected_page_size()
        if size.width < MIN_WIDTH or size.height < MIN_HEIGHT:
            view.show_notice(ui_text(_("window too small"), 30, sahifa(self).layout_options()))
            self.query_one(StatusBar).update("")
            return
        text_width = sahifa(self).options.text_width(size.width)
        self.pager.resize(text_width, size.height)
        if self._first_match is not None:
            self.pager.go_to_offset(self._first_match)
            self._first_match = None
        lines = self.pager.lines()
        if view.text is not self.text:  # a new article: not at every page turn
            from ...text.sanitize import safe_link

            view.text = self.text
            view.link = safe_link(self.article.url)
            view.arabic_numbers = sahifa(self).config.text_digits == "arabic"
        view.show(lines, self._page_spans(lines), margin=(size.width - text_width) // 2)
        self._update_status()
        if not self.pager.layout.complete and self.pager.total <= HUGE:
            self.call_after_refresh(self._finish_layout)

    def _expected_page_size(self) -> Size:
        """The page's size before the first layout pass: the window less the
        page's padding and the status and key lines under it."""
        top, right, bottom, left = PageView.PADDING
        window = self.app.size
        return Size(window.width - left - right, window.height - top - bottom - 2)

    def _finish_layout(self) -> None:
        """The rest of the article, after the first screen is painted (for the page count)."""
        if self.pager.finish():
            self._update_status()

    def _page_spans(self, lines) -> list[Span]:
        spans = self.all_spans()
        if not spans or not lines:
            return []
        start, end = lines[0].start, lines[-1].end
        return [s for s in spans if s.start < end and s.end > start]

    def _update_status(self) -> None:
        match = ""
        if self.finder is not None:
            if not self.finder.matches:
                match = _("no match")
            elif self.finder.current is not None:
                match = _("match {n}/{total}").format(n=self.finder.current + 1, total=len(self.finder))
            else:
                match = counted("{count} match", "{count} matches", len(self.finder))
        count = self.pager.page_count
        pages: int | str = count if count is not None else (
            f"≈{self.pager.estimated_pages():,}" if self.pager.total > HUGE else "…")
        self.query_one(StatusBar).set_status(
            self.article.title, self.pager.page + 1, pages, self.pager.percent(),
            self.pager.options, self.keyword_counts, match,
        )

    def _moved(self, changed: bool) -> None:
        if changed:
            self.refresh_page()
            self.save_position()

    # --- paging ----------------------------------------------------------------

    def action_next_page(self) -> None:
        """The next page; on the last one, as newsboat's space, the next unread article."""
        if self.pager.next_page():
            self._moved(True)
        elif self.neighbour is not None or len(self.articles) > 1:
            self.action_next_article()

    def action_previous_page(self) -> None:
        self._moved(self.pager.previous_page())

    def _article_is_rtl(self) -> bool:
        layout = self.pager.layout
        layout.extend(lines=3)
        return next((line.rtl for line in layout.lines if line.kind != "blank"), False)

    def action_page_left(self) -> None:
        """The page turns the way the script runs: left is forward in RTL text."""
        self._moved(self.pager.next_page() if self._article_is_rtl() else self.pager.previous_page())

    def action_page_right(self) -> None:
        self._moved(self.pager.previous_page() if self._article_is_rtl() else self.pager.next_page())

    def action_line_down(self) -> None:
        self._moved(self.pager.scroll(1))

    def action_line_up(self) -> None:
        self._moved(self.pager.scroll(-1))

    def action_first_page(self) -> None:
        self._moved(self.pager.go_to_page(0))

    def action_last_page(self) -> None:
        self._moved(self.pager.last_page())

    def _switch(self, index: int) -> None:
        if 0 <= index < len(self.articles) and index != self.index:
            self.save_position()
            self.index = index
            self._open_article()
            self.refresh_page()

    def action_next_article(self) -> None:
        self._go_to_article(1)

    def action_previous_article(self) -> None:
        self._go_to_article(-1)

    def _go_to_article(self, step: int) -> None:
        """Files given together: the next or previous one. From the library:
        its next or previous unread article (the one left is marked read)."""
        if len(self.articles) > 1:
            if 0 <= self.index + step < len(self.articles):
                self._switch(self.index + step)
            else:
                self.notify(_("this is the last article") if step > 0 else _("this is the first article"), timeout=2)
            return
        article = None
        if self.neighbour is not None:
            self.save_position()
            article = self.neighbour(step)
        if article is None:
            self.notify(_("no unread article after this one") if step > 0 else
                        _("no unread article before this one"), timeout=2)
            return
        self.articles, self.index = [article], 0
        self._open_article()
        self.refresh_page()

    def notice_clearance(self) -> tuple[int | None, int]:
        """(no selected row, rows below the page): notices stay above the status line."""
        page = self.query_one(PageView)
        return None, max(0, self.size.height - (page.region.y + page.region.height))

    def binding_label(self, binding: Binding) -> str:
        """``q`` says where it goes: back to the library, or out when this is the top screen."""
        if binding.id == "reader.back" and len(self.app.screen_stack) <= 1:
            return N_("Quit")
        return binding.description

    def action_back(self) -> None:
        self.save_position()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit(0)

    # --- search ----------------------------------------------------------------

    async def action_search(self) -> None:
        from ..widgets.search_bar import open_search_bar

        self._search_origin = self.pager.offset
        await open_search_bar(self, sahifa(self).layout_options(), before=self.query_one(StatusBar))

    @property
    def search_bar(self):
        return self.query_one("#search")

    def on_rtl_input_changed(self, event) -> None:
        if event.entry.id != "search-input":
            return
        from ...text.find import Finder

        query = event.value.strip()
        self.finder = Finder(self.blocks, query) if query else None
        bar = self.search_bar
        bar.set_count(self._match_count())
        self.refresh_page()

    def _match_count(self) -> str:
        finder = self.finder
        if not finder:
            return ""
        return counted("{count} match", "{count} matches", len(finder)) + (
            " " + _("(word start)") if finder.as_prefix else "")

    def on_rtl_input_submitted(self, event) -> None:
        if event.entry.id != "search-input":
            return
        self.search_bar.close()
        self.query_one(PageView).focus()
        if not self.finder:
            self.refresh_page()
            return
        span, wrapped = self.finder.first_from(self._search_origin)
        if span is None:
            self.notify(_("no match"), severity="warning")
            self.refresh_page()
            return
        if wrapped:
            self.notify(_("no match after here: back to the first one"))
        self._show_match(span)

    def on_rtl_input_cancelled(self, event) -> None:
        if event.entry.id != "search-input":
            return
        self.search_bar.close()
        self.query_one(PageView).focus()
        self.finder = None
        self.refresh_page()

    def _show_match(self, span: Span) -> None:
        if not self.pager.shows(span.start):
            self.pager.go_to_offset(span.start)
            self.save_position()
        self.refresh_page()

    def _step(self, delta: int) -> None:
        if not self.finder:
            self.notify(_("no search: press / to search"))
            return
        span, wrapped = self.finder.step(delta)
        if span is None:
            self.notify(_("no match"), severity="warning")
            return
        if wrapped:
            self.notify(_("search wrapped to the first match") if delta > 0 else _("search wrapped to the last match"))
        self._show_match(span)

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def action_clear_search(self) -> None:
        if self.finder is not None:
            self.finder = None
            self.refresh_page()

    # --- keywords --------------------------------------------------------------

    def action_keywords(self) -> None:
        from .keywords import KeywordsScreen

        counts = {w: c for w, _, c in self.keyword_counts}

        def done(words: list[str] | None) -> None:
            if words is not None and words != sahifa(self).keywords:
                sahifa(self).keywords = words
                self.compute_keyword_spans()
            self.refresh_page()

        self.app.push_screen(
            KeywordsScreen(sahifa(self).keywords, sahifa(self).config.watch, counts, sahifa(self).layout_options()),
            done,
        )

    # --- the story itself -------------------------------------------------------

    def action_copy_paragraph(self) -> None:
        """Copy the paragraph the page starts in (the headline on the first page)."""
        from ...library.export import logical

        offset = self.pager.offset
        text = next((t for start, t in reversed(self.blocks) if start <= offset), "")
        text = logical(text)
        self._copy(text, counted("copied the paragraph as text: {count} character",
                                 "copied the paragraph as text: {count} characters", len(text)))

    def action_copy_article(self) -> None:
        from ...library.export import article_as_text

        text = article_as_text(self.article)
        self._copy(text, counted("copied the article as text: {count} character",
                                 "copied the article as text: {count} characters", len(text)))

    def _copy(self, text: str, said: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(said, timeout=3)

    def action_details(self) -> None:
        from .details import DetailsScreen

        self.app.push_screen(DetailsScreen(self.article, self._feed_details()))

    def _feed_details(self) -> tuple[str, list[str]]:
        """(feed title, tags) of the article's feed, when it came from one."""
        library = getattr(self.app, "library", None)
        feed_id = self.article.meta.feed
        if library is None or not feed_id:
            return "", []
        try:
            feed = library.feed(feed_id)
            return (feed.title or feed.url, list(feed.tags)) if feed is not None else ("", [])
        except Exception:
            return "", []

    def action_links(self) -> None:
        from ...library.details import article_links
        from .links import LinksScreen

        links = article_links(self.article)
        if not links:
            self.notify(_("this article has no links"), timeout=2)
            return
        self.app.push_screen(LinksScreen(links, sahifa(self).layout_options()))

    def action_open_link(self) -> None:
        from ..links import open_link

        open_link(self, self.article.url)

    def action_toggle_saved(self) -> None:
        state = sahifa(self).state
        state.set_saved(self.key, not state.is_saved(self.key))
        self.notify(_("saved: kept whatever the retention") if state.is_saved(self.key) else _("no longer saved"),
                    timeout=2)

    def action_full_text(self) -> None:
        article = self.article
        if not article.url.startswith(("http://", "https://")):
            self.notify(_("this article has no web address to fetch"), severity="warning")
            return
        self.notify(_("fetching the full story…"), timeout=2)
        self.run_worker(lambda: self._fetch_full(self.index, article), thread=True, group="full-text",
                        exclusive=True)

    def _fetch_full(self, index: int, article: Article) -> None:
        from ...errors import SahifaError
        from ...library.services import complete_summary

        library = getattr(self.app, "library", None)
        own = library.reopen() if library is not None else None
        try:
            full = complete_summary(own, article)
        except SahifaError as e:
            self.app.call_from_thread(self.notify, str(e), severity="warning", timeout=6)
            return
        finally:
            if own is not None:
                own.close()
        self.app.call_from_thread(self._show_full, index, full)

    def _show_full(self, index: int, full: Article) -> None:
        if index >= len(self.articles):
            return
        self.articles[index] = full
        if index == self.index:
            offset = self.pager.offset
            self._open_article()
            self.pager.go_to_offset(min(offset, self.pager.total))
            self.refresh_page()
        self.notify(counted("the full story: {count} paragraph", "the full story: {count} paragraphs",
                            len(full.paragraphs)), timeout=3)
