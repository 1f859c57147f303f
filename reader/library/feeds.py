"""Refreshing feeds: the one engine behind ``sahifa refresh``, the library
screen's ``r`` and the app's background refresh.

Feeds are downloaded in parallel (16 at once, each within a
deadline for the whole download), with the ETag and Last-Modified of the
last answer so an unchanged feed costs a 304 and no body. A feed that moved
for good (301, 308) is followed to its new address and keeps it. A feed that
fails is tried again after a growing back-off (or when the server's
``Retry-After`` says), and keeps its error for ``feeds list``. Items whose
feed gives only a summary get their story from the linked page, also in
parallel; an item seen again with other text replaces the stored story.
Only this thread writes to the library: downloads and parsing run in worker
threads, and each feed's items are stored in their own transactions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import DocumentError
from ..settings.input_files import read_regular
from ..settings.language import _
from .http import MAX_BYTES, HttpError, Response, TooLarge, client, get
from .importers.feed import ParsedFeed, parse_feed
from .model import Article
from .records import Feed, Known
from .rules import Rules
from .storage import RefreshLocked as RefreshLocked  # (raised by refresh_lock)
from .storage import Store

if TYPE_CHECKING:
    import httpx

WORKERS = 16  # downloads at once (as Miniflux): feeds wait on the network, not on the CPU
LEASE = 600.0  # seconds a refresher holds the feeds it claimed (a shared library): a feed and its pages
FEED_DEADLINE = 30.0  # seconds for a whole feed download
PAGE_DEADLINE = 20.0  # seconds for one article page
# An article page is a few hundred KB; the extractor needs some 20 times a page's
# size in memory, so a bigger one is not fetched whole: the item keeps its summary.
PAGE_MAX_BYTES = 5 * 1024 * 1024
_EXTRACTING = threading.BoundedSemaphore(2)
PAGES_PER_FEED = 100  # pages fetched for one feed in one refresh; the rest wait for the next
BACKOFF_START = 5 * 60.0  # after the first failure; doubles with each failure after it
BACKOFF_MAX = 24 * 3600.0
FULL_TEXT = ("auto", "always", "never")
ACCEPT_FEEDS = ("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9,"
                " text/xml;q=0.9, application/json;q=0.9, */*;q=0.8")


@dataclass
class FeedResult:
    feed: Feed
    added: int = 0
    updated: int = 0  # stories the feed changed (a correction), or completed with their full text
    blocked: int = 0  # items left out by the block/keep rules
    summaries: int = 0  # items kept as summaries: their page could not be had
    too_large: int = 0  # of those, pages over PAGE_MAX_BYTES
    pages_left: int = 0  # items whose page waits for a later refresh (PAGES_PER_FEED)
    not_modified: bool = False
    moved_to: str = ""  # the feed's new address (a permanent redirect)
    error: str = ""  # one line: why the feed could not be refreshed
    next_check: float = 0.0

    @property
    def name(self) -> str:
        return self.feed.name


@dataclass
class RefreshReport:
    results: list[FeedResult] = field(default_factory=list)
    skipped: int = 0  # feeds not due yet (back-off, their ttl)

    @property
    def added(self) -> int:
        return sum(r.added for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.error]


@dataclass
class _Download:
    """What a worker brings back for one feed."""

    response: Response | None = None
    parsed: ParsedFeed | None = None
    error: str = ""
    retry_after: float | None = None


def refresh_feeds(library: Store, *, force: bool = False, feed_ids: Sequence[int] | None = None,
                  workers: int = WORKERS, deadline: float = FEED_DEADLINE, full_text: bool = True,
                  rules: Rules | None = None, progress: Callable[[FeedResult, int, int], None] | None = None,
                  now: float | None = None, http: httpx.Client | None = None, lease: float = LEASE) -> RefreshReport:
    """Refresh the feeds that are due (all of them with ``force``, or those in
    ``feed_ids``); ``progress(result, done, total)`` is called after each feed.

    Feeds are claimed from the store a few at a time, as workers come free:
    where several refreshers share a library (PostgreSQL, several machines),
    each claimed feed is held from the others by a lease for ``lease`` seconds,
    so each due feed is fetched once, and the feeds of a refresher that died
    are taken by the next one when its leases lapse."""
    now = time.time() if now is None else now
    feeds = [f for f in library.feeds() if feed_ids is None or f.id in feed_ids]
    total = sum(1 for f in feeds if force or feed_ids is not None or f.next_check <= now)
    report = RefreshReport(skipped=len(feeds) - total)
    if not total:
        return report
    workers = max(1, workers)
    own_client = http is None
    http = http or client(deadline)
    taken: set[int] = set()
    round_start = library.clock()  # a feed another refresher stored after this, it is not fetched again

    def claim(count: int) -> list[Feed]:
        claimed = library.claim_feeds(now, lease=lease, limit=count, force=force, feed_ids=feed_ids,
                                      exclude=taken, round_start=round_start)
        taken.update(f.id for f in claimed)
        return claimed

    try:
        with ThreadPoolExecutor(workers, thread_name_prefix="sahifa-refresh") as pool:
            downloads = {pool.submit(_download, http, feed, deadline, now): feed for feed in claim(workers)}
            done_count = 0
            while downloads:
                done = next(as_completed(downloads))
                feed = downloads.pop(done)
                try:
                    result = _store(library, feed, done.result(), pool, http, full_text, rules or Rules(), now)
                finally:
                    library.release_feed(feed.id)
                done_count += 1
                report.results.append(result)
                if progress is not None:
                    progress(result, done_count, max(total, done_count))
                for more in claim(workers - len(downloads)):
                    downloads[pool.submit(_download, http, more, deadline, now)] = more
    finally:
        if own_client:
            http.close()
    report.skipped += max(0, total - len(report.results))  # taken by another refresher meanwhile
    return report


def _download(http: httpx.Client, feed: Feed, deadline: float, now: float) -> _Download:
    """Download and parse one feed (in a worker thread: no library access here)."""
    try:
        if feed.url.startswith(("http://", "https://")):
            response = get(http, feed.url, etag=feed.etag, modified=feed.modified, deadline=deadline,
                           accept=ACCEPT_FEEDS)
            if response.not_modified:
                return _Download(response)
            parsed = parse_feed(response.body, response.url, response.headers, fetched=now)
            return _Download(response, parsed)
        parsed = parse_feed(read_regular(feed.url, MAX_BYTES), feed.url, fetched=now)
        return _Download(None, parsed)
    except HttpError as e:
        return _Download(error=str(e), retry_after=e.retry_after)
    except DocumentError as e:
        return _Download(error=f"{feed.url}: {e}" if feed.url not in str(e) else str(e))
    except OSError as e:
        return _Download(error=f"{feed.url}: {e.strerror or e}")


def backoff(failures: int) -> float:
    """Seconds before a feed that failed ``failures`` times in a row is tried again."""
    return min(BACKOFF_MAX, BACKOFF_START * 2.0 ** max(0, failures - 1))


def _store(library: Store, feed: Feed, download: _Download, pool: ThreadPoolExecutor, http: httpx.Client,
           full_text: bool, rules: Rules, now: float) -> FeedResult:
    result = FeedResult(feed)
    response = download.response
    if download.error:
        failures = feed.failures + 1
        wait = max(backoff(failures), download.retry_after or 0.0)
        result.error, result.next_check = download.error, now + wait
        library.update_feed(feed.id, {"checked": now, "error": download.error, "failures": failures,
                                      "next_check": result.next_check})
        return result
    changes: dict[str, object] = {"checked": now, "fetched": now, "error": "", "failures": 0}
    if response is not None:
        changes.update(etag=response.etag, modified=response.last_modified)
        if response.moved_to and response.moved_to != feed.url and library.feed(response.moved_to) is None:
            changes["url"] = result.moved_to = response.moved_to
    parsed = download.parsed
    if parsed is not None:
        changes["ttl"] = parsed.ttl
        if not feed.title and parsed.title:
            changes["title"] = parsed.title
        if parsed.site:
            changes["site"] = parsed.site
        _store_items(library, feed, parsed, pool, http, full_text, rules, result)
    else:
        result.not_modified = True
    result.next_check = now + (parsed.ttl if parsed is not None else feed.ttl)
    changes["next_check"] = result.next_check
    library.update_feed(feed.id, changes)
    result.feed = feed._replace(**changes)  # type: ignore[arg-type]  # the columns just written
    return result


def _store_items(library: Store, feed: Feed, parsed: ParsedFeed, pool: ThreadPoolExecutor, http: httpx.Client,
                 full_text: bool, rules: Rules, result: FeedResult) -> None:
    """Store a feed's new and changed items. Items that need no page are stored
    at once; the others as their pages arrive, a few at a time, so that a huge
    feed's first stories are in the library within seconds. At most
    ``PAGES_PER_FEED`` pages are fetched a refresh: items past that are stored
    as summaries now and completed by the refreshes after."""
    items = []
    for item in parsed.items:
        if rules.allows(feed.url, item):
            items.append(item.replace(source=feed.title or parsed.title or feed.url,
                                      meta=item.meta._replace(feed=feed.id, feed_url=feed.url)))
        else:
            result.blocked += 1
    by_guid, by_url = library.known_items(feed.id, (i.meta.guid for i in items), (i.url for i in items))
    batch = _Batch(library, result)
    pages: dict[Future[list[str]], tuple[Article, Known | None]] = {}
    for item in items:
        old = by_guid.get(item.meta.guid)  # within a feed, an item is known by its id alone
        elsewhere = by_url.get(item.url) if old is None else None
        if elsewhere is not None and elsewhere.feed != feed.id:
            continue  # the same story from another feed, or imported: stored once
        wants_page = full_text and _wants_page(feed, item)
        if old is not None and old.item_hash == item.meta.item_hash and not (old.partial and wants_page):
            continue  # seen before, unchanged (and complete)
        if wants_page and len(pages) < PAGES_PER_FEED:
            pages[pool.submit(_page, http, item, feed.selector)] = (item, old)
            continue
        if wants_page:
            result.pages_left += 1
            if old is not None and old.item_hash == item.meta.item_hash:
                continue  # its summary is stored already: a later refresh fetches its page
        partial = item.meta.summary_only and feed.full_text != "never"
        batch.store(item.replace(meta=item.meta._replace(partial=partial)), old)
    batch.flush()
    for done in as_completed(pages):
        item, old = pages[done]
        try:
            article = item.replace(paragraphs=tuple(done.result()), meta=item.meta._replace(partial=False))
        except Exception as e:  # no page, or no story in it (the extractor's own failures too): keep the summary
            result.summaries += 1
            if isinstance(e, TooLarge):
                result.too_large += 1
            if old is not None and old.item_hash == item.meta.item_hash:
                continue  # still only the summary we have: nothing to store
            article = item.replace(meta=item.meta._replace(partial=feed.full_text != "never"))
        batch.store(article, old)
    batch.flush()


class _Batch:
    """Articles stored a few at a time: a transaction per article would be slow,
    one for the whole feed would keep every story waiting for the last page."""

    SIZE = 50
    SECONDS = 1.0

    def __init__(self, library: Store, result: FeedResult) -> None:
        self.library, self.result = library, result
        self.new: list[Article] = []
        self.since = time.monotonic()

    def store(self, article: Article, old: Known | None) -> None:
        if old is not None:
            if self.library.replace(old.id, article):
                self.result.updated += 1
            return
        self.new.append(article)
        if len(self.new) >= self.SIZE or time.monotonic() - self.since >= self.SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.new:
            self.result.added += self.library.add(self.new)[0]
            self.new = []
        self.since = time.monotonic()


def _wants_page(feed: Feed, item: Article) -> bool:
    if not item.url or feed.full_text == "never":
        return False
    return feed.full_text == "always" or item.meta.summary_only


def _page(http: httpx.Client, item: Article, selector: str) -> list[str]:
    """The story of ``item`` from its page (in a worker thread)."""
    from .fulltext import page_paragraphs

    response = get(http, item.url, deadline=PAGE_DEADLINE, accept="text/html, application/xhtml+xml, */*;q=0.8",
                   max_bytes=PAGE_MAX_BYTES)
    with _EXTRACTING:  # extraction takes many times a page's size in memory: two at a time
        return page_paragraphs(response.body, response.url, selector, item.title)


def full_article(article: Article, selector: str = "", timeout: float = PAGE_DEADLINE) -> Article:
    """``article`` with its text from its page, now (the reader's key, ``sahifa import URL``)."""
    if not article.url.startswith(("http://", "https://")):
        raise DocumentError(_("this article has no web address to fetch"))
    with client(timeout) as http:
        paragraphs = _page(http, article, selector)
    return article.replace(paragraphs=tuple(paragraphs), meta=article.meta._replace(partial=False))


def refresh_lock(library: Store) -> AbstractContextManager[None]:
    """Hold the library's refresh lock, or raise RefreshLocked at once: two
    refreshes (a cron job and the app) never fetch the same feeds together."""
    return library.refresh_lock()
