"""The library: every article, newest first, searched as you type."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ...errors import LibraryError
from ...library.browse import SORT_LABELS, SORTS, Browser
from ...library.model import Article, meta_line
from ...library.storage import Store
from ...settings.language import N_, _, counted, is_rtl, numerals
from ...text.layout import fit_line
from ...text.styles import keyword_key
from ..context import sahifa
from ..line_text import Part, line_text
from ..widgets.article_list import ArticleList, Row
from ..widgets.key_hints import KeyHints

if TYPE_CHECKING:
    from ...library.feeds import RefreshReport
    from ...library.search import Hit

SEARCH_DELAY = 0.15  # seconds of quiet typing before a search runs
RESULTS = 200


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("slash", "search", N_("Search"), id="library.search"),
        Binding("s", "cycle_sort", N_("Sort"), tooltip=N_("Sort: newest, by source, unread first"), id="library.sort"),
        Binding("f", "filter_source", N_("Source"), tooltip=N_("Show one source, one tag, or the saved articles"),
                id="library.filter"),
        Binding("u", "toggle_read", N_("Read"), tooltip=N_("Mark read / unread"), id="library.toggle_read"),
        Binding("A", "mark_all_read", N_("All read"), show=False,
                tooltip=N_("Mark every article of the list read (a source, a tag, the results: what is shown)"),
                id="library.mark_all_read"),
        Binding("U", "undo_mark_all", N_("Undo all read"), show=False, tooltip=N_("Undo the last mark all read"),
                id="library.undo_mark_all"),
        Binding("o", "open_link", N_("Open"), show=False, tooltip=N_("Open the article's web page"),
                id="library.open_link"),
        Binding("F", "feeds", N_("Feeds"), show=False,
                tooltip=N_("The feeds: show one, refresh one, add, rename, remove"), id="library.feeds"),
        Binding("l", "toggle_unread_only", N_("Unread only"), show=False,
                tooltip=N_("Show only unread articles, or every article again"), id="library.unread_only"),
        Binding("asterisk", "toggle_saved", N_("Save"), show=False,
                tooltip=N_("Save / unsave: saved articles are never pruned"), id="library.save"),
        Binding("r", "refresh_feeds", N_("Refresh"), tooltip=N_("Fetch the feeds in the background"),
                id="library.refresh"),
        Binding("escape", "clear_search", N_("Clear search"), show=False, id="library.clear_search"),
        Binding("t", "app.next_theme", N_("Theme"), show=False, tooltip=N_("Next theme"), id="library.next_theme"),
        Binding("question_mark", "app.help", N_("Help"), tooltip=N_("Help: every key"), id="library.help"),
        Binding("q", "app.quit", N_("Quit"), id="library.quit"),
    ]
    DEFAULT_CSS = """
    #library-status {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(self, library: Store) -> None:
        super().__init__()
        self.library = library
        self.browser = Browser(library, sahifa(self).state)
        self.hits: list[Hit] | None = None
        self.query_text = ""
        self._search_timer: Timer | None = None
        self._search_timer_query: str | None = None  # typed, not yet answered
        self._open_when_found: str | None = None  # Enter came before the answer: open its best result
        self._search_serial = 0
        self._opened: int | None = None
        self._marked_read: list[str] = []  # what the last mark all read changed, for its undo
        self._busy = ""
        self._refreshing = False
        self._searching: Store | None = None
        self._said_damaged = False

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")
        yield Static(id="library-status")
        yield KeyHints(id="keys")

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    def on_mount(self) -> None:
        # rows drawn with styles: a line's direction goes to mlterm as a letter in the row's colour
        self.articles.options = sahifa(self).layout_options()._replace(hidden_lead=not self.app.no_color)
        self.articles.on_move = lambda _index: self.update_status()
        self.articles.focus()
        self.reload()
        minutes = sahifa(self).config.refresh_minutes
        if minutes and not self.library.read_only:
            # feeds that are due (their ttl and back-off respected), quietly, while the app is open
            self.set_interval(minutes * 60, lambda: self.refresh_feeds(force=False, quiet=True))

    # --- the list ------------------------------------------------------------------

    def reload(self, keep_id: int | None = None) -> None:
        """Load the list for the current sort and filter: a screenful now, the rest on a thread."""
        try:
            self.browser.load_first()
        except LibraryError as e:
            self._damaged(e)
        self._show_list(keep_id)
        if not self.browser.complete:
            self._busy = _("sorting…") if self.browser.sort == "unread" or self.browser.unread_only else ""
            self.run_worker(lambda: self._load_rest(keep_id), thread=True, group="load", exclusive=True)
        self.update_status()

    def _load_rest(self, keep_id: int | None) -> None:
        try:
            if self.browser.load_rest():
                self.app.call_from_thread(self._loaded, keep_id)
        except LibraryError as e:
            self.app.call_from_thread(self._damaged, e)

    def _damaged(self, error: LibraryError) -> None:
        """A library that cannot be read (damaged, gone): said once, never a crash."""
        if not self._said_damaged:
            self._said_damaged = True
            self.notify(str(error), severity="error", timeout=12)

    def _loaded(self, keep_id: int | None) -> None:
        self._busy = ""
        if self.hits is None:
            articles = self.articles
            if keep_id is not None or len(self.browser) != articles.count:
                current = keep_id if keep_id is not None else self._id_at(articles.cursor)
                articles.set_source(len(self.browser), self._entry_rows, 2, keep_cursor=True)
                index = self.browser.index_of(current) if current is not None else None
                if index is not None:
                    articles.go_to(index)
        self.update_status()

    def _id_at(self, index: int) -> int | None:
        return self.browser.ids[index] if 0 <= index < len(self.browser) else None

    def _show_list(self, keep_id: int | None = None) -> None:
        self.hits = None
        self.articles.set_source(len(self.browser), self._entry_rows, 2)
        if keep_id is not None:
            index = self.browser.index_of(keep_id)
            if index is not None:
                self.articles.go_to(index)

    def _entry_rows(self, start: int, stop: int) -> list[Row]:
        keywords = tuple(sahifa(self).config.watch)
        try:
            entries = self.browser.entries(start, stop)
            counts = self.browser.keyword_counts(entries, keywords)
        except LibraryError as error:
            self._damaged(error)
            return []
        rows = []
        for e in entries:
            chips = [(w, keyword_key(i), c) for i, (w, c) in enumerate(zip(keywords, counts.get(e.id, ())))]
            rows.append(Row(e.id, [(e.title, []), (meta_line(e.source, e.published, fetched=e.date_fetched), [])],
                            unread=not self.browser.is_read(e), saved=sahifa(self).state.is_saved(e.hash),
                            chips=chips))
        return rows

    def _hit_rows(self, start: int, stop: int) -> list[Row]:
        rows = []
        for hit in (self.hits or [])[start:stop]:
            key = self._hash_of(hit.id)
            state = sahifa(self).state
            meta = meta_line(hit.source, hit.published, fetched=hit.date_fetched)
            rows.append(Row(hit.id, [(hit.title, hit.title_spans), (meta, []), (hit.snippet, hit.spans)],
                            unread=not state.is_read(key),
                            saved=state.is_saved(key)))
        return rows

    def _hash_of(self, article_id: int) -> str:
        entries = self.library.entries_by_id([article_id])
        return entries[article_id].hash if article_id in entries else ""

    def update_status(self) -> None:
        status = self.query_one("#library-status", Static)
        width = status.size.width or 80
        if is_rtl():
            status.update(line_text(self._status_parts(), width, sahifa(self).layout_options(), align_right=True,
                                    background=status.rich_style))
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.hits is not None:
            text.append(self._results_text(), style="bold")
            text.append("  " + _("for") + " ")
            text.append(fit_line(self.query_text, max(4, width // 3), sahifa(self).layout_options(),
                                 rtl_align=False).text, style="bold")
        else:
            total = len(self.browser)
            more = "" if self.browser.complete else "+"
            position = self.articles.cursor + 1 if total else 0
            text.append(numerals(f"{position:,}/{total:,}{more}"), style="bold")
            text.append(f"  {_(SORT_LABELS[self.browser.sort])}")
            if self.browser.filter_label:
                text.append("  ")
                text.append(fit_line(self.browser.filter_label, 36, sahifa(self).layout_options(),
                                     rtl_align=False).text)
        if self._busy:
            text.append(f"  {self._busy}", style="italic")
        status.update(text)

    def _results_text(self) -> str:
        return counted("{count} result", "{count} results", len(self.hits or []), count=self._hits_count())

    def _hits_count(self) -> str:
        """How many results, "+" when the search stopped at its limit."""
        hits = self.hits or []
        return numerals(f"{len(hits):,}{'+' if len(hits) >= RESULTS else ''}")

    def _status_parts(self) -> list[Part]:
        """The status line in reading order, for a right-to-left interface."""
        parts: list[Part]
        if self.hits is not None:
            parts = [(self._results_text(), "bold"), ("  " + _("for") + " ", None),
                     (self.query_text[:40], "bold")]
        else:
            total = len(self.browser)
            more = "" if self.browser.complete else "+"
            position = self.articles.cursor + 1 if total else 0
            parts = [(numerals(f"{position:,}/{total:,}{more}"), "bold"),
                     ("  " + _(SORT_LABELS[self.browser.sort]), None)]
            if self.browser.filter_label:
                parts.append(("  " + self.browser.filter_label[:36], None))
        if self._busy:
            parts.append(("  " + self._busy, "italic"))
        return parts

    # --- opening -------------------------------------------------------------------

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        from .reader import ReaderScreen

        if self._opened is not None or self.app.screen is not self:
            return  # one is being opened already (Enter pressed twice, the second before the reader showed)
        rows = self.hits if self.hits is not None else None
        article_id = rows[event.index].id if rows is not None else self._id_at(event.index)
        if article_id is None:
            return
        try:
            article = self.library.get(article_id)
        except LibraryError as e:
            self.notify(str(e), severity="error")
            return
        if article is None:
            self.notify(_("that article is no longer in the library"), severity="warning")
            return
        self._opened = event.index
        terms = None
        if self.hits is not None:
            from ...library.search import parse_query

            terms = parse_query(self.query_text).terms
        self.app.push_screen(ReaderScreen([article], query_terms=terms, neighbour=self.unread_neighbour))

    def notice_clearance(self) -> tuple[int | None, int]:
        """(screen row of the selected article, rows below the list): where
        notices must not stand."""
        lst = self.articles
        selected = lst.region.y + (lst.cursor - lst.top) * lst.row_height if lst.count else None
        return selected, max(0, self.size.height - (lst.region.y + lst.region.height))

    def on_screen_resume(self) -> None:
        if self._opened is not None:
            index, self._opened = self._opened, None
            self._mark_read(index)
        self.articles.focus()
        self.update_status()

    def _row_id(self, index: int) -> int | None:
        if self.hits is not None:
            return self.hits[index].id if 0 <= index < len(self.hits) else None
        return self._id_at(index)

    def _mark_read(self, index: int) -> None:
        row_id = self._row_id(index)
        if row_id is not None:
            sahifa(self).state.set_read(self._hash_of(row_id), True)
            self.browser.forget(row_id)
        self.articles.invalidate(index)

    def _unread_from(self, index: int, step: int) -> int | None:
        """The first unread row after ``index`` going ``step`` (1 down, -1 up)
        in the list as shown (results or articles), looked up 200 at a time."""
        state = sahifa(self).state
        count = len(self.hits) if self.hits is not None else len(self.browser)
        i = index + step
        while 0 <= i < count:
            rows = list(range(i, min(count, i + 200)) if step > 0 else range(i, max(-1, i - 200), -1))
            ids = [self._row_id(k) for k in rows]
            entries = self.library.entries_by_id([x for x in ids if x is not None])
            for k, row_id in zip(rows, ids):
                entry = entries.get(row_id) if row_id is not None else None
                if entry is not None and not state.is_read(entry.hash):
                    return k
            i = rows[-1] + step
        return None

    def unread_neighbour(self, step: int) -> Article | None:
        """For the reader's next / previous unread article (``]``, ``[``, space
        on the last page): the one being read is marked read, the list's cursor
        follows, and the article comes back (None: no unread one that way)."""
        if self._opened is None:
            return None
        index = self._unread_from(self._opened, step)
        row_id = self._row_id(index) if index is not None else None
        article = self.library.get(row_id) if row_id is not None else None
        if index is None or article is None:
            return None
        self._mark_read(self._opened)
        self._opened = index
        self.articles.go_to(index)
        return article

    # --- keys ----------------------------------------------------------------------

    def _cursor_key(self) -> str | None:
        """The state key (hash) of the article under the cursor."""
        index = self.articles.cursor
        row_id = self.hits[index].id if self.hits is not None and index < len(self.hits) else self._id_at(index)
        return None if row_id is None else self._hash_of(row_id)

    def action_toggle_read(self) -> None:
        key = self._cursor_key()
        if key is not None:
            read = not sahifa(self).state.is_read(key)
            sahifa(self).state.set_read(key, read)
            self.articles.invalidate(self.articles.cursor)
            self.notify(_("marked read") if read else _("marked unread"), timeout=2)

    def _shown_keys(self) -> list[str]:
        """The state keys of every article the list shows: the search results, or
        the whole list as filtered (not only the rows loaded so far)."""
        if self.hits is not None:
            entries = self.library.entries_by_id([h.id for h in self.hits])
            return [e.hash for e in entries.values()]
        browser = self.browser
        return [h for rows in self.library.ordered_ids("date", browser.source, with_hash=True, **browser._filters())
                for _id, h in rows]

    def action_mark_all_read(self) -> None:
        state = sahifa(self).state
        read = state.read_keys()
        unread = [k for k in dict.fromkeys(self._shown_keys()) if k not in read]
        if not unread:
            self.notify(_("nothing unread here"), timeout=2)
            return
        state.set_read_many(unread, True)
        self._marked_read = unread
        self.articles.invalidate()
        self.articles.refresh()
        self.notify(counted("{count} article marked read (U: undo)", "{count} articles marked read (U: undo)",
                            len(unread)), timeout=6)

    def action_undo_mark_all(self) -> None:
        if not self._marked_read:
            self.notify(_("nothing to undo"), timeout=2)
            return
        keys, self._marked_read = self._marked_read, []
        sahifa(self).state.set_read_many(keys, False)
        self.articles.invalidate()
        self.articles.refresh()
        self.notify(counted("{count} article unread again", "{count} articles unread again", len(keys)), timeout=3)

    def action_toggle_unread_only(self) -> None:
        if self.hits is not None:
            self.notify(_("filters apply to the list: esc leaves the search results"), timeout=3)
            return
        self.browser.unread_only = not self.browser.unread_only
        self.reload(self._id_at(self.articles.cursor))
        self.notify(_("unread articles only") if self.browser.unread_only else _("every article"), timeout=2)

    def action_open_link(self) -> None:
        """``o``: the selected article's web page, as from the reader."""
        from ..links import open_link

        row_id = self._row_id(self.articles.cursor)
        entry = self.library.entries_by_id([row_id]).get(row_id) if row_id is not None else None
        open_link(self, entry.url if entry is not None else "")

    def action_cycle_sort(self) -> None:
        if self.hits is not None:
            self.notify(_("sorting applies to the list: esc leaves the search results"))
            return
        keep = self._id_at(self.articles.cursor)
        self.browser.sort = SORTS[(SORTS.index(self.browser.sort) + 1) % len(SORTS)]
        self.reload(keep)
        self.notify(_(SORT_LABELS[self.browser.sort]), timeout=2)

    def action_filter_source(self) -> None:
        from .sources import ALL, SAVED, TAG, SourcesScreen

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            browser = self.browser
            browser.source = browser.tag = browser.feed = None
            browser.saved_only = choice == SAVED
            if choice.startswith(TAG):
                browser.tag = choice[len(TAG):]
            elif choice not in (ALL, SAVED):
                browser.source = choice
            self.reload()

        browser = self.browser
        current = SAVED if browser.saved_only else TAG + browser.tag if browser.tag else browser.source or ALL
        tags = sorted({t for feed in self.library.feeds() for t in feed.tags})
        self.app.push_screen(SourcesScreen(self.library.sources(), current, sahifa(self).layout_options(), tags),
                             chosen)

    def action_toggle_saved(self) -> None:
        key = self._cursor_key()
        if key is not None:
            state = sahifa(self).state
            state.set_saved(key, not state.is_saved(key))
            self.notify(_("saved: kept whatever the retention") if state.is_saved(key) else _("no longer saved"),
                        timeout=2)
            self.articles.invalidate(self.articles.cursor)

    def action_refresh_feeds(self) -> None:
        """Every feed, now, in the background (keys keep working)."""
        self.refresh_feeds(force=True)

    def action_feeds(self) -> None:
        from .feeds import FeedRow, FeedsScreen

        read = sahifa(self).state.read_keys()
        keys = self.library.feed_counts()
        rows = [FeedRow(f.id, f.name, sum(1 for k in keys.get(f.id, ()) if k not in read), f.error)
                for f in self.library.feeds()]
        self.app.push_screen(FeedsScreen(rows, sahifa(self).layout_options()), self._feed_chosen)

    def _feed_chosen(self, action) -> None:
        """Carry out what the feeds dialog chose."""
        if action is None:
            return
        feed = self.library.feed(action.feed_id) if action.feed_id else None
        if action.kind == "show" and feed is not None:
            self.browser.show_feed(feed.id, feed.name)
            self.reload()
            return
        if self.library.read_only:
            self.notify(_("the library is read-only: its feeds cannot be changed here"), severity="warning")
            return
        if action.kind == "refresh" and feed is not None:
            self.refresh_feeds(force=True, feed_ids=[feed.id])
        elif action.kind == "remove" and feed is not None:
            self.library.remove_feed(feed.id)
            self.notify(_("no longer following {name} (its articles stay)").format(name=feed.name), timeout=4)
        elif action.kind == "rename" and feed is not None:
            self.library.update_feed(feed.id, {"title": action.text})
            self.notify(_("renamed: {name}").format(name=action.text), timeout=3)
        elif action.kind == "add":
            self.notify(_("looking for the feed at {address}…").format(address=action.text), timeout=3)
            self.run_worker(lambda: self._add_worker(action.text), thread=True, group="add-feed")

    def _add_worker(self, address: str) -> None:
        from ...errors import SahifaError
        from ...library.subscribe import subscribe

        try:
            library = self.library.reopen(read_only=False)
            try:
                added = subscribe(library, address)
            finally:
                library.close()
        except SahifaError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._feed_added, added.feed.id, added.feed.name, added.new)

    def _feed_added(self, feed_id: int, name: str, new: bool) -> None:
        if not new:
            self.notify(_("already following {name}").format(name=name), timeout=4)
            return
        self.notify(_("now following {name}: fetching it").format(name=name), timeout=4)
        self.refresh_feeds(force=True, feed_ids=[feed_id])

    def refresh_feeds(self, force: bool, quiet: bool = False, feed_ids: list[int] | None = None) -> None:
        if self.library.read_only:
            if not quiet:
                self.notify(_("the library is read-only: feeds cannot be refreshed here"), severity="warning")
            return
        if not self.library.feeds():
            if not quiet:
                self.notify(_("no feeds yet: sahifa feeds add URL"))
            return
        if self._refreshing:
            return
        self._refreshing = True
        self._set_busy(_("refreshing feeds…"))
        self.run_worker(lambda: self._refresh_worker(force, quiet, feed_ids), thread=True, group="refresh")

    def _refresh_worker(self, force: bool, quiet: bool, feed_ids: list[int] | None = None) -> None:
        from ...library.feeds import FeedResult, RefreshReport
        from ...library.rules import Rules
        from ...library.services import refresh_now

        def progress(_result: FeedResult, done: int, total: int) -> None:
            self.app.call_from_thread(
                self._set_busy, _("refreshing feeds {done}/{total}…").format(done=done, total=total))

        report, error = RefreshReport(), ""
        try:
            library = self.library.reopen(read_only=False)
            try:
                report = refresh_now(library, force=force, feed_ids=feed_ids,
                                     rules=Rules.from_config(sahifa(self).config), progress=progress)
            finally:
                library.close()
        except LibraryError as e:
            error = str(e)
        self.app.call_from_thread(self._refreshed, report, error, quiet)

    def _set_busy(self, text: str) -> None:
        self._busy = text
        self.update_status()

    def _refreshed(self, report: RefreshReport, error: str, quiet: bool) -> None:
        self._refreshing = False
        self._busy = ""
        failed = report.failed
        if error:
            self.notify(error, severity="error", timeout=8)
        elif failed:
            names = "; ".join(f"{r.name}: {r.error.removeprefix(r.feed.url + ': ')}" for r in failed[:3])
            more = (" " + counted("(and {count} more: sahifa feeds list)", "(and {count} more: sahifa feeds list)",
                                  len(failed) - 3) if len(failed) > 3 else "")
            self.notify(_("{added}; {failed}").format(
                added=counted("{count} new article", "{count} new articles", report.added),
                failed=counted("{count} feed failed: {names}", "{count} feeds failed: {names}", len(failed),
                               names=names)) + more, severity="warning", timeout=12)
        elif report.added or not quiet:
            updated = (_(", ") + counted("{count} updated", "{count} updated", report.updated)
                       if report.updated else "")
            self.notify(counted("{count} new article", "{count} new articles", report.added) + updated, timeout=4)
        if report.added or report.updated:
            if self.hits is None:
                self.reload(self._id_at(self.articles.cursor))
        else:
            self.update_status()

    # --- search --------------------------------------------------------------------

    async def action_search(self) -> None:
        from ..widgets.search_bar import open_search_bar

        bar = await open_search_bar(self, sahifa(self).layout_options(), before=self.query_one("#library-status"))
        bar.entry.value = self.query_text

    @property
    def search_bar(self):
        return self.query_one("#search")

    def action_clear_search(self) -> None:
        if self.hits is not None:
            self.query_text = ""
            self._show_list()
            self.update_status()

    def on_rtl_input_changed(self, event) -> None:
        if event.entry.id != "search-input":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        query = event.value.strip()
        self._search_timer_query = query
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._start_search(query))

    def _start_search(self, query: str) -> None:
        self._cancel_search()
        self._search_serial += 1
        serial = self._search_serial
        bar = self.search_bar
        if not query:
            self._search_timer_query = None
            bar.set_count("")
            return
        bar.set_count("…")
        self.run_worker(lambda: self._search_worker(serial, query), thread=True, group="search")

    def _search_worker(self, serial: int, query: str) -> None:
        from ...errors import SahifaError
        from ...library.search import search  # loaded with the first search, not at start-up
        from ...library.storage import SearchCancelled

        started = time.perf_counter()
        try:
            library = self.library.reopen(read_only=True)
        except LibraryError as e:
            self.app.call_from_thread(self._search_failed, serial, str(e))
            return
        self._searching = library  # a newer search, or leaving, stops this one (Store.cancel)
        try:
            hits = search(library, query, limit=RESULTS)
        except SearchCancelled:
            return
        except SahifaError as e:  # a query it cannot run, a damaged index: a notice, never a crash
            self.app.call_from_thread(self._search_failed, serial, str(e))
            return
        finally:
            if self._searching is library:
                self._searching = None
            library.close()
        self.app.call_from_thread(self._search_done, serial, query, hits, time.perf_counter() - started)

    def _cancel_search(self) -> None:
        searching = self._searching
        if searching is not None:
            searching.cancel()

    def on_unmount(self) -> None:
        self._cancel_search()  # leaving never waits for a search

    def _search_done(self, serial: int, query: str, hits: list[Hit], seconds: float) -> None:
        if serial != self._search_serial:
            return  # a newer query was typed meanwhile: drop these results
        if self._search_timer_query == query:
            self._search_timer_query = None
        self.hits = hits
        self.query_text = query
        self.articles.set_source(len(hits), self._hit_rows, 3)
        self.search_bar.set_count(counted("{count} found", "{count} found", len(hits), count=self._hits_count()))
        self.update_status()
        if self._open_when_found == query:
            self._open_when_found = None
            if hits and not self.search_bar.is_open:
                self.articles.action_choose()

    def _search_failed(self, serial: int, message: str) -> None:
        if serial == self._search_serial:
            self._open_when_found = self._search_timer_query = None
            self.search_bar.set_count("—")
            self.notify(message, severity="warning", timeout=3)

    def on_rtl_input_submitted(self, event) -> None:
        """Enter in the search field opens the best result at its first match,
        at once or as soon as the search answers."""
        if event.entry.id != "search-input":
            return
        self.search_bar.close()
        self.articles.focus()
        query = event.value.strip()
        if not query:
            self.action_clear_search()
        elif self.hits is not None and self.query_text == query and self._search_timer_query is None:
            if self.hits:
                self.articles.action_choose()
        else:
            self._open_when_found = query

    def on_key(self, event) -> None:
        """↓ (or Tab) in the search field goes to the results, the best one selected."""
        focused = self.focused
        if getattr(focused, "id", None) == "search-input" and event.key in ("down", "tab") and self.hits:
            self.search_bar.close()
            self.articles.focus()
            event.stop()
            event.prevent_default()

    def on_rtl_input_cancelled(self, event) -> None:
        if event.entry.id != "search-input":
            return
        self.search_bar.close()
        self._search_serial += 1
        self._open_when_found = self._search_timer_query = None
        self.articles.focus()
        self.action_clear_search()
